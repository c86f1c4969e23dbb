/** Plain-text rendering for the terminal. */
import type { DocumentDetail, DocumentSummary } from '../../shared/model/archive';
import type { IssuerKind, IssuerLevel } from '../../shared/model/directive';
import { parserNoteText } from '../../shared/model/parserNotes';
import { FIELD_LABELS } from '../../shared/model/review';

export function isoToVietnamese(date: string | null): string {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function cell(value: string | null, width: number): string {
  const text = (value ?? '').replace(/\s+/g, ' ');
  return text.length > width ? text.slice(0, width - 1) + '…' : text.padEnd(width);
}

export function documentTable(items: readonly DocumentSummary[]): string {
  const header = `${cell('ID', 5)} ${cell('Số/ký hiệu', 16)} ${cell('Loại', 20)} ${cell('Ngày', 10)} ${cell('Cơ quan ban hành', 28)} Trích yếu`;
  const rows = items.map(
    (d) =>
      `${cell(String(d.id), 5)} ${cell(d.ref, 16)} ${cell(d.type, 20)} ${cell(isoToVietnamese(d.date), 10)} ${cell(d.issuer, 28)} ${(d.subject ?? '').replace(/\s+/g, ' ')}`,
  );
  return [header, ...rows].join('\n');
}

export function documentSheet(doc: DocumentDetail): string {
  const line = (label: string, value: string | null | undefined): string => `${label.padEnd(18)}${value ?? '—'}`;
  return [
    line('ID', String(doc.id)),
    line('Số/ký hiệu', doc.ref),
    line('Loại văn bản', doc.type),
    line('Cơ quan ban hành', doc.issuer),
    line('Ngày ban hành', isoToVietnamese(doc.date) || null),
    line('Nơi ban hành', doc.place),
    line('Trích yếu', doc.subject),
    line('Người ký', doc.signer),
    line('Tệp gốc', `${doc.originalName} (${doc.originalSize} byte, ${doc.encoding})`),
    '',
    doc.text,
  ].join('\n');
}

export function detailJson(doc: DocumentDetail): Record<string, unknown> {
  const { parse, ...rest } = doc;
  return {
    ...rest,
    citations: parse.citations,
    tasks: parse.tasks,
    recipients: parse.recipients,
    warnings: parse.warnings,
  };
}

export function summaryJson(doc: DocumentSummary): Record<string, unknown> {
  return {
    id: doc.id,
    ref: doc.ref,
    type: doc.type,
    issuer: doc.issuer,
    issuerLevel: doc.issuerLevel,
    date: doc.date,
    subject: doc.subject,
    originalName: doc.originalName,
    importedAt: doc.importedAt,
  };
}

const PARSE_LABELS: Record<string, string> = {
  ...FIELD_LABELS,
  warnings: 'Cảnh báo',
  encoding: 'Bảng mã',
  format: 'Định dạng',
};
const LEVEL_LABELS: Record<IssuerLevel, string> = {
  central: 'Trung ương',
  province: 'Tỉnh',
  district: 'Huyện',
  commune: 'Xã',
};
const KIND_LABELS: Record<IssuerKind, string> = { party: 'Đảng', state: 'Nhà nước' };

/** `vanthu parse` without --json: one "label value" line per field, labelled in Vietnamese. */
export function parseFieldLines(meta: Record<string, unknown>): string {
  return Object.entries(meta)
    .map(([key, value]) => {
      let text: string;
      if (key === 'issuerLevel' && value) text = LEVEL_LABELS[value as IssuerLevel] ?? String(value);
      else if (key === 'issuerKind' && value) text = KIND_LABELS[value as IssuerKind] ?? String(value);
      else if (key === 'warnings' && Array.isArray(value))
        // The parser's own notes are English identifiers (kept as they are in --json and in the archive).
        text = value.map((w: string) => parserNoteText(w)).join('; ') || '—';
      else if (key === 'date' && typeof value === 'string') text = isoToVietnamese(value);
      else text = Array.isArray(value) ? value.join('; ') : value == null || value === '' ? '—' : String(value);
      return `${(PARSE_LABELS[key] ?? key).padEnd(18)}${text}`;
    })
    .join('\n');
}
