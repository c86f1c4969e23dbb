import { Option } from 'commander';
import { Archive } from '../core/archive';
import { resolveArchiveDir } from '../core/paths';

export const EXIT_FAILURES = 1;
export const EXIT_UNUSABLE = 2;

export interface ArchiveOption {
  archive?: string;
}

export function openArchive(options: ArchiveOption): Archive {
  return Archive.open(resolveArchiveDir(options.archive));
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
