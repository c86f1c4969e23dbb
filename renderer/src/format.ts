/** Display helpers: dates, levels and error text, all in Vietnamese. */
import {
  ERROR_MESSAGES,
  IMPORT_FAILURE_MESSAGES,
  DUPLICATE_MESSAGE,
  ENCODING_DOUBT_WARNING,
  type ApiError,
} from '../../shared/api/errors';
import type { ImportFileResult } from '../../shared/model/archive';
import type { IssuerKind, IssuerLevel } from '../../shared/model/directive';

/** "2021-08-25" → "25/08/2021"; partial or odd values are shown as given. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const ym = /^(\d{4})-(\d{2})$/.exec(iso);
  if (ym) return `${ym[2]}/${ym[1]}`;
  return iso;
}

/** Local date and time of an ISO timestamp: "25/08/2021 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export const LEVEL_LABELS: Record<IssuerLevel, string> = {
  central: 'Trung ương',
  province: 'Tỉnh',
  district: 'Huyện',
  commune: 'Xã',
};

export const KIND_LABELS: Record<IssuerKind, string> = {
  party: 'Đảng',
  state: 'Nhà nước',
};

/** The one way the UI turns an API error into text. */
export function errorText(error: ApiError): string {
  return ERROR_MESSAGES[error.code] ?? ERROR_MESSAGES.INTERNAL;
}

export function importReasonText(result: ImportFileResult): string {
  if (result.status === 'duplicate') return DUPLICATE_MESSAGE;
  if (result.reasonCode && IMPORT_FAILURE_MESSAGES[result.reasonCode])
    return IMPORT_FAILURE_MESSAGES[result.reasonCode];
  return result.reason ?? IMPORT_FAILURE_MESSAGES.unreadable;
}

export function importStatusText(result: ImportFileResult): string {
  switch (result.status) {
    case 'imported':
      // The row's title shows the whole text; the row itself has room for a few words.
      return result.warnings?.includes(ENCODING_DOUBT_WARNING) ? `Đã nhập. ${ENCODING_DOUBT_WARNING}` : 'Đã nhập';
    case 'duplicate':
      return 'Đã có trong kho';
    default:
      return `Lỗi: ${importReasonText(result)}`;
  }
}

/** Last segment of a path or upload name, for progress lines. */
export function baseName(p: string | null | undefined): string {
  if (!p) return '';
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}

/**
 * A path cut after each separator, the separator kept at the end of its segment
 * («C:\Users\An» → «C:\», «Users\», «An»): a long path shown in a narrow place breaks
 * between folders (renderer/src/views/PathText.tsx), not in the middle of «AppData». The segments
 * joined are the path, so a copy of the text is the path.
 */
export function pathSegments(p: string): string[] {
  return p.split(/(?<=[\\/])(?=.)/);
}

/** A disk path (not an upload's folder-relative name): «C:\…», «\\server\…», «/home/…». */
export function isDiskPath(p: string): boolean {
  return /^([\\/]|[A-Za-z]:)/.test(p);
}

/** The folder a file was imported from: its disk path without the name («C:\Nhan\B\»), or ''. */
export function sourceFolder(p: string | null | undefined): string {
  if (!p || !isDiskPath(p)) return '';
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return cut > 0 ? p.slice(0, cut + 1) : '';
}

/**
 * The name to show for an imported file: a disk path's last segment, but an upload's folder-relative
 * name whole, since «A/cv.txt» and «B/cv.txt» from one folder are two files the clerk must tell apart.
 */
export function fileLabel(p: string | null | undefined): string {
  if (!p) return '';
  return isDiskPath(p) ? baseName(p) : p;
}

/** "Thông báo số 12-TB/HU" — the usual way a clerk names a document. */
export function documentTitle(doc: { type: string | null; ref: string | null; originalName: string }): string {
  if (doc.type && doc.ref) return `${doc.type} số ${doc.ref}`;
  if (doc.ref) return `Văn bản số ${doc.ref}`;
  if (doc.type) return doc.type;
  return fileLabel(doc.originalName);
}
