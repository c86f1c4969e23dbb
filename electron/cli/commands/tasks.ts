/**
 * Task sheets and tracking on the command line (issue #6, docs/tasks.md):
 *   vanthu tasksheet <id|ref> [--agency NAME | --per-agency] [--track] --html FILE | --pdf FILE [--png FILE]
 *   vanthu taskdigest <agency> --html FILE | --pdf FILE
 *   vanthu tasks [--agency NAME] [--overdue] [--json]
 *   vanthu office [--name …] [--superior …] [--style party|state] [--province …] [--place …] [--agency "Tên|Viết tắt|bí danh; bí danh"…] [--json]
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { VanthuError } from '../../../shared/api/errors';
import { renderSheetHtml, type SheetPrint } from '../../../shared/tasks/render';
import { OfficeSettingsSchema } from '../../../shared/tasks/schema';
import { deadlineLabel, isIsoDate, localIsoDate, vnDate } from '../../../shared/tasks/status';
import { STATUS_LABELS, type Agency, type TrackedTask } from '../../../shared/tasks/types';
import type { Archive } from '../../core/archive';
import { tasksOf, type PrintTarget } from '../../core/tasks';
import { embeddedFontCss } from '../../core/tasks/fonts';
import { findChromium, NO_CHROMIUM_MESSAGE, renderHtml } from '../../core/tasks/pdf';
import { separateSheets } from '../../core/tasks/pdf-merge';
import { archiveOption, EXIT_FAILURES, printJson, withArchive, type ArchiveOption } from '../common';

interface OutputOptions extends ArchiveOption {
  html?: string;
  pdf?: string;
  png?: string;
  today?: string;
}

function todayOf(options: { today?: string }): string {
  if (options.today === undefined) return localIsoDate(new Date());
  if (!isIsoDate(options.today))
    throw new VanthuError('INVALID_INPUT', `--today phải có dạng YYYY-MM-DD: ${options.today}`);
  return options.today;
}

/** Which directives `vanthu tasks` covers: --all, --since DATE, else the last 12 months (undefined). */
function sinceOf(options: { since?: string; all?: boolean }): { since?: string | null } {
  if (options.all) return { since: null };
  if (options.since === undefined) return {};
  if (!isIsoDate(options.since))
    throw new VanthuError('INVALID_INPUT', `--since phải là một ngày có thật, dạng YYYY-MM-DD: ${options.since}`);
  return { since: options.since };
}

/** A document by id or by number/symbol; several with one ref must be picked by id. */
function resolveDocument(archive: Archive, idOrRef: string): number {
  const trimmed = idOrRef.trim();
  if (/^\d+$/.test(trimmed)) return archive.get(Number(trimmed)).id;
  const matches = archive.findByRef(trimmed);
  if (matches.length === 0) throw new VanthuError('NOT_FOUND', idOrRef);
  if (matches.length > 1) {
    throw new VanthuError(
      'INVALID_INPUT',
      `có ${matches.length} văn bản cùng số/ký hiệu "${idOrRef}": chọn theo ID (${matches.map((m) => m.id).join(', ')})`,
    );
  }
  return matches[0]!.id;
}

/** An output file goes into a folder that exists, and is not itself a folder (checked before any work). */
function assertWritableTarget(file: string): void {
  const full = path.resolve(file);
  if (!existsSync(path.dirname(full))) throw new VanthuError('IO_ERROR', `không có thư mục ${path.dirname(full)}`);
  if (existsSync(full) && statSync(full).isDirectory()) throw new VanthuError('IO_ERROR', `${full} là một thư mục`);
}

async function writeOutputs(archive: Archive, target: PrintTarget, options: OutputOptions): Promise<void> {
  if (!options.html && !options.pdf && !options.png)
    throw new VanthuError('INVALID_INPUT', 'cần --html TỆP hoặc --pdf TỆP');
  for (const file of [options.html, options.pdf, options.png]) if (file) assertWritableTarget(file);
  const { print, fileName } = tasksOf(archive).printData(target, todayOf(options));
  const render = (printout: SheetPrint) => renderSheetHtml(printout, { fontCss: embeddedFontCss(), title: fileName });
  // One HTML file cannot restart page numbers per agency; the PDF can (pdf-merge.ts).
  const html = render(print);
  if (options.html) {
    try {
      writeFileSync(options.html, html, 'utf8');
    } catch (error) {
      throw new VanthuError(
        'IO_ERROR',
        `không ghi được ${path.resolve(options.html)} (${(error as NodeJS.ErrnoException).code ?? ''})`,
      );
    }
    process.stdout.write(`Đã ghi ${path.resolve(options.html)}\n`);
  }
  if (options.pdf || options.png) {
    const executablePath = findChromium();
    if (!executablePath) {
      process.stderr.write(NO_CHROMIUM_MESSAGE + '\n');
      process.exitCode = EXIT_FAILURES;
      return;
    }
    await renderHtml(separateSheets(print).map(render), {
      executablePath,
      ...(options.pdf ? { pdfPath: options.pdf } : {}),
      ...(options.png ? { pngPath: options.png } : {}),
    });
    if (options.pdf) process.stdout.write(`Đã ghi ${path.resolve(options.pdf)}\n`);
    if (options.png) process.stdout.write(`Đã ghi ${path.resolve(options.png)}\n`);
  }
}

const outputOptions = (cmd: Command): Command =>
  cmd
    .option('--html <file>', 'ghi phiếu ra tệp HTML (có sẵn phông chữ, mở và in được trên mọi máy)')
    .option('--pdf <file>', 'ghi phiếu ra tệp PDF khổ A4 (cần Chromium, Chrome hoặc Edge trên máy)')
    .option('--png <file>', 'ghi ảnh trang đầu ra tệp PNG (cần Chromium)')
    .option('--today <date>', 'ngày lập phiếu YYYY-MM-DD (mặc định hôm nay)')
    .addOption(archiveOption());

function taskLine(t: TrackedTask): string {
  const ref = t.documentRef ?? `#${t.documentId}`;
  const due = t.dueDate ? vnDate(t.dueDate) : deadlineLabel(t.deadline) || '—';
  const text = t.text.replace(/\s+/g, ' ');
  return `[${t.documentId}] ${ref} mục ${t.stt} · ${t.agency || 'Các cơ quan, đơn vị'} · hạn ${due} · ${STATUS_LABELS[t.status]}\n    ${text.length > 110 ? text.slice(0, 110) + '…' : text}`;
}

/** "Công an huyện|CA huyện|Công an; CAH" → an agency. */
function parseAgency(spec: string): Agency {
  const [name = '', short = '', aliases = ''] = spec.split('|').map((s) => s.trim());
  if (!name) throw new VanthuError('INVALID_INPUT', `--agency cần tên cơ quan: "${spec}"`);
  return {
    name,
    short,
    aliases: aliases
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export function registerTaskCommands(program: Command): void {
  outputOptions(
    program
      .command('tasksheet')
      .description('in phiếu giao việc của một văn bản (cả văn bản, một cơ quan, hoặc mỗi cơ quan một phiếu)')
      .argument('<idOrRef>', 'ID hoặc số/ký hiệu văn bản')
      .option('--agency <name>', 'chỉ các nhiệm vụ của cơ quan này (nhận cả tên viết tắt, bí danh)')
      .option('--per-agency', 'mỗi cơ quan một phiếu, in liền trong một tệp')
      .option('--track', 'bảng theo dõi thực hiện nhiệm vụ (có tình trạng) thay cho phiếu giao việc'),
  ).action(
    async (idOrRef: string, options: OutputOptions & { agency?: string; perAgency?: boolean; track?: boolean }) => {
      await withArchive(options, async (archive) => {
        const documentId = resolveDocument(archive, idOrRef);
        await writeOutputs(
          archive,
          {
            kind: 'directive',
            documentId,
            agency: options.agency ?? null,
            perAgency: Boolean(options.perAgency),
            tracking: Boolean(options.track),
          },
          options,
        );
      });
    },
  );

  outputOptions(
    program
      .command('taskdigest')
      .description('bảng theo dõi: mọi nhiệm vụ chưa hoàn thành của một cơ quan trên tất cả văn bản, theo thời hạn')
      .argument('<agency>', 'tên cơ quan, ví dụ "Công an huyện"'),
  ).action(async (agency: string, options: OutputOptions) => {
    if (agency.trim() === '') throw new VanthuError('INVALID_INPUT', 'cần tên cơ quan, ví dụ "Công an huyện"');
    await withArchive(options, (archive) => writeOutputs(archive, { kind: 'digest', agency }, options));
  });

  program
    .command('tasks')
    .description('liệt kê nhiệm vụ và tình trạng thực hiện')
    .option('--agency <name>', 'chỉ nhiệm vụ do cơ quan này chủ trì')
    .option('--overdue', 'chỉ nhiệm vụ quá hạn chưa hoàn thành')
    .option('--json', 'in dạng JSON')
    .option('--today <date>', 'tính tình trạng theo ngày này (YYYY-MM-DD)')
    .option(
      '--since <date>',
      'văn bản ban hành từ ngày này (YYYY-MM-DD); mặc định 12 tháng gần đây, cộng các văn bản đã lập phiếu hoặc ghi kết quả',
    )
    .option('--all', 'nhiệm vụ của mọi văn bản trong kho (chậm với kho lớn)')
    .addOption(archiveOption())
    .action(
      async (
        options: ArchiveOption & {
          agency?: string;
          overdue?: boolean;
          json?: boolean;
          today?: string;
          since?: string;
          all?: boolean;
        },
      ) => {
        await withArchive(options, (archive) => {
          const tasks = tasksOf(archive).tracked(
            { agency: options.agency ?? null, overdue: Boolean(options.overdue), ...sinceOf(options) },
            todayOf(options),
          );
          if (options.json) {
            printJson(
              tasks.map((t) => ({
                documentId: t.documentId,
                ref: t.documentRef,
                stt: t.stt,
                itemKey: t.itemKey,
                agency: t.agency,
                text: t.text,
                deadline: t.deadline,
                dueDate: t.dueDate,
                status: t.status,
                statusLabel: STATUS_LABELS[t.status],
                completedAt: t.tracking.completedAt,
                evidenceDocumentId: t.tracking.evidenceDocumentId,
              })),
            );
          } else if (tasks.length === 0) process.stdout.write('Không có nhiệm vụ nào.\n');
          else process.stdout.write(tasks.map(taskLine).join('\n') + `\n${tasks.length} nhiệm vụ.\n`);
        });
      },
    );

  program
    .command('office')
    .description(
      'xem hoặc đặt thông tin cơ quan in trên phiếu (tên, cơ quan cấp trên, kiểu Đảng/Nhà nước, danh sách cơ quan)',
    )
    .option('--name <text>', 'tên cơ quan lập phiếu, ví dụ "Văn phòng Huyện ủy"')
    .option('--superior <text>', 'cơ quan cấp trên, ví dụ "Huyện ủy Yên Thế"')
    .addOption(new Option('--style <style>', 'kiểu tiêu đề').choices(['party', 'state']))
    .option('--province <text>', 'tỉnh')
    .option('--place <text>', 'địa danh ghi ở dòng ngày tháng')
    .option('--signer-title <text>', 'chức danh người ký')
    .option('--signer-name <text>', 'họ tên người ký')
    .option('--agency <spec...>', 'cơ quan: "Tên|Viết tắt|bí danh 1; bí danh 2" (thay cả danh sách)')
    .option('--json', 'in dạng JSON')
    .addOption(archiveOption())
    .action(
      async (
        options: ArchiveOption & {
          name?: string;
          superior?: string;
          style?: 'party' | 'state';
          province?: string;
          place?: string;
          signerTitle?: string;
          signerName?: string;
          agency?: string[];
          json?: boolean;
        },
      ) => {
        await withArchive(options, (archive) => {
          const service = tasksOf(archive);
          const { settings, defaults } = service.officeSettings();
          const changes = [
            options.name,
            options.superior,
            options.style,
            options.province,
            options.place,
            options.signerTitle,
            options.signerName,
            options.agency,
          ].some((v) => v !== undefined);
          let current = settings;
          if (changes) {
            const base = settings ?? defaults;
            const next = {
              ...base,
              ...(options.name !== undefined ? { officeName: options.name } : {}),
              ...(options.superior !== undefined ? { superiorBody: options.superior } : {}),
              ...(options.style !== undefined ? { style: options.style } : {}),
              ...(options.province !== undefined ? { province: options.province } : {}),
              ...(options.place !== undefined ? { place: options.place } : {}),
              ...(options.signerTitle !== undefined ? { signerTitle: options.signerTitle } : {}),
              ...(options.signerName !== undefined ? { signerName: options.signerName } : {}),
              ...(options.agency !== undefined ? { agencies: options.agency.map(parseAgency) } : {}),
            };
            const parsed = OfficeSettingsSchema.safeParse(next);
            if (!parsed.success)
              throw new VanthuError(
                'INVALID_INPUT',
                parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
              );
            current = service.saveOfficeSettings(parsed.data);
          }
          if (options.json) printJson({ settings: current, defaults });
          else if (!current)
            process.stdout.write(
              'Chưa đặt thông tin cơ quan; phiếu dùng tiêu đề lấy từ văn bản. Đặt bằng: vanthu office --name "Văn phòng Huyện ủy" --superior "Huyện ủy …" --style party\n',
            );
          else {
            process.stdout.write(
              `${current.superiorBody}\n${current.officeName} (${current.style === 'party' ? 'kiểu Đảng' : 'kiểu Nhà nước'})\n` +
                `Tỉnh: ${current.province || '—'} · Địa danh: ${current.place || '—'}\n` +
                `Cơ quan (${current.agencies.length}):\n` +
                current.agencies
                  .map(
                    (a) =>
                      `  ${a.name}${a.short ? ` (${a.short})` : ''}${a.aliases.length ? ` — ${a.aliases.join('; ')}` : ''}`,
                  )
                  .join('\n') +
                '\n',
            );
          }
        });
      },
    );
}
