/**
 * Safety commands (issue #7, docs/safety.md): backup, check, restore, bundles, history and trash.
 * Exit codes as elsewhere: 0 done, 1 something was found or refused, 2 the archive or file unusable.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { VanthuError } from '../../../shared/api/errors';
import type { CheckReport } from '../../../shared/model/safety';
import { isIsoDate } from '../../../shared/tasks/status';
import { Archive } from '../../core/archive';
import {
  backupStatus,
  backupToFolder,
  createBackup,
  generationName,
  restoreBackup,
  setBackupSettings,
  verifyBackup,
} from '../../core/backup/backup';
import { checkArchiveFolder } from '../../core/backup/check';
import { exportBundle, importBundle, listConflicts, resolveConflict } from '../../core/bundle/bundle';
import { documentHistory, listTrash, purgeTrash, restoreFromTrash, trashDocument } from '../../core/history/trash';
import { DATABASE_FILE } from '../../core/paths';
import { APP_VERSION } from '../../core/version';
import {
  EXIT_FAILURES,
  EXIT_UNUSABLE,
  archiveDir,
  archiveOption,
  printJson,
  safetyProgress,
  withArchive,
  type ArchiveOption,
} from '../common';

interface JsonOption extends ArchiveOption {
  json?: boolean;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new VanthuError('INVALID_INPUT', `không phải số nguyên dương: ${v}`);
  return n;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function vnTime(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())} ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

function printCheck(report: CheckReport): void {
  const mark = { ok: '✓', warning: '!', error: '✗' } as const;
  for (const f of report.findings)
    process.stdout.write(
      `${mark[f.level]} ${f.message}${f.ids && f.ids.length > 0 ? ` (ID: ${f.ids.slice(0, 20).join(', ')}${f.ids.length > 20 ? '…' : ''})` : ''}\n`,
    );
  process.stdout.write(
    report.ok
      ? `Kho không có lỗi (${report.documents} văn bản).\n`
      : 'Kho có lỗi: xem các dòng ✗ ở trên. Hãy khôi phục từ bản sao lưu gần nhất (vanthu restore).\n',
  );
}

export function registerSafetyCommands(program: Command): void {
  program
    .command('backup')
    .description('sao lưu toàn bộ kho (kể cả bản gốc) vào một tệp; không có tệp: vào thư mục sao lưu đã chọn')
    .argument('[file]', 'tệp sao lưu, ví dụ E:\\Vanthu-2025-01-31.vanthu-backup, hoặc thư mục (tên tệp theo ngày giờ)')
    .option('--force', 'ghi đè tệp đã có')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(archiveOption())
    .action(async (file: string | undefined, options: JsonOption & { force?: boolean }) => {
      // A folder given for the file (a USB stick's root): the backup goes into it under a dated name.
      const intoFolder = Boolean(file && existsSync(file) && statSync(file).isDirectory());
      if (file && intoFolder) file = path.join(file, generationName(new Date()));
      await withArchive(options, async (archive) => {
        const progress = safetyProgress(!options.json && process.stderr.isTTY);
        const result = await (
          file
            ? createBackup(archive.db, file, {
                appVersion: APP_VERSION,
                trigger: 'cli',
                overwrite: Boolean(options.force),
                // The name is ours, not the clerk's: a second backup in the same second is `-2`.
                nextFreeName: intoFolder,
                ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
              })
            : backupToFolder(archive.db, APP_VERSION, 'cli', new Date(), progress.onProgress)
        ).finally(progress.stop);
        if (options.json) printJson(result);
        else {
          process.stdout.write(
            `Đã sao lưu ${result.documents} văn bản vào ${file ? path.join(path.dirname(path.resolve(file)), result.fileName) : result.fileName} (${mb(result.size)}).\n`,
          );
          for (const f of result.removed) process.stdout.write(`Đã xóa bản sao lưu cũ: ${f}\n`);
        }
      });
    });

  program
    .command('backup-settings')
    .description('xem hoặc đặt sao lưu tự động: thư mục (USB), số bản giữ lại, khi nào sao lưu')
    .option('--folder <dir>', 'thư mục sao lưu')
    .addOption(new Option('--keep <n>', 'số bản sao lưu giữ lại').argParser(positiveInt))
    .addOption(
      new Option('--mode <mode>', 'off: tắt, quit: khi thoát, daily: hằng ngày').choices(['off', 'quit', 'daily']),
    )
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (options: JsonOption & { folder?: string; keep?: number; mode?: 'off' | 'quit' | 'daily' }) => {
      await withArchive(options, (archive) => {
        if (options.folder !== undefined || options.keep !== undefined || options.mode !== undefined) {
          setBackupSettings(archive.db, {
            ...(options.folder !== undefined ? { folder: path.resolve(options.folder) } : {}),
            ...(options.keep !== undefined ? { keep: Math.min(100, options.keep) } : {}),
            ...(options.mode !== undefined ? { mode: options.mode } : {}),
          });
        }
        const st = backupStatus(archive.db);
        if (options.json) printJson(st);
        else {
          const modes = { off: 'tắt', quit: 'khi thoát', daily: 'hằng ngày' };
          process.stdout.write(
            `Thư mục sao lưu: ${st.folder ?? '(chưa chọn)'}${st.folder && !st.folderAvailable ? ' — không thấy (USB chưa cắm?)' : ''}\n` +
              `Sao lưu tự động: ${modes[st.mode]}; giữ ${st.keep} bản.\n` +
              `Bản mới nhất: ${st.lastBackupFile ?? '—'} (${vnTime(st.lastBackupAt)}).\n` +
              (st.warning ? `! ${st.warning}\n` : ''),
          );
        }
      });
    });

  program
    .command('verify-backup')
    .description('kiểm tra một tệp sao lưu mà không khôi phục')
    .argument('<file>', 'tệp sao lưu')
    .option('--json', 'in dạng JSON')
    // Not used (only the file is read), but every command takes --archive (README), so scripts may pass it.
    .addOption(archiveOption())
    .action((file: string, options: { json?: boolean }) => {
      const progress = safetyProgress(!options.json && process.stderr.isTTY);
      const report = verifyBackup(file, progress.onProgress);
      progress.stop();
      if (options.json) printJson(report);
      else if (report.ok)
        process.stdout.write(
          `Tệp sao lưu hợp lệ: ${report.manifest!.documents} văn bản, tạo lúc ${vnTime(report.manifest!.createdAt)} (Vanthu ${report.manifest!.appVersion}).\n`,
        );
      else process.stdout.write(`Tệp sao lưu KHÔNG hợp lệ:\n${report.problems.map((p) => `✗ ${p}`).join('\n')}\n`);
      if (!report.ok) process.exitCode = EXIT_FAILURES;
    });

  program
    .command('check')
    .description('kiểm tra kho: toàn vẹn, chỉ mục tìm kiếm, bản gốc so với mã băm')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (options: JsonOption) => {
      // Read-only: checking never changes the archive, and works on a write-protected one (check.ts).
      const dir = archiveDir(options);
      // Checking never creates an archive: a folder without one is said so, not «unable to open».
      if (!existsSync(path.join(dir, DATABASE_FILE)))
        throw new VanthuError('IO_ERROR', `không có kho lưu trữ (${DATABASE_FILE}) trong ${dir}`);
      const progress = safetyProgress(!options.json && process.stderr.isTTY);
      const report = checkArchiveFolder(dir, new Date(), progress.onProgress);
      progress.stop();
      if (options.json) printJson(report);
      else printCheck(report);
      if (!report.ok) process.exitCode = EXIT_FAILURES;
    });

  program
    .command('restore')
    .description('khôi phục kho từ tệp sao lưu (kiểm tra trước; kho hiện tại được giữ lại bên cạnh)')
    .argument('<file>', 'tệp sao lưu')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action((file: string, options: JsonOption) => {
      const dir = archiveDir(options);
      const progress = safetyProgress(!options.json && process.stderr.isTTY);
      let result: ReturnType<typeof restoreBackup>;
      try {
        result = restoreBackup(dir, file, new Date(), progress.onProgress);
      } finally {
        progress.stop();
      }
      // Open once so migrations bring an older backup up to date, and to report what is there.
      const archive = Archive.open(dir);
      const count = archive.count();
      archive.close();
      if (options.json) printJson({ ...result, documents: count });
      else {
        process.stdout.write(`Đã khôi phục ${count} văn bản từ bản sao lưu lúc ${vnTime(result.backupCreatedAt)}.\n`);
        if (result.keptAside)
          process.stdout.write(`Kho trước khi khôi phục được giữ lại: ${path.join(dir, result.keptAside)}\n`);
      }
    });

  program
    .command('export-bundle')
    .description('xuất gói văn bản để gửi đơn vị khác (metadata, chỉnh sửa, liên kết, nhiệm vụ, bản gốc)')
    .argument('<file>', 'tệp gói, ví dụ E:\\gui-huyen.vanthu-bundle')
    .option('--ids <ids>', 'ID văn bản, cách nhau bởi dấu phẩy')
    .option('--since <date>', 'văn bản nhập, sửa hoặc ban hành từ ngày (YYYY-MM-DD)')
    .option('--force', 'ghi đè tệp đã có')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (file: string, options: JsonOption & { ids?: string; since?: string; force?: boolean }) => {
      if (Boolean(options.ids) === Boolean(options.since))
        throw new VanthuError('INVALID_INPUT', 'cần đúng một trong --ids hoặc --since');
      // A real calendar day: "2021-13-01" would compare as a string and quietly export everything.
      if (options.since && !isIsoDate(options.since))
        throw new VanthuError('INVALID_INPUT', `--since: ngày không hợp lệ: ${options.since} (dạng YYYY-MM-DD)`);
      const ids = options.ids ? options.ids.split(',').map((v) => positiveInt(v.trim())) : undefined;
      await withArchive(options, (archive) => {
        const result = exportBundle(
          archive.db,
          file,
          ids ? { ids } : { since: options.since! },
          APP_VERSION,
          Boolean(options.force),
        );
        if (options.json) printJson(result);
        else
          process.stdout.write(`Đã xuất ${result.documents} văn bản vào ${path.resolve(file)} (${mb(result.size)}).\n`);
        if (result.documents === 0) process.exitCode = EXIT_FAILURES;
      });
    });

  program
    .command('import-bundle')
    .description('nhập gói văn bản từ đơn vị khác: bỏ qua văn bản đã có, liệt kê xung đột để văn thư quyết định')
    .argument('<file>', 'tệp gói')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (file: string, options: JsonOption) => {
      await withArchive(options, (archive) => {
        const report = importBundle(archive.db, file);
        archive.documentsChanged();
        if (options.json) printJson(report);
        else {
          for (const item of report.items.filter((i) => i.status === 'conflict')) {
            process.stdout.write(
              `⚠ ${item.ref ?? '(không số)'} · ${item.issuer ?? ''} · ${item.date ?? ''}: ${item.reason}\n`,
            );
          }
          process.stdout.write(
            `Đã nhập ${report.imported}, đã có ${report.duplicates}, xung đột ${report.conflicts}.\n`,
          );
          if (report.conflicts > 0)
            process.stdout.write(
              'Xem và giải quyết xung đột: vanthu conflicts; vanthu resolve-conflict <ID> import|skip\n',
            );
        }
      });
    });

  program
    .command('conflicts')
    .description('liệt kê xung đột khi nhập gói (cùng số/ký hiệu và cơ quan, nội dung khác)')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (options: JsonOption) => {
      await withArchive(options, (archive) => {
        const list = listConflicts(archive.db);
        if (options.json) printJson(list);
        else if (list.length === 0) process.stdout.write('Không có xung đột nào.\n');
        else
          for (const c of list)
            process.stdout.write(
              `[${c.id}] ${c.ref ?? ''} · ${c.issuer ?? ''} · ${c.date ?? ''} (gói ${c.bundle}) — trùng với văn bản ID ${c.existingId ?? '?'}\n`,
            );
      });
    });

  program
    .command('resolve-conflict')
    .description('quyết định một xung đột: import (nhập thành văn bản riêng) hoặc skip (bỏ)')
    .argument('<id>', 'ID xung đột')
    .argument('<action>', 'import hoặc skip')
    .addOption(archiveOption())
    .action(async (id: string, action: string, options: ArchiveOption) => {
      if (action !== 'import' && action !== 'skip')
        throw new VanthuError('INVALID_INPUT', 'hành động phải là import hoặc skip');
      await withArchive(options, (archive) => {
        const r = resolveConflict(archive.db, positiveInt(id), action);
        archive.documentsChanged();
        process.stdout.write(
          r.status === 'skipped'
            ? 'Đã bỏ văn bản trong gói.\n'
            : r.status === 'duplicate'
              ? `Văn bản đã có trong kho (ID ${r.id}).\n`
              : `Đã nhập thành văn bản ID ${r.id}.\n`,
        );
      });
    });

  program
    .command('history')
    .description('lịch sử thay đổi của một văn bản')
    .argument('<id>', 'ID văn bản')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (id: string, options: JsonOption) => {
      await withArchive(options, (archive) => {
        const documentId = positiveInt(id);
        const entries = documentHistory(archive.db, documentId, 1000);
        // No history at all and no such document (a trashed one still has its history): say so.
        if (entries.length === 0) archive.get(documentId);
        if (options.json) printJson(entries);
        else if (entries.length === 0) process.stdout.write('Chưa có thay đổi nào được ghi lại.\n');
        else for (const e of entries) process.stdout.write(`${vnTime(e.at)}  ${e.summary}\n`);
      });
    });

  program
    .command('delete')
    .description('chuyển văn bản vào thùng rác (giữ 30 ngày, có thể khôi phục)')
    .argument('<ids...>', 'ID văn bản')
    .addOption(archiveOption())
    .action(async (ids: string[], options: ArchiveOption) => {
      await withArchive(options, (archive) => {
        for (const id of ids) {
          const { trashId } = trashDocument(archive.db, positiveInt(id));
          process.stdout.write(`Đã chuyển văn bản ${id} vào thùng rác (mục ${trashId}).\n`);
        }
        archive.documentsChanged();
      });
    });

  program
    .command('trash')
    .description('liệt kê thùng rác')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (options: JsonOption) => {
      await withArchive(options, (archive) => {
        const list = listTrash(archive.db);
        if (options.json) printJson(list);
        else if (list.length === 0) process.stdout.write('Thùng rác trống.\n');
        else
          for (const t of list)
            process.stdout.write(
              `[${t.trashId}] ${t.ref ?? '(không số)'} · ${t.subject ?? ''} — xóa lúc ${vnTime(t.deletedAt)}, tự hủy sau ${vnTime(t.expiresAt)}\n`,
            );
      });
    });

  program
    .command('untrash')
    .description('khôi phục văn bản từ thùng rác')
    .argument('<trashIds...>', 'số mục trong thùng rác')
    .addOption(archiveOption())
    .action(async (trashIds: string[], options: ArchiveOption) => {
      await withArchive(options, (archive) => {
        for (const t of trashIds) {
          const r = restoreFromTrash(archive.db, positiveInt(t));
          process.stdout.write(
            r.status === 'restored'
              ? `Đã khôi phục văn bản ID ${r.id}.\n`
              : `Văn bản đã có lại trong kho (ID ${r.id}); mục vẫn ở thùng rác.\n`,
          );
          if (r.status === 'duplicate') process.exitCode = EXIT_FAILURES;
        }
        archive.documentsChanged();
      });
    });

  program
    .command('purge-trash')
    .description('xóa hẳn khỏi thùng rác (không khôi phục được)')
    .argument('[trashIds...]', 'số mục; bỏ trống cùng --all để xóa hết')
    .option('--all', 'xóa hết thùng rác')
    .addOption(archiveOption())
    .action(async (trashIds: string[], options: ArchiveOption & { all?: boolean }) => {
      if (!options.all && trashIds.length === 0) {
        process.stderr.write('Cần số mục hoặc --all.\n');
        process.exitCode = EXIT_UNUSABLE;
        return;
      }
      await withArchive(options, (archive) => {
        const ids = trashIds.map(positiveInt);
        if (!options.all) {
          const inTrash = new Set(listTrash(archive.db).map((t) => t.trashId));
          const absent = ids.filter((t) => !inTrash.has(t));
          if (absent.length > 0) throw new VanthuError('NOT_FOUND', `thùng rác #${absent.join(', #')}`);
        }
        const n = purgeTrash(archive.db, options.all ? 'all' : ids);
        process.stdout.write(`Đã xóa hẳn ${n} văn bản khỏi thùng rác.\n`);
      });
    });
}
