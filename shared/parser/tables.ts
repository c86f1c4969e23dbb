/**
 * Data the parser's patterns are built from (docs/domain.md §2.1, §3.1, §3.2, §5, §8.6).
 * Names are written in NFC with the traditional tone placement ("Hòa", "ủy"); every
 * comparison goes through the folded form, so "Hoà"/"uỷ" spellings match the same rows.
 */
import type { IssuerKind, IssuerLevel } from '../model/directive';

export interface DocTypeRow {
  /** Canonical name as stored in ParseResult.type. */
  name: string;
  /** Type codes as printed inside a number/symbol (matched case-insensitively after folding). */
  codes: readonly string[];
  /** Which system uses the code; 'both' when the same code means the same type in both. */
  system: 'party' | 'state' | 'both';
  /** Printed as a title line in caps (CHỈ THỊ, QUYẾT ĐỊNH); false for legal types only cited. */
  titled: boolean;
}

export const DOC_TYPES: readonly DocTypeRow[] = [
  { name: 'Thông báo kết luận', codes: [], system: 'party', titled: true },
  { name: 'Thông báo', codes: ['TB'], system: 'both', titled: true },
  { name: 'Kết luận', codes: ['KL'], system: 'party', titled: true },
  { name: 'Công văn', codes: ['CV'], system: 'both', titled: false },
  { name: 'Công điện', codes: ['CĐ', 'CD'], system: 'both', titled: true },
  { name: 'Chỉ thị', codes: ['CT'], system: 'both', titled: true },
  { name: 'Nghị quyết', codes: ['NQ'], system: 'both', titled: true },
  { name: 'Quyết định', codes: ['QĐ', 'QD'], system: 'both', titled: true },
  { name: 'Kế hoạch', codes: ['KH'], system: 'both', titled: true },
  { name: 'Hướng dẫn', codes: ['HD'], system: 'both', titled: true },
  { name: 'Báo cáo', codes: ['BC'], system: 'both', titled: true },
  { name: 'Tờ trình', codes: ['TTr'], system: 'both', titled: true },
  { name: 'Chương trình', codes: ['CTr', 'CTHĐ'], system: 'both', titled: true },
  { name: 'Quy định', codes: ['QyĐ', 'QĐi', 'QYĐ'], system: 'both', titled: true },
  { name: 'Quy chế', codes: ['QC'], system: 'both', titled: true },
  { name: 'Giấy mời', codes: ['GM'], system: 'both', titled: true },
  { name: 'Giấy giới thiệu', codes: ['GGT', 'GT'], system: 'state', titled: true },
  { name: 'Thông cáo', codes: ['TC'], system: 'state', titled: true },
  { name: 'Thông tri', codes: ['TT'], system: 'party', titled: true },
  { name: 'Phương án', codes: ['PA'], system: 'both', titled: true },
  { name: 'Đề án', codes: ['ĐA'], system: 'both', titled: true },
  { name: 'Dự án', codes: ['DA'], system: 'state', titled: true },
  { name: 'Biên bản', codes: ['BB'], system: 'both', titled: true },
  { name: 'Hợp đồng', codes: ['HĐ'], system: 'state', titled: true },
  { name: 'Đề cương', codes: [], system: 'party', titled: true },
  // Legal normative types: cited in Căn cứ lines, rarely archived as directives themselves.
  { name: 'Nghị định', codes: ['NĐ', 'ND'], system: 'state', titled: true },
  { name: 'Thông tư liên tịch', codes: ['TTLT'], system: 'state', titled: true },
  { name: 'Thông tư', codes: ['TT'], system: 'state', titled: true },
  { name: 'Nghị quyết liên tịch', codes: ['NQLT'], system: 'state', titled: true },
  { name: 'Pháp lệnh', codes: ['PL'], system: 'state', titled: false },
  { name: 'Bộ luật', codes: [], system: 'state', titled: false },
  { name: 'Luật', codes: [], system: 'state', titled: false },
  { name: 'Hiến pháp', codes: [], system: 'state', titled: false },
];

/** Type nouns cited by a generic word; the real type then comes from the code. */
export const GENERIC_DOC_NOUNS: readonly string[] = ['Văn bản'];

/**
 * Abbreviated type nouns that stand for the type only when a number follows
 * ("CV số 12/UBND-VP", "CT 16"): alone they are too ambiguous (CT = Chủ tịch).
 */
export const TYPE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  CV: 'Công văn',
  CT: 'Chỉ thị',
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  KH: 'Kế hoạch',
  TB: 'Thông báo',
  KL: 'Kết luận',
  HD: 'Hướng dẫn',
};

/** Types cited without a number only when a proper name follows ("Luật Đất đai ngày …"). */
export const NAMED_LEGAL_TYPES: readonly string[] = ['Luật', 'Bộ luật', 'Pháp lệnh', 'Hiến pháp'];

export interface IssuerCodeRow {
  code: string;
  name: string;
  level: IssuerLevel | null;
  kind: IssuerKind;
}

/** Issuer codes after the slash (Party) or after the type code (state). */
export const ISSUER_CODES: readonly IssuerCodeRow[] = [
  { code: 'TW', name: 'Ban Chấp hành Trung ương', level: 'central', kind: 'party' },
  { code: 'VPTW', name: 'Văn phòng Trung ương Đảng', level: 'central', kind: 'party' },
  { code: 'BTCTW', name: 'Ban Tổ chức Trung ương', level: 'central', kind: 'party' },
  { code: 'BTGTW', name: 'Ban Tuyên giáo Trung ương', level: 'central', kind: 'party' },
  { code: 'BDVTW', name: 'Ban Dân vận Trung ương', level: 'central', kind: 'party' },
  { code: 'UBKTTW', name: 'Ủy ban Kiểm tra Trung ương', level: 'central', kind: 'party' },
  { code: 'TU', name: 'Tỉnh ủy', level: 'province', kind: 'party' },
  { code: 'VPTU', name: 'Văn phòng Tỉnh ủy', level: 'province', kind: 'party' },
  { code: 'BTCTU', name: 'Ban Tổ chức Tỉnh ủy', level: 'province', kind: 'party' },
  { code: 'BTGTU', name: 'Ban Tuyên giáo Tỉnh ủy', level: 'province', kind: 'party' },
  { code: 'BDVTU', name: 'Ban Dân vận Tỉnh ủy', level: 'province', kind: 'party' },
  { code: 'BTGDVTU', name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy', level: 'province', kind: 'party' },
  { code: 'UBKTTU', name: 'Ủy ban Kiểm tra Tỉnh ủy', level: 'province', kind: 'party' },
  { code: 'ĐUK', name: 'Đảng ủy khối', level: 'province', kind: 'party' },
  { code: 'HU', name: 'Huyện ủy', level: 'district', kind: 'party' },
  { code: 'QU', name: 'Quận ủy', level: 'district', kind: 'party' },
  { code: 'ThU', name: 'Thị ủy', level: 'district', kind: 'party' },
  { code: 'VPHU', name: 'Văn phòng Huyện ủy', level: 'district', kind: 'party' },
  { code: 'BTGHU', name: 'Ban Tuyên giáo Huyện ủy', level: 'district', kind: 'party' },
  { code: 'BTCHU', name: 'Ban Tổ chức Huyện ủy', level: 'district', kind: 'party' },
  { code: 'BDVHU', name: 'Ban Dân vận Huyện ủy', level: 'district', kind: 'party' },
  { code: 'UBKTHU', name: 'Ủy ban Kiểm tra Huyện ủy', level: 'district', kind: 'party' },
  { code: 'ĐU', name: 'Đảng ủy', level: 'commune', kind: 'party' },
  { code: 'CB', name: 'Chi bộ', level: 'commune', kind: 'party' },
  { code: 'BCĐ', name: 'Ban Chỉ đạo', level: null, kind: 'party' },
  { code: 'CP', name: 'Chính phủ', level: 'central', kind: 'state' },
  { code: 'TTg', name: 'Thủ tướng Chính phủ', level: 'central', kind: 'state' },
  { code: 'VPCP', name: 'Văn phòng Chính phủ', level: 'central', kind: 'state' },
  { code: 'QH', name: 'Quốc hội', level: 'central', kind: 'state' },
  { code: 'UBTVQH', name: 'Ủy ban Thường vụ Quốc hội', level: 'central', kind: 'state' },
  { code: 'BYT', name: 'Bộ Y tế', level: 'central', kind: 'state' },
  { code: 'BNV', name: 'Bộ Nội vụ', level: 'central', kind: 'state' },
  { code: 'BTC', name: 'Bộ Tài chính', level: 'central', kind: 'state' },
  { code: 'BGDĐT', name: 'Bộ Giáo dục và Đào tạo', level: 'central', kind: 'state' },
  { code: 'BCA', name: 'Bộ Công an', level: 'central', kind: 'state' },
  { code: 'BQP', name: 'Bộ Quốc phòng', level: 'central', kind: 'state' },
  { code: 'BNNPTNT', name: 'Bộ Nông nghiệp và Phát triển nông thôn', level: 'central', kind: 'state' },
  { code: 'BTNMT', name: 'Bộ Tài nguyên và Môi trường', level: 'central', kind: 'state' },
  { code: 'BKHĐT', name: 'Bộ Kế hoạch và Đầu tư', level: 'central', kind: 'state' },
  { code: 'BCT', name: 'Bộ Công Thương', level: 'central', kind: 'state' },
  { code: 'BTTTT', name: 'Bộ Thông tin và Truyền thông', level: 'central', kind: 'state' },
  { code: 'BVHTTDL', name: 'Bộ Văn hóa, Thể thao và Du lịch', level: 'central', kind: 'state' },
  { code: 'BLĐTBXH', name: 'Bộ Lao động - Thương binh và Xã hội', level: 'central', kind: 'state' },
  { code: 'UBND', name: 'Ủy ban nhân dân', level: null, kind: 'state' },
  { code: 'HĐND', name: 'Hội đồng nhân dân', level: null, kind: 'state' },
];

/**
 * Bodies that can head an issuer name, most specific first. `level: null` means the level
 * comes from the unit word after it ("Ủy ban nhân dân tỉnh …" vs "… huyện …").
 * `place`: what follows the body noun in a name: a place name (title case) or a field name
 * (sentence case, "Sở Y tế").
 */
export interface IssuerBodyRow {
  name: string;
  kind: IssuerKind | null;
  level: IssuerLevel | null;
  follows: 'place' | 'field' | 'none';
}

export const ISSUER_BODIES: readonly IssuerBodyRow[] = [
  { name: 'Ban Chấp hành Trung ương Đảng', kind: 'party', level: 'central', follows: 'none' },
  { name: 'Ban Chấp hành Trung ương', kind: 'party', level: 'central', follows: 'none' },
  { name: 'Văn phòng Trung ương Đảng', kind: 'party', level: 'central', follows: 'none' },
  { name: 'Bộ Chính trị', kind: 'party', level: 'central', follows: 'none' },
  { name: 'Ban Bí thư', kind: 'party', level: 'central', follows: 'none' },
  { name: 'Ban Chỉ đạo Trung ương', kind: 'party', level: 'central', follows: 'field' },
  { name: 'Ban Chỉ đạo Quốc gia', kind: 'state', level: 'central', follows: 'field' },
  { name: 'Thủ tướng Chính phủ', kind: 'state', level: 'central', follows: 'none' },
  { name: 'Văn phòng Chính phủ', kind: 'state', level: 'central', follows: 'none' },
  { name: 'Chính phủ', kind: 'state', level: 'central', follows: 'none' },
  { name: 'Ủy ban Thường vụ Quốc hội', kind: 'state', level: 'central', follows: 'none' },
  { name: 'Quốc hội', kind: 'state', level: 'central', follows: 'none' },
  { name: 'Chủ tịch nước', kind: 'state', level: 'central', follows: 'none' },
  { name: 'Ban Thường vụ Tỉnh ủy', kind: 'party', level: 'province', follows: 'place' },
  { name: 'Ban Thường vụ Thành ủy', kind: 'party', level: null, follows: 'place' },
  { name: 'Ban Thường vụ Huyện ủy', kind: 'party', level: 'district', follows: 'place' },
  { name: 'Ban Thường vụ Quận ủy', kind: 'party', level: 'district', follows: 'place' },
  { name: 'Ban Thường vụ Thị ủy', kind: 'party', level: 'district', follows: 'place' },
  { name: 'Ban Thường vụ Đảng ủy', kind: 'party', level: 'commune', follows: 'place' },
  { name: 'Ban Chấp hành Đảng bộ', kind: 'party', level: null, follows: 'place' },
  { name: 'Thường trực Tỉnh ủy', kind: 'party', level: 'province', follows: 'place' },
  { name: 'Thường trực Huyện ủy', kind: 'party', level: 'district', follows: 'place' },
  { name: 'Thường trực Thành ủy', kind: 'party', level: null, follows: 'place' },
  { name: 'Văn phòng Tỉnh ủy', kind: 'party', level: 'province', follows: 'place' },
  { name: 'Văn phòng Thành ủy', kind: 'party', level: null, follows: 'place' },
  { name: 'Văn phòng Huyện ủy', kind: 'party', level: 'district', follows: 'place' },
  { name: 'Văn phòng Đảng ủy', kind: 'party', level: 'commune', follows: 'place' },
  { name: 'Tỉnh ủy', kind: 'party', level: 'province', follows: 'place' },
  { name: 'Thành ủy', kind: 'party', level: null, follows: 'place' },
  { name: 'Huyện ủy', kind: 'party', level: 'district', follows: 'place' },
  { name: 'Quận ủy', kind: 'party', level: 'district', follows: 'place' },
  { name: 'Thị ủy', kind: 'party', level: 'district', follows: 'place' },
  { name: 'Đảng ủy khối', kind: 'party', level: 'province', follows: 'field' },
  { name: 'Đảng ủy', kind: 'party', level: null, follows: 'place' },
  { name: 'Đảng bộ', kind: 'party', level: null, follows: 'place' },
  { name: 'Chi bộ', kind: 'party', level: 'commune', follows: 'place' },
  { name: 'Ban Tuyên giáo và Dân vận', kind: 'party', level: null, follows: 'place' },
  { name: 'Ban Tuyên giáo', kind: 'party', level: null, follows: 'place' },
  { name: 'Ban Dân vận', kind: 'party', level: null, follows: 'place' },
  { name: 'Ban Tổ chức', kind: 'party', level: null, follows: 'place' },
  { name: 'Ủy ban Kiểm tra', kind: 'party', level: null, follows: 'place' },
  { name: 'Ủy ban nhân dân', kind: 'state', level: null, follows: 'place' },
  { name: 'UBND', kind: 'state', level: null, follows: 'place' },
  { name: 'Hội đồng nhân dân', kind: 'state', level: null, follows: 'place' },
  { name: 'HĐND', kind: 'state', level: null, follows: 'place' },
  { name: 'Ban Chỉ đạo', kind: null, level: null, follows: 'field' },
  { name: 'BCĐ', kind: null, level: null, follows: 'field' },
  { name: 'Sở', kind: 'state', level: 'province', follows: 'field' },
  { name: 'Phòng', kind: 'state', level: 'district', follows: 'field' },
  { name: 'Bộ', kind: 'state', level: 'central', follows: 'field' },
  { name: 'Văn phòng', kind: null, level: null, follows: 'field' },
];

/** Unit words that give the level of a body named with them ("Ủy ban nhân dân huyện …"). */
export const UNIT_LEVELS: readonly { word: string; level: IssuerLevel }[] = [
  { word: 'tỉnh', level: 'province' },
  { word: 'thành phố', level: 'district' }, // provincial for the centrally-run cities, see CENTRAL_CITIES
  { word: 'huyện', level: 'district' },
  { word: 'quận', level: 'district' },
  { word: 'thị xã', level: 'district' },
  { word: 'xã', level: 'commune' },
  { word: 'phường', level: 'commune' },
  { word: 'thị trấn', level: 'commune' },
  { word: 'đặc khu', level: 'commune' },
];

/** The 63 provincial units up to 30 June 2025. */
export const PROVINCES_PRE_2025: readonly string[] = [
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bắc Giang', 'Bắc Kạn', 'Bạc Liêu', 'Bắc Ninh', 'Bến Tre',
  'Bình Định', 'Bình Dương', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cần Thơ', 'Cao Bằng',
  'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang',
  'Hà Nam', 'Hà Nội', 'Hà Tĩnh', 'Hải Dương', 'Hải Phòng', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên',
  'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An',
  'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam',
  'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình',
  'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Tiền Giang', 'Hồ Chí Minh', 'Trà Vinh',
  'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
];

/** The 34 provincial units from 1 July 2025 (Nghị quyết 202/2025/QH15). */
export const PROVINCES_POST_2025: readonly string[] = [
  'Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Cao Bằng', 'Quảng Ninh',
  'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Tuyên Quang', 'Lào Cai', 'Thái Nguyên', 'Phú Thọ',
  'Bắc Ninh', 'Hưng Yên', 'Hải Phòng', 'Ninh Bình', 'Quảng Trị', 'Đà Nẵng', 'Quảng Ngãi',
  'Gia Lai', 'Khánh Hòa', 'Lâm Đồng', 'Đắk Lắk', 'Hồ Chí Minh', 'Đồng Nai', 'Tây Ninh', 'Cần Thơ',
  'Vĩnh Long', 'Đồng Tháp', 'Cà Mau', 'An Giang',
];

/** Centrally-run cities: a "thành phố"/"Thành ủy" with one of these names is provincial. */
export const CENTRAL_CITIES: readonly string[] = ['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

/** Other spellings of province names, mapped to the canonical row. */
export const PROVINCE_ALIASES: Readonly<Record<string, string>> = {
  'TP Hồ Chí Minh': 'Hồ Chí Minh',
  'TP. Hồ Chí Minh': 'Hồ Chí Minh',
  'TP.HCM': 'Hồ Chí Minh',
  'TP HCM': 'Hồ Chí Minh',
  'Thành phố Hồ Chí Minh': 'Hồ Chí Minh',
  'Bà Rịa Vũng Tàu': 'Bà Rịa - Vũng Tàu',
  'Đắc Lắc': 'Đắk Lắk',
  'Đăk Lăk': 'Đắk Lắk',
};

/** Phrases that carry their own capitalisation inside a caps title being lowered. */
export const PROPER_PHRASES: readonly string[] = [
  'Ban Chấp hành Trung ương', 'Ban Chấp hành', 'Ban Thường vụ', 'Thường trực', 'Ban Bí thư',
  'Bộ Chính trị', 'Trung ương', 'Đảng bộ', 'Tỉnh ủy', 'Huyện ủy', 'Thành ủy', 'Quận ủy', 'Thị ủy',
  'Đảng ủy', 'Bí thư', 'Phó Bí thư', 'Ủy ban nhân dân', 'Hội đồng nhân dân', 'UBND', 'HĐND',
  'Mặt trận Tổ quốc', 'MTTQ', 'Chính phủ', 'Thủ tướng', 'Quốc hội', 'Việt Nam', 'Covid-19',
  'Ban Chỉ đạo', 'Ban Tuyên giáo', 'Ban Dân vận', 'Ban Tổ chức', 'Ủy ban Kiểm tra', 'Đảng',
  'Nhà nước', 'Hội nghị', 'Đại hội', 'Văn phòng', 'Chủ tịch', 'Công an', 'Quân sự', 'Sở', 'Bộ',
];

/** Words that introduce a place name inside a caps title ("HUYỆN YÊN THẾ"). */
export const PLACE_INTRODUCERS: readonly string[] = [
  'tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã', 'xã', 'phường', 'thị trấn', 'đặc khu', 'đồng chí',
  'Tỉnh ủy', 'Huyện ủy', 'Thành ủy', 'Quận ủy', 'Thị ủy',
];

/** Lead-in words before a citation → relation (docs/domain.md §6.1). Longest first wins at a tie. */
export const RELATION_CUES: readonly { phrase: string; relation: 'implements' | 'basis' | 'responds' | 'amends' | 'reports' | 'mentions' }[] = [
  { phrase: 'báo cáo kết quả thực hiện', relation: 'reports' },
  { phrase: 'báo cáo kết quả triển khai', relation: 'reports' },
  { phrase: 'báo cáo kết quả', relation: 'reports' },
  { phrase: 'báo cáo tình hình thực hiện', relation: 'reports' },
  { phrase: 'sơ kết', relation: 'reports' },
  { phrase: 'tổng kết', relation: 'reports' },
  { phrase: 'thực hiện nghiêm', relation: 'implements' },
  { phrase: 'thực hiện', relation: 'implements' },
  { phrase: 'triển khai', relation: 'implements' },
  { phrase: 'quán triệt', relation: 'implements' },
  { phrase: 'cụ thể hóa', relation: 'implements' },
  { phrase: 'thi hành', relation: 'implements' },
  { phrase: 'căn cứ', relation: 'basis' },
  { phrase: 'theo tinh thần', relation: 'basis' },
  { phrase: 'trên cơ sở', relation: 'basis' },
  { phrase: 'theo quy định tại', relation: 'basis' },
  { phrase: 'theo hướng dẫn tại', relation: 'basis' },
  { phrase: 'theo đề nghị', relation: 'responds' },
  { phrase: 'xét đề nghị', relation: 'responds' },
  { phrase: 'xét tờ trình', relation: 'responds' },
  { phrase: 'xét công văn', relation: 'responds' },
  { phrase: 'xét', relation: 'responds' },
  { phrase: 'phúc đáp', relation: 'responds' },
  { phrase: 'trả lời', relation: 'responds' },
  { phrase: 'sửa đổi', relation: 'amends' },
  { phrase: 'thay thế', relation: 'amends' },
  { phrase: 'bãi bỏ', relation: 'amends' },
  { phrase: 'hủy bỏ', relation: 'amends' },
  { phrase: 'đính chính', relation: 'amends' },
  { phrase: 'bổ sung', relation: 'amends' },
  { phrase: 'tiếp theo', relation: 'mentions' },
];

/** Head nouns of agencies named as lead or partner in a task (docs/domain.md §7, §8.6). */
export const AGENCY_HEADS: readonly string[] = [
  'Ủy ban nhân dân', 'UBND', 'Hội đồng nhân dân', 'HĐND', 'Ủy ban Mặt trận Tổ quốc', 'Ủy ban MTTQ',
  'Mặt trận Tổ quốc', 'MTTQ', 'Ủy ban Kiểm tra', 'UBKT', 'Công an', 'BCH Quân sự', 'Ban Chỉ huy Quân sự',
  'Bộ Chỉ huy Quân sự', 'Bộ đội Biên phòng', 'Trung tâm', 'Ban Tuyên giáo', 'Ban Dân vận', 'Ban Tổ chức',
  'Ban Nội chính', 'Ban Kinh tế', 'Ban Chỉ đạo', 'BCĐ', 'Ban Thường vụ', 'Ban Quản lý', 'Ban', 'Sở', 'Phòng',
  'Văn phòng', 'Đảng ủy', 'Huyện ủy', 'Tỉnh ủy', 'Thành ủy', 'Quận ủy', 'Thị ủy', 'Thường trực', 'Đảng đoàn',
  'Ban cán sự đảng', 'Chi bộ', 'Đảng bộ', 'Bộ', 'Cục', 'Chi cục', 'Tổng cục', 'Tổ chức chính trị - xã hội',
  'tổ chức chính trị - xã hội', 'Đoàn thể', 'Liên đoàn Lao động', 'Huyện đoàn', 'Tỉnh đoàn', 'Đoàn Thanh niên',
  'Hội Liên hiệp Phụ nữ', 'Hội Nông dân', 'Hội Cựu chiến binh', 'Hội', 'Bệnh viện', 'Trường', 'Kho bạc',
  'Ngân hàng', 'Bảo hiểm xã hội', 'Viện Kiểm sát', 'Tòa án', 'Đài Phát thanh', 'Đài', 'Báo', 'Tổ công tác',
  'Tổ Covid', 'Cơ quan', 'Đơn vị', 'Địa phương', 'Cấp ủy', 'Chính quyền', 'Chủ tịch', 'Giám đốc',
  'Thủ trưởng', 'Người đứng đầu', 'Cục Thuế', 'Chi cục Thuế', 'tổ chức đảng', 'tổ chức cơ sở đảng',
  'Chánh Văn phòng', 'Chánh Thanh tra', 'Trưởng Công an', 'Trưởng ban', 'Trưởng phòng',
  'Trạm Y tế', 'Trạm', 'Công chức', 'Cán bộ', 'Ban Quản lý dự án', 'Hạt Kiểm lâm', 'Đội', 'Chi nhánh',
  'Bưu điện', 'Ban Chỉ huy', 'Viện', 'Học viện', 'Ủy ban', 'Thanh tra', 'Khối',
];

/** Unit words that stand for an agency when pluralised: "các xã, thị trấn", "các huyện". */
export const PLURAL_UNIT_HEADS: readonly string[] = [
  'xã', 'phường', 'thị trấn', 'huyện', 'thị xã', 'thành phố', 'tỉnh', 'sở', 'ban', 'ngành', 'cơ quan',
  'đơn vị', 'địa phương', 'phòng', 'đoàn thể', 'cấp ủy', 'chi bộ', 'đảng bộ', 'tổ chức cơ sở đảng',
  'cơ sở', 'doanh nghiệp', 'huyện ủy', 'thành ủy', 'thị ủy', 'quận ủy', 'đảng ủy',
  'hội', 'thôn', 'tổ dân phố', 'bộ', 'cục', 'chi',
];

/**
 * Verbs that end the subject of a task sentence ("Công an huyện | tiếp tục …"). Vietnamese has
 * no inflection to find the verb, so the subject is everything before the first of these.
 */
export const TASK_VERBS: readonly string[] = [
  'chủ trì', 'phối hợp', 'tiếp tục', 'tiến hành', 'chỉ đạo', 'có trách nhiệm', 'chịu trách nhiệm',
  'tăng cường', 'thực hiện', 'triển khai', 'đề cao', 'làm', 'khẩn trương', 'xây dựng', 'rà soát',
  'theo dõi', 'kiểm tra', 'hướng dẫn', 'tham mưu', 'đẩy mạnh', 'quan tâm', 'chủ động', 'nghiên cứu',
  'báo cáo', 'phát huy', 'bố trí', 'đảm bảo', 'bảo đảm', 'tập trung', 'tổ chức thực hiện', 'tổ chức',
  'nắm', 'nắm chắc', 'duy trì', 'phân công', 'huy động', 'đôn đốc', 'giám sát', 'hoàn thành', 'lãnh đạo',
  'cân đối', 'cung cấp', 'ban hành', 'thẩm định', 'điều tra', 'kịp thời', 'nghiêm túc', 'quán triệt',
  'định kỳ', 'thường xuyên', 'cử', 'giao', 'đề xuất', 'tuyên truyền', 'vận động', 'cập nhật', 'bổ sung',
  'sắp xếp', 'hỗ trợ', 'phổ biến', 'tiếp nhận', 'thông tin', 'phê duyệt', 'trình', 'tổng hợp', 'xử lý',
  'hằng tháng', 'hàng tháng', 'ưu tiên', 'tích cực', 'rà soát', 'đánh giá', 'sớm', 'khảo sát', 'chuẩn bị',
  'kiện toàn', 'lập', 'ra quân', 'định hướng', 'thi hành', 'có nhiệm vụ', 'giúp', 'bàn giao', 'tuần tra',
  'quản lý', 'phát động', 'chấn chỉnh', 'rút kinh nghiệm', 'tổng kết', 'sơ kết', 'nâng cao', 'hoàn thiện',
  'gửi', 'tham gia', 'phục vụ', 'lựa chọn', 'giải quyết', 'thanh tra', 'công bố', 'niêm yết', 'cảnh báo',
  'sẵn sàng', 'nhanh chóng', 'chịu', 'thống nhất', 'thống kê', 'điều chỉnh', 'rà soát lại', 'tập huấn',
  'vận hành', 'bồi dưỡng', 'tiếp thu', 'tăng', 'giảm', 'đề ra', 'khắc phục', 'mở rộng',
  'trực tiếp', 'đăng ký', 'đẩy nhanh', 'tiếp', 'là',
];

/** Lead-in words of a task sentence that precede the lead agency. */
export const TASK_ASSIGNERS: readonly string[] = ['giao cho', 'giao', 'đề nghị', 'yêu cầu', 'ủy quyền cho', 'phân công'];

/** Position titles in a signature block (line under T/M, K/T, T/L …). */
export const SIGNER_TITLES: readonly string[] = [
  'BÍ THƯ', 'PHÓ BÍ THƯ', 'PHÓ BÍ THƯ THƯỜNG TRỰC', 'CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC',
  'GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN',
  'TRƯỞNG BAN THƯỜNG TRỰC', 'BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'THỦ TƯỚNG', 'PHÓ THỦ TƯỚNG', 'TRƯỞNG PHÒNG',
  'PHÓ TRƯỞNG PHÒNG', 'CHỦ NHIỆM', 'PHÓ CHỦ NHIỆM', 'TRƯỞNG ĐOÀN', 'TỔ TRƯỞNG', 'CỤC TRƯỞNG', 'VỤ TRƯỞNG',
  'CHÁNH THANH TRA', 'THƯỜNG TRỰC', 'KẾ TOÁN TRƯỞNG', 'HIỆU TRƯỞNG', 'TỔNG BÍ THƯ',
  'PHÓ TRƯỞNG BAN THƯỜNG TRỰC', 'PHÓ GIÁM ĐỐC THƯỜNG TRỰC', 'TRƯỞNG BAN CHỈ ĐẠO', 'PHÓ TRƯỞNG BAN CHỈ ĐẠO',
  'CHỦ TỊCH HỘI ĐỒNG', 'Q. CHỦ TỊCH', 'Q. GIÁM ĐỐC', 'CHI CỤC TRƯỞNG', 'PHÓ CỤC TRƯỞNG', 'PHÓ VỤ TRƯỞNG',
];

/** Urgency and secrecy marks printed in the header; never part of the issuer. */
export const HEADER_MARKS: readonly string[] = [
  'HỎA TỐC', 'THƯỢNG KHẨN', 'KHẨN', 'MẬT', 'TỐI MẬT', 'TUYỆT MẬT', 'LƯU HÀNH NỘI BỘ', 'HỎA TỐC HẸN GIỜ',
];

// ---- Heuristic limits ----------------------------------------------------------------

/** Header, number and title sit on the first page: beyond this line a caps line is body text. */
export const HEADER_MAX_LINES = 45;
/** A type noun belongs to a number when at most this much ("số", ":", spaces) separates them. */
export const TYPE_NOUN_GAP_MAX = 16;
/** "của <issuer>" is read for at most this many syllables; issuer names are never longer. */
export const ISSUER_MAX_SYLLABLES = 14;
/** Relation cues are looked for this far back inside the citing sentence. */
export const RELATION_LOOKBACK = 260;
/** Trích yếu spans a few lines; more means the layout was not understood. */
export const SUBJECT_MAX_LINES = 6;
/** Signature blocks sit in the last lines before an appendix. */
export const SIGNATURE_WINDOW_LINES = 40;
/** A task's subject (its lead agencies) is never longer than this many syllables. */
export const TASK_SUBJECT_MAX_SYLLABLES = 45;
/** Names in a signature: Vietnamese full names have 2–5 syllables. */
export const NAME_MIN_SYLLABLES = 2;
export const NAME_MAX_SYLLABLES = 5;
/** A proper place name after "huyện"/"tỉnh" has at most this many syllables. */
export const PLACE_NAME_MAX_SYLLABLES = 4;
