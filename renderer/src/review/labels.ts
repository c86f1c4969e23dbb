/** Vietnamese labels and typed-value helpers for the review controls (docs/review.md). */
import { inputRefusalReasons, type ApiError } from '../../../shared/api/errors';
import { DATE_YEAR_MAX, DATE_YEAR_MIN, isIsoDate } from '../../../shared/api/review-inputs';
import type { CitationRelation } from '../../../shared/model/directive';

export const RELATION_LABELS: Record<CitationRelation, string> = {
  implements: 'thực hiện',
  basis: 'căn cứ',
  responds: 'trả lời',
  amends: 'sửa đổi, bổ sung',
  reports: 'báo cáo',
  mentions: 'nhắc đến',
};

/** "0.85" → "85%": how sure the parser was. */
export function confidenceText(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

/**
 * What a clerk types for a date → ISO. Accepts 25/8/2021, 25-08-2021, 25.8.2021 and 2021-08-25;
 * '' means "no date" (null); anything else is undefined so the form can say so before sending.
 */
export function typedDateToIso(typed: string): string | null | undefined {
  const s = typed.trim();
  if (s === '') return null;
  let y: number, m: number, d: number;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return undefined;
  const out = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // The archive keeps the years 1900–2200 only: 25/08/1850 was sent, and refused as «Yêu cầu không hợp lệ.».
  return isIsoDate(out) ? out : undefined;
}

export const BAD_DATE_MESSAGE = `Ngày không hợp lệ: hãy nhập một ngày có thật trong các năm ${DATE_YEAR_MIN}–${DATE_YEAR_MAX}, dạng ngày/tháng/năm, ví dụ 25/08/2021.`;

/**
 * A review operation's refusal in words: what was refused (`what`, «Không lưu được trích dẫn»)
 * and the archive's reason. Null for errors that are not a refused input (they keep ErrorMessage).
 */
export function refusalText(what: string, error: ApiError): string | null {
  if (error.code !== 'INVALID_INPUT' || !error.detail) return null;
  const reasons = inputRefusalReasons(error.detail);
  return reasons ? `${what}: ${reasons}` : null;
}

/** "Ban Tuyên giáo, Văn phòng" → two names; the clerk types a list as one line. */
export function splitNames(typed: string): string[] {
  return typed
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
