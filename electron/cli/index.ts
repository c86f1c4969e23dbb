/**
 * `vanthu`: the command-line host of the archive core. Exit codes: 0 success, 1 some file or
 * lookup failed, 2 the archive could not be opened or the command was misused.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { COMMAND_MODULES } from './commands';
import {
  EXIT_FAILURES,
  EXIT_UNUSABLE,
  archiveOption,
  openArchive,
  printJson,
  withArchive,
  type ArchiveOption,
} from './common';
import { SingleBar, Presets } from 'cli-progress';
import { ENCODING_DOUBT_WARNING, IMPORT_FAILURE_MESSAGES, VanthuError } from '../../shared/api/errors';
import { parseDirective } from '../../shared/parser';
import { createDispatcher } from '../core/api/dispatch';
import { toVanthuError } from '../core/db/open';
import { pathProblem } from '../core/import/sources';
import { readDocument } from '../core/readers';
import { APP_VERSION } from '../core/version';
import { detailJson, documentSheet, documentTable, isoToVietnamese, parseFieldLines, summaryJson } from './format';
import { relationWords } from '../../shared/graph/types';
import { intOption, usageExitCode, vietnameseUsage } from './usage';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('vanthu')
    .description('Vanthu — kho lưu trữ văn bản chỉ đạo của Đảng và Nhà nước, chạy không cần mạng')
    .showHelpAfterError();
  // Before any command is added: commands inherit the Vietnamese help, errors and exit codes.
  vietnameseUsage(program, APP_VERSION);

  program
    .command('import')
    .description('nhập tệp hoặc thư mục (đệ quy) vào kho')
    .argument('<paths...>', 'tệp hoặc thư mục')
    .option('--json', 'in kết quả dạng JSON')
    .addOption(archiveOption())
    .action(async (paths: string[], options: ArchiveOption & { json?: boolean }) => {
      await withArchive(options, async (archive) => {
        const showBar = !options.json && process.stderr.isTTY;
        const bar = showBar
          ? new SingleBar(
              { format: 'Đang nhập [{bar}] {value}/{total} {file}', hideCursor: true, stream: process.stderr },
              Presets.shades_classic,
            )
          : null;
        let started = false;
        // Stored, but maybe as mojibake: said after the summary's failures even without --json.
        const doubtful: string[] = [];
        // Without --json only failed and duplicate files are listed: the report need not hold the others.
        const report = await archive.importPaths(
          paths,
          (event) => {
            if (event.last?.status === 'imported' && event.last.warnings?.includes(ENCODING_DOUBT_WARNING))
              doubtful.push(event.last.path);
            if (!bar) return;
            if (!started) {
              bar.start(event.total, event.done, { file: '' });
              started = true;
            }
            bar.update(event.done, { file: event.current ? path.basename(event.current) : '' });
          },
          { rows: options.json ? 'all' : 'problems' },
        );
        bar?.stop();
        if (options.json) {
          printJson({
            imported: report.imported,
            duplicates: report.duplicates,
            failed: report.failed,
            files: report.files.map((f) => ({
              path: f.path,
              status: f.status,
              id: f.id,
              reason: f.reason,
              reasonCode: f.reasonCode,
              warnings: f.warnings ?? [],
            })),
          });
        } else {
          for (const file of report.files) {
            if (file.status === 'failed') process.stdout.write(`✗ ${file.path}: ${file.reason}\n`);
            else if (file.status === 'duplicate') process.stdout.write(`= ${file.path}: ${file.reason}\n`);
          }
          for (const file of doubtful) process.stdout.write(`! ${file}: đã nhập. ${ENCODING_DOUBT_WARNING}\n`);
          process.stdout.write(
            `Đã nhập ${report.imported}, đã có trong kho ${report.duplicates}, lỗi ${report.failed} (tổng ${report.imported + report.duplicates + report.failed} tệp).\n`,
          );
        }
        if (report.failed > 0) process.exitCode = EXIT_FAILURES;
        // An empty folder, or a USB with only hidden or system files: say so rather than "0 of 0".
        if (report.imported + report.duplicates + report.failed === 0) {
          process.stderr.write(`Không có tệp nào để nhập trong: ${paths.map((p) => path.resolve(p)).join(', ')}\n`);
          process.exitCode = EXIT_FAILURES;
        }
      });
    });

  program
    .command('list')
    .description('liệt kê văn bản trong kho')
    .option('--json', 'in dạng JSON')
    .addOption(
      new Option('--sort <order>', 'thứ tự').choices(['date_desc', 'date_asc', 'imported_desc']).default('date_desc'),
    )
    .addOption(new Option('--limit <n>', 'số văn bản tối đa').argParser(intOption(1)).default(100000))
    .addOption(archiveOption())
    .action(
      async (
        options: ArchiveOption & { json?: boolean; sort: 'date_desc' | 'date_asc' | 'imported_desc'; limit: number },
      ) => {
        await withArchive(options, (archive) => {
          const page = archive.list(options.sort, Math.max(1, options.limit), 0);
          if (options.json) printJson(page.items.map(summaryJson));
          else if (page.total === 0)
            process.stdout.write('Kho chưa có văn bản nào. Dùng: vanthu import <tệp hoặc thư mục>\n');
          else process.stdout.write(documentTable(page.items) + `\n${page.total} văn bản.\n`);
        });
      },
    );

  program
    .command('show')
    .description('hiện một văn bản theo ID hoặc số/ký hiệu')
    .argument('<idOrRef>', 'ID (số) hoặc số/ký hiệu, ví dụ 571-CV/TU')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(async (idOrRef: string, options: ArchiveOption & { json?: boolean }) => {
      await withArchive(options, (archive) => {
        const matches = /^\d+$/.test(idOrRef.trim())
          ? [archive.get(Number(idOrRef.trim()))]
          : archive.findByRef(idOrRef).map((d) => archive.get(d.id));
        if (matches.length === 0) throw new VanthuError('NOT_FOUND', idOrRef);
        if (matches.length > 1 && !options.json) {
          process.stdout.write(`Có ${matches.length} văn bản cùng số/ký hiệu "${idOrRef}"; chọn theo ID:\n`);
          process.stdout.write(documentTable(matches) + '\n');
          return;
        }
        if (options.json) printJson(matches.length === 1 ? detailJson(matches[0]!) : matches.map(detailJson));
        else process.stdout.write(documentSheet(matches[0]!) + '\n');
      });
    });

  program
    .command('parse')
    .description('đọc và phân tích một tệp, không lưu vào kho')
    .argument('<file>', 'tệp văn bản')
    .option('--json', 'in dạng JSON')
    // Not used (nothing is stored), but every command takes --archive (README), so scripts may pass it.
    .addOption(archiveOption())
    .action(async (file: string, options: { json?: boolean }) => {
      // Like a file that cannot be read as a document: the file failed (exit 1), in Vietnamese.
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        const why = error.code === 'EISDIR' ? 'là một thư mục' : pathProblem(error);
        process.stderr.write(`${file}: ${IMPORT_FAILURE_MESSAGES.unreadable} (${why})\n`);
        process.exitCode = EXIT_FAILURES;
        return null;
      });
      if (!bytes) return;
      const read = await readDocument(bytes, path.basename(file));
      if (!read.ok) {
        process.stderr.write(
          `${file}: ${IMPORT_FAILURE_MESSAGES[read.reason]}${read.detail ? ` (${read.detail})` : ''}\n`,
        );
        process.exitCode = EXIT_FAILURES;
        return;
      }
      const parse = parseDirective(read.text);
      const result = {
        ...parse,
        encoding: read.encoding,
        format: read.format,
        warnings: [...read.warnings, ...parse.warnings],
      };
      if (options.json) printJson(result);
      else {
        const { fields: _fields, citations, tasks, recipients: _r, ...meta } = result;
        process.stdout.write(parseFieldLines(meta) + '\n');
        process.stdout.write(`\nTrích dẫn (${citations.length}):\n`);
        for (const c of citations)
          process.stdout.write(
            `  [${relationWords(c.relation)}] ${c.type ?? ''} ${c.ref ?? ''} ${isoToVietnamese(c.date)} ${c.issuer ?? ''}\n`,
          );
        process.stdout.write(`\nNhiệm vụ (${tasks.length}):\n`);
        for (const t of tasks)
          process.stdout.write(
            `  ${t.label} ${t.text.slice(0, 80).replace(/\s+/g, ' ')}… — chủ trì: ${t.lead.join(', ') || '—'}\n`,
          );
      }
    });

  program
    .command('serve')
    .description('mở kho trong trình duyệt trên máy này (chỉ 127.0.0.1, có mã truy cập)')
    .addOption(new Option('--port <n>', 'cổng (0 = tự chọn)').argParser(intOption(0, 65535)).default(0))
    .addOption(archiveOption())
    .action(async (options: ArchiveOption & { port: number }) => {
      const { startServer } = await import('../server');
      const archive = openArchive(options);
      const dispatch = createDispatcher(archive, { host: 'browser' });
      const server = await startServer({
        dispatch,
        port: options.port,
        staticDir: path.join(__dirname, '..', 'renderer'),
      }).catch((error: NodeJS.ErrnoException) => {
        archive.close();
        if (error.code === 'EADDRINUSE' || error.code === 'EACCES')
          throw new VanthuError(
            'IO_ERROR',
            `cổng ${options.port} đang được chương trình khác dùng hoặc không được phép; chọn cổng khác bằng --port, hoặc bỏ --port để tự chọn`,
          );
        throw error;
      });
      // The first line is the URL with its token: scripts and tests read it.
      process.stdout.write(`${server.url}\n`);
      process.stdout.write(`Kho: ${archive.dir}. Mở địa chỉ trên trong trình duyệt; nhấn Ctrl+C để dừng.\n`);
      const stop = (): void => {
        void server.close().finally(() => {
          archive.close();
          process.exit(0);
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  for (const register of COMMAND_MODULES) register(program);
  return program;
}

/**
 * The reader of our output went away (`vanthu list | more` closed early, `| findstr` done): stop
 * quietly instead of crashing with a stack trace. Whatever was stored is already committed.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

export async function main(argv: string[] = process.argv): Promise<void> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    // A usage error (already printed in Vietnamese by usage.ts), or --help / --version.
    const usage = usageExitCode(error);
    if (usage !== null) {
      process.exitCode = usage;
      return;
    }
    const vanthuError = toVanthuError(error);
    process.stderr.write(`Lỗi: ${vanthuError.message}\n`);
    process.exitCode = vanthuError.code === 'NOT_FOUND' ? EXIT_FAILURES : EXIT_UNUSABLE;
  }
}
