/** Turning picked or dropped files into uploads: extension filter, folder walking, base64. */

import { DOCUMENT_EXTENSIONS } from '../../../shared/model/formats';

export const ACCEPT_ATTRIBUTE = DOCUMENT_EXTENSIONS.join(',');

/** A file the user chose, with the name to send (folder-relative when it came from a folder). */
export interface PickedFile {
  file: File;
  name: string;
}

export interface PickedSet {
  files: PickedFile[];
  /** Files inside chosen folders that are not documents (images, hidden files…), left out. */
  skipped: number;
}

export function hasAcceptedExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return DOCUMENT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function isHidden(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') || part.startsWith('~$'));
}

/** Files from `<input type=file>`; with `webkitdirectory`, non-documents are left out. */
export function fromInput(list: FileList | null, fromFolder: boolean): PickedSet {
  const files: PickedFile[] = [];
  let skipped = 0;
  for (const file of Array.from(list ?? [])) {
    const name = (fromFolder && file.webkitRelativePath) || file.name;
    if (fromFolder && (!hasAcceptedExtension(name) || isHidden(name))) {
      skipped++;
      continue;
    }
    files.push({ file, name });
  }
  return { files, skipped };
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedSet, topLevel: boolean): Promise<void> {
  const name = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    if (!topLevel && (!hasAcceptedExtension(name) || isHidden(name))) {
      out.skipped++;
      return;
    }
    try {
      out.files.push({ file: await entryFile(entry as FileSystemFileEntry), name });
    } catch {
      out.skipped++;
    }
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries per call; read until it returns none.
    for (;;) {
      let batch: FileSystemEntry[];
      try {
        batch = await readEntries(reader);
      } catch {
        return;
      }
      if (batch.length === 0) return;
      for (const child of batch) await walk(child, name, out, false);
    }
  }
}

/** Files dropped on the window, folders included (walked recursively). */
export async function fromDrop(data: DataTransfer): Promise<PickedSet> {
  const out: PickedSet = { files: [], skipped: 0 };
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (entries.length === 0 && loose.length === 0) {
    for (const file of Array.from(data.files ?? [])) loose.push(file);
  }
  for (const entry of entries) await walk(entry, '', out, true);
  for (const file of loose) out.files.push({ file, name: file.name });
  return out;
}

/** Base64 of a file's bytes (without the data: URL prefix). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}
