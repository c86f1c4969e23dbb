import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Creates `dir` and its missing parents, one level at a time. Node's `mkdirSync(dir, {recursive})`
 * never returns when the system refuses a folder with ENOENT although its parent exists (Linux
 * /proc, some FUSE and network mounts): it takes ENOENT to mean "parent missing", creates the
 * parent (EEXIST, fine) and tries the child again, forever. Here each level is created once and the
 * first refusal is thrown as the Node error it is.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    try {
      if (statSync(current).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${current}'`), { code: 'ENOTDIR' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Another process (a second window, the CLI) made it between the look and the mkdir.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      throw error;
    }
  }
}

/** Why a folder could not be created, in Vietnamese (a clerk cannot read "ENOENT, mkdir"). */
export function folderProblem(error: unknown): string {
  switch ((error as NodeJS.ErrnoException)?.code) {
    case 'ENOENT':
      return 'hệ thống không cho tạo thư mục ở vị trí này';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'một phần của đường dẫn là tệp, không phải thư mục';
    case 'EACCES':
    case 'EPERM':
      return 'không có quyền tạo thư mục ở vị trí này';
    case 'EROFS':
      return 'ổ đĩa chỉ cho phép đọc';
    case 'ENOSPC':
      return 'ổ đĩa đã đầy';
    case 'ENAMETOOLONG':
      return 'đường dẫn quá dài';
    case 'EIO':
      return 'lỗi đọc ghi ổ đĩa (USB hỏng hoặc đã rút?)';
    default:
      return 'không tạo được thư mục';
  }
}
