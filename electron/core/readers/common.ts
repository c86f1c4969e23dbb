/** Pieces shared by the format readers. */
import { ENCODING_DOUBT_WARNING } from '../../../shared/api/errors';
import type { ImportFailure } from '../../../shared/model/archive';
import { repairLegacyText, tcvn3ToUnicode, vniToUnicode, type LegacyKind } from '../../../shared/text/legacy';

/** Thrown by a reader to refuse a file with a known reason; anything else thrown counts as 'corrupt'. */
export class ReaderError extends Error {
  constructor(
    readonly reason: ImportFailure,
    readonly detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'ReaderError';
  }
}

/** What a format reader hands back before the shared checks (normalisation, emptiness). */
export interface RawRead {
  text: string;
  encoding: string;
  warnings: string[];
  scanned?: boolean;
  /**
   * The reader found no control character in `text` (the plain-text reader tests every text it
   * decodes): readDocument's tidying, NFC and trimming make none (they remove characters or turn
   * them into a space or a line feed), so it need not test the text again (~10 µs a file).
   */
  controlFree?: boolean;
  /**
   * The reader found no UNUSUAL_CHARACTER (text.ts) in `text`: it is NFC and nothing tidying
   * cleans but blank runs, so readDocument neither normalises it nor looks for those characters.
   */
  ordinary?: boolean;
}

export const WARNINGS = {
  tcvn3: 'Đã chuyển từ bảng mã TCVN3 (ABC) sang Unicode.',
  vni: 'Đã chuyển từ bảng mã VNI sang Unicode.',
  mojibake: 'Đã sửa lỗi chữ bị đọc sai bảng mã (UTF-8 hiển thị thành "Ã", "á»").',
  windows1258: 'Đã chuyển từ bảng mã Windows-1258 sang Unicode.',
  nfd: 'Văn bản dùng Unicode tổ hợp, đã chuẩn hoá sang Unicode dựng sẵn.',
  scanned: 'Bản quét, chưa có chữ',
  pdfSplit: 'Đã nối các dấu bị tách rời khỏi chữ trong PDF.',
  pdfBrokenGlyphs: 'Chữ trong PDF có thể bị sai dấu do phông chữ nhúng lỗi; nên đối chiếu với bản gốc.',
  legacyMixed: 'Một số đoạn dùng bảng mã cũ đã được chuyển sang Unicode.',
  legacyCaps: 'Phần chữ in hoa theo phông .VnTimeH đã được chuyển thành chữ hoa.',
  encodingDoubt: ENCODING_DOUBT_WARNING,
} as const;

export const LEGACY_WARNING: Record<LegacyKind, string> = {
  tcvn3: WARNINGS.tcvn3,
  vni: WARNINGS.vni,
  mojibake: WARNINGS.mojibake,
};

/**
 * Converts legacy-font lines of an extracted text. Returns the text, the encoding label suffix
 * ('+tcvn3', ...) and warnings to add.
 */
export function fixLegacy(text: string): { text: string; kinds: LegacyKind[]; warnings: string[] } {
  const r = repairLegacyText(text);
  return { text: r.text, kinds: r.kinds, warnings: r.kinds.map((k) => LEGACY_WARNING[k]) };
}

/** 'docx' + ['tcvn3'] → 'docx+tcvn3'. */
export function withKinds(base: string, kinds: readonly string[]): string {
  return kinds.length ? `${base}+${kinds.join('+')}` : base;
}

export type FontKind = 'tcvn3' | 'tcvn3-caps' | 'vni' | null;

/** Legacy Vietnamese fonts by name: .VnTime, .VnArial… (TCVN3; the …H fonts draw capitals), VNI-Times, VNI-Helve… */
export function legacyFontKind(font: string | null | undefined): FontKind {
  if (!font) return null;
  const f = font.trim();
  if (/^\.vn/i.test(f)) return /h$/i.test(f) ? 'tcvn3-caps' : 'tcvn3';
  if (/^vni[- ]/i.test(f)) return 'vni';
  return null;
}

/**
 * Converts a run of text set in a legacy font (its bytes as Latin-1 characters). `atStart` says
 * whether the run starts a paragraph, where TCVN3's line-start capitalisation applies.
 */
export function convertLegacyRun(text: string, kind: FontKind, atStart: boolean): string {
  if (!kind) return text;
  if (kind === 'vni') return vniToUnicode(text);
  // Not at the paragraph start: a prefix keeps the line-start capitalisation rule from firing.
  const out = atStart ? tcvn3ToUnicode(text) : tcvn3ToUnicode(`a ${text}`).slice(2);
  return kind === 'tcvn3-caps' ? out.toUpperCase() : out;
}
