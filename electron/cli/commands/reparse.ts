/** `vanthu reparse [--all] [--json]`: re-runs the parser over the archive, keeping corrections (docs/review.md). */
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { ReparseReport } from '../../../shared/model/review';
import { archiveOption, printJson, withArchive, EXIT_FAILURES, type ArchiveOption } from '../common';

interface ReparseCliOptions extends ArchiveOption {
  all?: boolean;
  json?: boolean;
}

function textReport(r: ReparseReport, all: boolean): string {
  if (r.total === 0) {
    return all
      ? 'Kho chưa có văn bản nào.'
      : `Mọi văn bản đã được phân tích bằng bộ phân tích hiện tại (phiên bản ${r.parserVersion}); dùng --all để phân tích lại tất cả.`;
  }
  const lines = r.failures.map((f) => `✗ #${f.id}: ${f.reason}`);
  lines.push(
    `Đã phân tích lại ${r.reparsed}/${r.total} văn bản (bộ phân tích phiên bản ${r.parserVersion}): ` +
      `${r.changed} có thay đổi, ${r.failed} lỗi; giữ nguyên ${r.correctionsKept} chỉnh sửa của văn thư.`,
  );
  return lines.join('\n');
}

export function registerReparseCommand(program: Command): void {
  program
    .command('reparse')
    .description('phân tích lại văn bản đã lưu bằng bộ phân tích mới, giữ nguyên các chỉnh sửa của văn thư')
    .option('--all', 'phân tích lại mọi văn bản, không chỉ văn bản do bộ phân tích cũ đọc')
    .option(
      '--json',
      'in kết quả dạng JSON: {total, reparsed, changed, failed, correctionsKept, parserVersion, failures}',
    )
    .addOption(archiveOption())
    .action(async (options: ReparseCliOptions) => {
      await withArchive(options, async (archive) => {
        const all = options.all ?? false;
        // The bar goes to stderr and only on a terminal, so --json and pipes get clean output.
        const bar =
          !options.json && process.stderr.isTTY
            ? new SingleBar(
                { format: 'Đang phân tích lại [{bar}] {value}/{total}', hideCursor: true, stream: process.stderr },
                Presets.shades_classic,
              )
            : null;
        let started = false;
        const report = await archive.reparse({
          all,
          onProgress: (done, total) => {
            if (!bar || total === 0) return;
            if (!started) {
              bar.start(total, done);
              started = true;
            }
            bar.update(done);
          },
        });
        bar?.stop();
        if (options.json) printJson(report);
        else process.stdout.write(textReport(report, all) + '\n');
        if (report.failed > 0) process.exitCode = EXIT_FAILURES;
      });
    });
}
