import { existsSync, statSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { Option } from 'commander';
import { VanthuError } from '../../shared/api/errors';
import { Archive } from '../core/archive';
import { resolveArchiveDir } from '../core/paths';
import type { OnSafetyProgress } from '../core/backup/backup';
import { SAFETY_STEP_LABEL, type SafetyProgress, type SafetyStep } from '../../shared/model/safety';

export const EXIT_FAILURES = 1;
export const EXIT_UNUSABLE = 2;

export interface ArchiveOption {
  archive?: string;
}

/** The archive folder, refused in Vietnamese when it names a file (SQLite/Node would say EEXIST in English). */
export function archiveDir(options: ArchiveOption): string {
  const dir = resolveArchiveDir(options.archive);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new VanthuError('IO_ERROR', `${dir} là một tệp; --archive cần thư mục chứa kho (vanthu.db)`);
  return dir;
}

export function openArchive(options: ArchiveOption): Archive {
  return Archive.open(archiveDir(options));
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function archiveOption(): Option {
  return new Option(
    '--archive <dir>',
    'thư mục kho lưu trữ (mặc định: thư mục dữ liệu của người dùng, hoặc $VANTHU_ARCHIVE)',
  );
}

export async function withArchive<T>(options: ArchiveOption, run: (archive: Archive) => Promise<T> | T): Promise<T> {
  const archive = openArchive(options);
  try {
    return await run(archive);
  } finally {
    archive.close();
  }
}

/**
 * A bar on stderr for each counted step of a backup, restore or check, a line for each step SQLite
 * cannot count (VACUUM, integrity_check): at 100,000 documents these take half a minute. Only on a
 * terminal and without --json, like the import's bar, so pipes and scripts get clean output.
 */
export function safetyProgress(show: boolean): { onProgress?: OnSafetyProgress; stop: () => void } {
  if (!show) return { stop: () => {} };
  let bar: SingleBar | null = null;
  let step: SafetyStep | null = null;
  const stop = (): void => {
    bar?.stop();
    bar = null;
  };
  const onProgress = (p: SafetyProgress): void => {
    if (p.step === step) {
      bar?.update(p.done);
      return;
    }
    stop();
    step = p.step;
    if (p.total > 0) {
      bar = new SingleBar(
        { format: `${SAFETY_STEP_LABEL[p.step]} [{bar}] {percentage}%`, hideCursor: true, stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(p.total, p.done);
    } else process.stderr.write(`${SAFETY_STEP_LABEL[p.step]}…\n`);
  };
  return { onProgress, stop };
}
