import { existsSync, statSync } from 'node:fs';
import { Option } from 'commander';
import { VanthuError } from '../../shared/api/errors';
import { Archive } from '../core/archive';
import { resolveArchiveDir } from '../core/paths';

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
