import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_FAILURE_MESSAGES } from '../../../shared/api/errors';
import type { ImportFileResult } from '../../../shared/model/archive';

/** A file to import: from the disk, or bytes sent by the page in the browser host. */
export type ImportSource = { kind: 'path'; path: string } | { kind: 'upload'; name: string; bytes: Uint8Array };

export interface MissingPath {
  path: string;
  detail: string;
}

// Files every Windows or macOS folder carries that no clerk means to import.
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);

function isJunk(name: string): boolean {
  const lower = name.toLowerCase();
  // "~$name.docx" is Word's lock file for an open document.
  return SYSTEM_FILES.has(lower) || lower.startsWith('~$') || lower.startsWith('.');
}

/** Why a path could not be read, in Vietnamese (a clerk cannot read "ENOENT"). */
export function pathProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'không có tệp hoặc thư mục này';
    case 'EACCES':
    case 'EPERM':
      return 'không có quyền đọc';
    case 'ELOOP':
      return 'liên kết vòng';
    case 'EBUSY':
      return 'tệp đang bị chương trình khác giữ';
    case 'EIO':
      return 'lỗi đọc ổ đĩa (USB hỏng hoặc đã rút?)';
    case 'EISDIR':
      return 'là một thư mục';
    case 'ENAMETOOLONG':
      return 'tên hoặc đường dẫn quá dài';
    case 'EMFILE':
    case 'ENFILE':
      return 'máy đang mở quá nhiều tệp cùng lúc, hãy nhập lại tệp này sau';
    case 'ENOMEM':
      return 'không đủ bộ nhớ';
    case 'EINVAL':
      return 'tên tệp không hợp lệ';
    default:
      // An errno code or a library's English helps nobody at a desk.
      return 'hệ điều hành không cho đọc tệp';
  }
}

/**
 * Expands folders recursively (sorted, so runs are repeatable). Symbolic links to folders inside a
 * folder are not followed, which rules out loops, and are reported; a link to a file is taken. A
 * path named explicitly is taken even if it looks like junk, and followed if it is a link to a folder.
 */
export async function collectSources(
  paths: readonly string[],
): Promise<{ sources: ImportSource[]; missing: MissingPath[] }> {
  const sources: ImportSource[] = [];
  const missing: MissingPath[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      missing.push({ path: dir, detail: pathProblem(error) });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (isJunk(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) sources.push({ kind: 'path', path: full });
      else if (entry.isSymbolicLink()) {
        try {
          const target = await stat(full);
          if (target.isFile()) sources.push({ kind: 'path', path: full });
          else if (target.isDirectory())
            missing.push({
              path: full,
              detail: 'liên kết tới thư mục khác, không nhập theo; hãy chọn thẳng thư mục đó',
            });
        } catch (error) {
          missing.push({ path: full, detail: `liên kết hỏng: ${pathProblem(error)}` });
        }
      }
    }
  };
  for (const given of paths) {
    const full = path.resolve(given);
    try {
      // A link named explicitly is followed once: the walk below it follows no further link.
      let info = await lstat(full);
      if (info.isSymbolicLink()) info = await stat(full);
      if (info.isDirectory()) await walk(full);
      else sources.push({ kind: 'path', path: full });
    } catch (error) {
      missing.push({ path: full, detail: pathProblem(error) });
    }
  }
  return { sources, missing };
}

/** The longest upload name kept; a longer one loses its leading folders first, never its extension. */
export const MAX_UPLOAD_NAME = 255;

/**
 * A display name for an uploaded file that can never act as a path ("../", "C:\\", "/etc", control
 * characters), keeping the folder-relative name the page sent: «A/cv.txt» and «B/cv.txt» from one
 * folder must stay two names, in the results and in the stored file name.
 */
export function safeUploadName(name: string): string {
  const parts = name
    .split(/[\\/]/)
    // Control characters in a name can forge terminal output or log lines, and bidirectional controls
    // can make «cv‮txt.exe.docx» read as another name in the results; neither is ever meaningful.
    // eslint-disable-next-line no-control-regex
    .map((part) => part.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim())
    // "." and ".." climb nothing here, and a drive ("C:") or an empty part (a leading "/") names no folder.
    .filter((part) => part !== '' && part !== '.' && part !== '..' && !/^[A-Za-z]:$/.test(part));
  if (parts.length === 0) return 'tep-khong-ten';
  let joined = parts.join('/');
  while (joined.length > MAX_UPLOAD_NAME && parts.length > 1) {
    parts.shift();
    joined = '…/' + parts.join('/');
  }
  if (joined.length <= MAX_UPLOAD_NAME) return joined;
  const ext = /\.[^.]{1,16}$/.exec(joined)?.[0] ?? '';
  return joined.slice(0, MAX_UPLOAD_NAME - ext.length) + ext;
}

export function sourceLabel(source: ImportSource): string {
  return source.kind === 'path' ? source.path : source.name;
}

export function sourceFileName(source: ImportSource): string {
  return source.kind === 'path' ? path.basename(source.path) : source.name;
}

/** Files to import from paths, and a failure row for each path that could not be read. */
export async function collectImport(
  paths: readonly string[],
): Promise<{ sources: ImportSource[]; preFailed: ImportFileResult[] }> {
  const { sources, missing } = await collectSources(paths);
  const preFailed: ImportFileResult[] = missing.map((m) => ({
    path: m.path,
    status: 'failed',
    id: null,
    reasonCode: 'unreadable',
    reason: `${IMPORT_FAILURE_MESSAGES.unreadable} (${m.detail})`,
  }));
  return { sources, preFailed };
}
