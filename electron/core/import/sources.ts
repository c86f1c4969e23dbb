import { lstat, readdir } from 'node:fs/promises';
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

/**
 * Expands folders recursively (sorted, so runs are repeatable). Symbolic links to folders are not
 * followed, which rules out loops. Paths named explicitly are taken even if they look like junk.
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
      missing.push({ path: dir, detail: (error as Error).message });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (isJunk(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) sources.push({ kind: 'path', path: full });
    }
  };
  for (const given of paths) {
    const full = path.resolve(given);
    try {
      const info = await lstat(full);
      if (info.isDirectory()) await walk(full);
      else sources.push({ kind: 'path', path: full });
    } catch (error) {
      missing.push({ path: full, detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    }
  }
  return { sources, missing };
}

/** A display name for an uploaded file that can never act as a path ("../", "C:\", control characters). */
export function safeUploadName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters in a name can forge terminal output or log lines; they are never meaningful.
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned || 'tep-khong-ten').slice(0, 255);
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
