/**
 * The fixed query list of the search bench: accented and unaccented words, phrases, exclusion, OR,
 * field filters, abbreviations, refs (taken from the corpus manifest when there is one), rare and
 * very common words ("tỉnh", "dịch", "báo" occur in most documents).
 */
import type { ManifestEntry } from './generate';

export const FIXED_QUERIES: string[] = [
  // very common
  'tỉnh',
  'dịch',
  'báo cáo',
  'bảo đảm',
  'tinh',
  'dich',
  'bao',
  'nhân dân',
  // accented
  'phòng chống dịch',
  'bão',
  'chuyển đổi số',
  'đất đai',
  'Đảng ủy',
  'nông thôn mới',
  'tham nhũng',
  'hòa bình',
  'thuỷ',
  'tiêm vắc xin',
  // unaccented
  'phong chong dich',
  'chuyen doi so',
  'dat dai',
  'dang uy',
  'cai cach hanh chinh',
  'giai phong mat bang',
  'chay rung',
  // phrases
  '"phòng, chống dịch"',
  '"giải phóng mặt bằng"',
  '"an toàn giao thông"',
  '"dich vu cong"',
  '"nồng độ cồn"',
  // exclusion and OR
  'dịch -covid',
  'bão OR lũ',
  'rác thải OR ô nhiễm -làng',
  // abbreviations
  'UBND',
  'BTV tỉnh ủy',
  'MTTQ',
  'OCOP',
  // filters
  'dịch cap:tinh',
  'bão nam:2021',
  'loai:CT',
  'coquan:UBND chuyển đổi số',
  'tham nhũng tu:2020-01-01 den:2020-12-31',
  'kế hoạch cap:xa nam:2024',
  'nguoiky:"Nguyễn Văn An"',
  // rare
  'PAR INDEX',
  'rượu bia',
];

/** Ref queries in every variant, for documents picked evenly from the manifest. */
export function refQueries(manifest: readonly ManifestEntry[], count = 3): string[] {
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const doc = manifest[Math.floor((manifest.length * i) / (count + 1))];
    if (!doc) continue;
    const ref = doc.ref;
    out.push(ref, ref.replace(/[-/]/g, ' '), ref.toLowerCase());
    const m = /^(\d+)[-/]([^/-]+)/.exec(ref);
    if (m) out.push(`${m[2]!.toLowerCase()} ${m[1]}`);
  }
  return out;
}

export const SUGGEST_PREFIXES: string[] = [
  'ph',
  'phong',
  'phong chong',
  'phong chong d',
  'phong chong dcih',
  'chuyen d',
  'chuyển đổi',
  'dat d',
  'tham nh',
  'ban thuong vu tinh',
  'uy ban nhan dan huyen',
  'tỉnh ủy',
  'ke hoach',
  'nong thon m',
  'bao s',
  'giai phong mat',
  'tiem vac',
  'an toan giao th',
  'cai cach hanh ch',
  'ocop',
  '12',
  '15-KH',
  'ubnd',
  'Đảng ủy xã',
  // Agencies named in tasks (lead / cooperating), one with a swap typo.
  'cong an',
  'ban tuyen giao',
  'trung tam y t',
  'phong tai nguyen va m',
  'cogn an',
];
