/**
 * The issuer registry (issue #5): DATA, not code. Each row is one body that numbers its own
 * documents, with the names it is cited by, its level and the dates it existed. Local bodies
 * (63 → 34 provinces, every district and commune) follow the patterns in keys.ts; this table holds
 * the named bodies and the 2025 province merges. Clerks add rows of the same shape to the archive
 * (table graph_issuers), which are consulted before these.
 *
 * Party central bodies share one series: the Central Committee, the Politburo and the Secretariat
 * all number under "/TW" (docs/domain.md §3.2), so they are one body here.
 */
import type { IssuerKind, IssuerLevel } from '../model/directive';

export interface IssuerRow {
  /** Stable id; local bodies get ids like "dang:tinh:bac giang" from keys.ts. */
  id: string;
  name: string;
  aliases: readonly string[];
  level: IssuerLevel;
  kind: IssuerKind;
  province: string | null;
  /** ISO dates, inclusive; null = open. */
  validFrom: string | null;
  validTo: string | null;
}

const central = (id: string, name: string, kind: IssuerKind, aliases: string[]): IssuerRow => ({
  id,
  name,
  aliases,
  level: 'central',
  kind,
  province: null,
  validFrom: null,
  validTo: null,
});

export const CENTRAL_ISSUERS: readonly IssuerRow[] = [
  central('dang:tw', 'Ban Chấp hành Trung ương Đảng', 'party', [
    'Ban Chấp hành Trung ương',
    'BCH Trung ương',
    'BCH TW',
    'BCHTW',
    'Trung ương',
    'Trung ương Đảng',
    'Bộ Chính trị',
    'Ban Bí thư',
    'Ban Bí thư Trung ương Đảng',
    'Ban Bí thư Trung ương',
    'Thường trực Ban Bí thư',
    'Bộ Chính trị, Ban Bí thư',
    'Tổng Bí thư',
  ]),
  central('dang:vptw', 'Văn phòng Trung ương Đảng', 'party', ['VPTW']),
  central('dang:btctw', 'Ban Tổ chức Trung ương', 'party', ['BTCTW']),
  central('dang:btgtw', 'Ban Tuyên giáo Trung ương', 'party', ['BTGTW', 'Ban Tuyên giáo và Dân vận Trung ương']),
  central('dang:bdvtw', 'Ban Dân vận Trung ương', 'party', ['BDVTW']),
  central('dang:ubkttw', 'Ủy ban Kiểm tra Trung ương', 'party', ['UBKTTW']),
  central('nn:cp', 'Chính phủ', 'state', ['CP']),
  central('nn:ttg', 'Thủ tướng Chính phủ', 'state', ['Thủ tướng', 'TTg', 'Phó Thủ tướng Chính phủ', 'Phó Thủ tướng']),
  central('nn:vpcp', 'Văn phòng Chính phủ', 'state', ['VPCP']),
  central('nn:qh', 'Quốc hội', 'state', ['QH']),
  central('nn:ubtvqh', 'Ủy ban Thường vụ Quốc hội', 'state', ['UBTVQH']),
  central('nn:ctn', 'Chủ tịch nước', 'state', []),
  central('nn:byt', 'Bộ Y tế', 'state', ['BYT']),
  central('nn:bnv', 'Bộ Nội vụ', 'state', ['BNV']),
  central('nn:btc', 'Bộ Tài chính', 'state', ['BTC']),
  central('nn:bgddt', 'Bộ Giáo dục và Đào tạo', 'state', ['BGDĐT']),
  central('nn:bca', 'Bộ Công an', 'state', ['BCA']),
  central('nn:bqp', 'Bộ Quốc phòng', 'state', ['BQP']),
  central('nn:bnnptnt', 'Bộ Nông nghiệp và Phát triển nông thôn', 'state', ['BNNPTNT']),
  central('nn:btnmt', 'Bộ Tài nguyên và Môi trường', 'state', ['BTNMT']),
  central('nn:bkhdt', 'Bộ Kế hoạch và Đầu tư', 'state', ['BKHĐT']),
  central('nn:bct', 'Bộ Công Thương', 'state', ['BCT']),
  central('nn:btttt', 'Bộ Thông tin và Truyền thông', 'state', ['BTTTT']),
  central('nn:bvhttdl', 'Bộ Văn hóa, Thể thao và Du lịch', 'state', ['BVHTTDL']),
  central('nn:bldtbxh', 'Bộ Lao động - Thương binh và Xã hội', 'state', ['BLĐTBXH']),
];

/** The day the district tier ended and the merged provinces began (docs/domain.md §5.2). */
export const REORGANISATION_DATE = '2025-07-01';

/**
 * Provinces whose name continues after 1 July 2025 but now names a merged body (§5.3):
 * "Tỉnh ủy Bắc Ninh" of 2024 and of August 2025 are two different committees.
 */
export const MERGED_PROVINCES: Readonly<Record<string, readonly string[]>> = {
  'Tuyên Quang': ['Hà Giang'],
  'Lào Cai': ['Yên Bái'],
  'Thái Nguyên': ['Bắc Kạn'],
  'Phú Thọ': ['Vĩnh Phúc', 'Hòa Bình'],
  'Bắc Ninh': ['Bắc Giang'],
  'Hưng Yên': ['Thái Bình'],
  'Hải Phòng': ['Hải Dương'],
  'Ninh Bình': ['Hà Nam', 'Nam Định'],
  'Quảng Trị': ['Quảng Bình'],
  'Đà Nẵng': ['Quảng Nam'],
  'Quảng Ngãi': ['Kon Tum'],
  'Gia Lai': ['Bình Định'],
  'Khánh Hòa': ['Ninh Thuận'],
  'Lâm Đồng': ['Đắk Nông', 'Bình Thuận'],
  'Đắk Lắk': ['Phú Yên'],
  'Hồ Chí Minh': ['Bình Dương', 'Bà Rịa - Vũng Tàu'],
  'Đồng Nai': ['Bình Phước'],
  'Tây Ninh': ['Long An'],
  'Cần Thơ': ['Sóc Trăng', 'Hậu Giang'],
  'Vĩnh Long': ['Bến Tre', 'Trà Vinh'],
  'Đồng Tháp': ['Tiền Giang'],
  'Cà Mau': ['Bạc Liêu'],
  'An Giang': ['Kiên Giang'],
};

/**
 * Prefixes naming an organ of a committee that numbers under the committee's code: the standing
 * board, the standing members and the full committee all sign "/TU" documents (§3.2).
 */
export const COMMITTEE_ORGANS: readonly string[] = [
  'Ban Thường vụ',
  'BTV',
  'Thường trực',
  'TT',
  'Ban Chấp hành',
  'BCH',
  'Ban Chấp hành Đảng bộ',
  'BCH Đảng bộ',
  'Bí thư',
  'Phó Bí thư',
];

/** Prefixes naming the head of a people's committee, who signs its documents. */
export const STATE_HEADS: readonly string[] = ['Chủ tịch', 'Phó Chủ tịch', 'Thường trực', 'TM.', 'KT.'];

/** Provincial and district Party boards: each numbers its own series ("/BTGTU", "/VPHU"). */
export const PARTY_BOARDS: readonly { name: string; key: string }[] = [
  { name: 'Ban Tuyên giáo và Dân vận', key: 'btgdv' },
  { name: 'Ban Tuyên giáo', key: 'btg' },
  { name: 'Ban Dân vận', key: 'bdv' },
  { name: 'Ban Tổ chức', key: 'btc' },
  { name: 'Ủy ban Kiểm tra', key: 'ubkt' },
  { name: 'Văn phòng', key: 'vp' },
  { name: 'Ban Nội chính', key: 'bnc' },
];
