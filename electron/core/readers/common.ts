/** Pieces shared by the format readers. */
import type { ImportFailure } from '../../../shared/model/archive';
import { repairLegacyText, type LegacyKind } from '../../../shared/text/legacy';

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
