/**
 * Abbreviations expanded both ways in queries (docs/domain.md §8.6). Data, not code: adding one is a
 * line here plus a test. `anyCase` entries are not Vietnamese syllables, so "ubnd" typed in lower
 * case still means UBND; the others ("TU", "HU", "CT") are also ordinary syllables (tu, hủ, …)
 * and expand only when typed in capitals.
 */
export interface Abbreviation {
  abbr: string;
  long: string[];
  anyCase: boolean;
}

const TABLE: [string, string[], boolean][] = [
  ['UBND', ['Ủy ban nhân dân'], true],
  ['HĐND', ['Hội đồng nhân dân'], true],
  ['MTTQ', ['Mặt trận Tổ quốc'], true],
  ['BCĐ', ['Ban Chỉ đạo'], true],
  ['BCH', ['Ban Chấp hành', 'Ban Chỉ huy'], true],
  ['BTV', ['Ban Thường vụ'], true],
  ['BCT', ['Bộ Chính trị'], true],
  ['BBT', ['Ban Bí thư'], true],
  ['TW', ['Trung ương'], true],
  ['TƯ', ['Trung ương'], false],
  ['TU', ['Tỉnh ủy', 'Thành ủy'], false],
  ['HU', ['Huyện ủy'], false],
  ['ĐU', ['Đảng ủy'], false],
  ['UBKT', ['Ủy ban Kiểm tra'], true],
  ['BTG', ['Ban Tuyên giáo'], true],
  ['BDV', ['Ban Dân vận'], true],
  ['BTC', ['Ban Tổ chức'], true],
  ['VPCP', ['Văn phòng Chính phủ'], true],
  ['CP', ['Chính phủ'], false],
  ['TTg', ['Thủ tướng'], true],
  ['QH', ['Quốc hội'], false],
  ['PCT', ['Phó Chủ tịch'], true],
  ['KT-XH', ['kinh tế - xã hội'], true],
  ['QP-AN', ['quốc phòng - an ninh'], true],
  ['CCHC', ['cải cách hành chính'], true],
  ['NTM', ['nông thôn mới'], true],
  ['ĐVHC', ['đơn vị hành chính'], true],
  ['CBCCVC', ['cán bộ, công chức, viên chức'], true],
];

export const ABBREVIATIONS: readonly Abbreviation[] = TABLE.map(([abbr, long, anyCase]) => ({ abbr, long, anyCase }));
