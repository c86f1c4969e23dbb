/** Vietnamese labels and typed-value helpers for the review controls (docs/review.md). */
import { inputRefusalReasons, type ApiError } from '../../../shared/api/errors';
import { readTypedDate } from '../../../shared/text/typed-date';

export { RELATION_LABELS } from '../../../shared/graph/types';

/** "0.85" → "85%": how sure the parser was. */
export function confidenceText(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

/**
 * What a clerk types for a date → ISO (readTypedDate, shared/text/typed-date.ts: 25/8/2021,
 * 25-08-2021, 2021-08-25, and 22/7/21 with a 2-digit year); '' means "no date" (null); anything
 * else is undefined so the form can say why (typedDateProblem) before sending.
 */
export function typedDateToIso(typed: string, now: Date = new Date()): string | null | undefined {
  const read = readTypedDate(typed, now);
  return read.kind === 'empty' ? null : read.kind === 'date' ? read.iso : undefined;
}

/** Why a typed date is refused, in words; null when it reads (or is empty). */
export function typedDateProblem(typed: string, now: Date = new Date()): string | null {
  const read = readTypedDate(typed, now);
  return read.kind === 'bad' ? read.problem : null;
}

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
