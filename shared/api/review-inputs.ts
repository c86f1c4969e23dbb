/**
 * Input schemas of the review operations (issue #3, docs/review.md), checked at the boundary by
 * the dispatcher before any handler runs. Every refusal carries a Vietnamese message, which the
 * dispatcher puts in the INVALID_INPUT detail. Values are normalized here (NFC, spaces collapsed,
 * blank → null) so the core only ever stores clean text.
 */
import { z } from 'zod';
import {
  CITATION_RELATIONS,
  EDITABLE_FIELDS,
  FIELD_LABELS,
  ISSUER_KINDS,
  ISSUER_LEVELS,
  isCitationKey,
  isTaskKey,
  type EditableField,
} from '../model/review';
import { DATE_YEAR_MAX, DATE_YEAR_MIN } from '../text/typed-date';

/** Longest value per field; a subject (trích yếu) can run to a few sentences. */
export const FIELD_MAX_LENGTH: Record<EditableField, number> = {
  ref: 100,
  type: 100,
  issuer: 300,
  issuerLevel: 20,
  issuerKind: 20,
  province: 100,
  date: 10,
  place: 100,
  subject: 2000,
  signer: 200,
  signerCapacity: 200,
  number: 20,
  symbol: 80,
};

const DASHES = /[\u2010-\u2015\u2212]/g;

/** NFC, one space between words, trimmed; blank means "no value". */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = value.normalize('NFC').replace(/\s+/gu, ' ').trim();
  return s === '' ? null : s;
}

/** "571 - cv/tu" → "571-CV/TU": the form the parser stores, so refs compare and index alike. */
export function cleanRef(value: string): string {
  return value
    .normalize('NFC')
    .replace(DASHES, '-')
    .replace(/\s*([-/])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

/** The years a date stored in the archive may have. */
export { DATE_YEAR_MAX, DATE_YEAR_MIN };

/** A real calendar date written YYYY-MM-DD (2021-02-30 is refused), in years 1900–2200. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Why a date was refused, naming the date (`what`: «Ngày ban hành», «Hạn chót»…). */
const dateMessage = (what: string) =>
  `${what} phải là ngày có thật trong các năm ${DATE_YEAR_MIN}–${DATE_YEAR_MAX}, viết dạng YYYY-MM-DD (ví dụ 2021-08-25).`;
const documentId = z
  .number({ error: 'Mã văn bản phải là số.' })
  .int('Mã văn bản phải là số nguyên.')
  .positive('Mã văn bản phải lớn hơn 0.');
const isoDate = (what: string) => z.string({ error: dateMessage(what) }).refine(isIsoDate, dateMessage(what));

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} phải là chữ.` })
    .max(max, `${what} dài quá ${max} ký tự.`)
    .transform((s) => cleanText(s));
const optionalText = (max: number, what: string) =>
  text(max, what)
    .nullable()
    .default(null)
    .transform((s) => s ?? null);

const correctField = z
  .object({
    id: documentId,
    field: z.enum(EDITABLE_FIELDS, { error: `Trường không sửa được; chỉ nhận: ${EDITABLE_FIELDS.join(', ')}.` }),
    /** null (or blank) records that the document has no such value. */
    value: z.string({ error: 'Giá trị phải là chữ hoặc null.' }).nullable(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.value === null) return;
    const max = FIELD_MAX_LENGTH[input.field];
    if (input.value.length > max) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${FIELD_LABELS[input.field]} dài quá ${max} ký tự.` });
      return;
    }
    const v = cleanText(input.value);
    if (v === null) return;
    if (input.field === 'date' && !isIsoDate(v))
      ctx.addIssue({ code: 'custom', path: ['value'], message: dateMessage(FIELD_LABELS.date) });
    if (input.field === 'issuerLevel' && !(ISSUER_LEVELS as readonly string[]).includes(v))
      ctx.addIssue({ code: 'custom', path: ['value'], message: `Cấp phải là một trong: ${ISSUER_LEVELS.join(', ')}.` });
    if (input.field === 'issuerKind' && !(ISSUER_KINDS as readonly string[]).includes(v))
      ctx.addIssue({ code: 'custom', path: ['value'], message: `Khối phải là một trong: ${ISSUER_KINDS.join(', ')}.` });
  })
  .transform((input) => {
    const v = cleanText(input.value);
    return { ...input, value: v !== null && (input.field === 'ref' || input.field === 'symbol') ? cleanRef(v) : v };
  });

const span = {
  start: z.number().int('Vị trí phải là số nguyên.').min(0, 'Vị trí không được âm.').optional(),
  end: z.number().int('Vị trí phải là số nguyên.').min(0, 'Vị trí không được âm.').optional(),
};
const spanRule = (v: { start?: number | undefined; end?: number | undefined }) =>
  (v.start === undefined) === (v.end === undefined) && (v.start === undefined || v.end! > v.start);
const SPAN_MESSAGE = 'Cần cả vị trí đầu và cuối, với cuối lớn hơn đầu.';

const citationInput = z
  .object({
    text: text(500, 'Đoạn trích dẫn').refine((s) => s !== null, 'Cần nhập đoạn trích dẫn như trong văn bản.'),
    type: optionalText(100, 'Loại văn bản'),
    ref: optionalText(100, 'Số/ký hiệu').transform((s) => (s === null ? null : cleanRef(s))),
    number: optionalText(20, 'Số'),
    symbol: optionalText(80, 'Ký hiệu'),
    date: isoDate('Ngày của văn bản được viện dẫn').nullable().default(null),
    issuer: optionalText(300, 'Cơ quan ban hành'),
    relation: z
      .enum(CITATION_RELATIONS, { error: `Quan hệ phải là một trong: ${CITATION_RELATIONS.join(', ')}.` })
      .default('mentions'),
    ...span,
  })
  .strict()
  .refine(spanRule, SPAN_MESSAGE);

const names = (what: string) =>
  z
    .array(z.string().max(300, `${what}: mỗi tên tối đa 300 ký tự.`), { error: `${what} phải là danh sách tên.` })
    .max(30, `${what}: tối đa 30 tên.`)
    .default([])
    .transform((list) => list.map((s) => cleanText(s)).filter((s): s is string => s !== null));

const taskInput = z
  .object({
    label: text(20, 'Nhãn')
      .nullable()
      .default(null)
      .transform((s) => s ?? ''),
    text: text(5000, 'Nội dung nhiệm vụ').refine((s) => s !== null, 'Cần nhập nội dung nhiệm vụ.'),
    lead: names('Đơn vị chủ trì'),
    cooperate: names('Đơn vị phối hợp'),
    deadlineText: optionalText(200, 'Thời hạn'),
    deadlineDate: isoDate('Hạn chót').nullable().default(null),
    ...span,
  })
  .strict()
  .refine(spanRule, SPAN_MESSAGE);

const citationKey = z.string().max(40).refine(isCitationKey, 'Mã trích dẫn không hợp lệ.');
const taskKey = z.string().max(40).refine(isTaskKey, 'Mã nhiệm vụ không hợp lệ.');
const TARGET = /^(?:field:[A-Za-z]+|citation:[a-z0-9.-]+|task:[a-z0-9.-]+)$/;

export const reviewInputSchemas = {
  correctField,
  /** Drops one correction: the parser's value (or the parser's citation/task) is back in effect. */
  clearCorrection: z
    .object({
      id: documentId,
      target: z.string().max(60).regex(TARGET, 'Mục cần hoàn tác không hợp lệ (ví dụ field:subject, citation:c1).'),
    })
    .strict(),
  /** Without `key` adds a citation; with it replaces that one. */
  saveCitation: z.object({ id: documentId, key: citationKey.optional(), citation: citationInput }).strict(),
  removeCitation: z.object({ id: documentId, key: citationKey }).strict(),
  saveTask: z.object({ id: documentId, key: taskKey.optional(), task: taskInput }).strict(),
  removeTask: z.object({ id: documentId, key: taskKey }).strict(),
  /** Re-runs the parser over one document (the page's «Phân tích lại»), keeping corrections. */
  reparseDocument: z.object({ id: documentId }).strict(),
} as const;

export type CitationInput = z.output<typeof citationInput>;
export type TaskInput = z.output<typeof taskInput>;
