/**
 * Deterministic generator of synthetic directives for the search bench (issue #4) and, through its
 * manifest, for the citation work of issue #5. Seeded: the same seed and count give the same bytes.
 *
 * Documents are produced in date order (2015–2025) so every citation points back in time, towards a
 * document of a higher level (commune → district → province → central). About one citation in six
 * names a document that is not in the corpus (issued outside it). Prefixes of the output (the first
 * 1k or 10k files) are themselves valid corpora: citations only look backwards.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Level = 'central' | 'province' | 'district' | 'commune';
type Kind = 'party' | 'state';

const PROVINCES = [
  'Bắc Giang',
  'Quảng Ninh',
  'Hà Giang',
  'Nam Định',
  'Thanh Hóa',
  'Nghệ An',
  'Quảng Nam',
  'Đắk Lắk',
  'Lâm Đồng',
  'Đồng Tháp',
  'Cà Mau',
  'Hải Dương',
  'Thái Bình',
  'Phú Thọ',
  'Lào Cai',
  'Sơn La',
];
const DISTRICTS = [
  'Yên Thế',
  'Lục Nam',
  'Đông Triều',
  'Vân Đồn',
  'Đồng Văn',
  'Trực Ninh',
  'Hậu Lộc',
  'Quỳnh Lưu',
  'Điện Bàn',
  'Krông Pắc',
  'Bảo Lộc',
  'Tháp Mười',
  'Năm Căn',
  'Kinh Môn',
  'Tiền Hải',
  'Thanh Sơn',
  'Bát Xát',
  'Mộc Châu',
  'An Lão',
  'Định Hóa',
];
const COMMUNES = [
  'Tân Tiến',
  'Hòa Bình',
  'Quang Trung',
  'Đồng Tâm',
  'Xuân Lộc',
  'Thuỷ An',
  'Phú Xuân',
  'Minh Khai',
  'Hợp Thành',
  'Đại Đồng',
  'Tân Lập',
  'Hưng Đạo',
  'Nghĩa Hưng',
  'Đức Thắng',
  'Yên Lạc',
  'Khánh Hòa',
];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Xuân', 'Ngọc', 'Hồng'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Giang',
  'Hà',
  'Hùng',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Quân',
  'Sơn',
  'Thủy',
  'Tuấn',
  'Việt',
  'Hoà',
];

interface Topic {
  key: string;
  subjects: string[];
  sentences: string[];
}

const TOPICS: Topic[] = [
  {
    key: 'covid',
    subjects: [
      'tăng cường công tác phòng, chống dịch Covid-19',
      'triển khai tiêm vắc xin phòng Covid-19',
      'thực hiện "mục tiêu kép", vừa phòng, chống dịch Covid-19 vừa phát triển kinh tế - xã hội',
    ],
    sentences: [
      'Tiếp tục thực hiện nghiêm các biện pháp phòng, chống dịch Covid-19, không để dịch bệnh lây lan trong cộng đồng.',
      'Khẩn trương rà soát, bổ sung kịch bản phòng, chống dịch ở mức cao hơn theo phương châm "4 tại chỗ".',
      'Tổ chức tiêm vắc xin bảo đảm an toàn, đúng đối tượng ưu tiên, hoàn thành trong thời gian ngắn nhất.',
      'Quản lý chặt chẽ người từ vùng dịch trở về địa phương; phát hiện sớm, truy vết, khoanh vùng, dập dịch kịp thời.',
      'Ban Chỉ đạo phòng, chống dịch các cấp duy trì chế độ giao ban, kịp thời tháo gỡ khó khăn, vướng mắc.',
    ],
  },
  {
    key: 'storm',
    subjects: [
      'chủ động ứng phó với bão, mưa lũ',
      'triển khai công tác phòng, chống thiên tai và tìm kiếm cứu nạn',
      'khắc phục hậu quả cơn bão số {n}',
    ],
    sentences: [
      'Theo dõi chặt chẽ diễn biến của bão, mưa lũ; chủ động sơ tán nhân dân khỏi khu vực nguy hiểm.',
      'Kiểm tra, gia cố đê điều, hồ đập, bảo đảm an toàn công trình trước mùa mưa bão.',
      'Bố trí lực lượng, phương tiện ứng trực 24/24 giờ để xử lý các tình huống do bão gây ra.',
      'Khẩn trương khắc phục hậu quả sau bão, sớm ổn định đời sống nhân dân và khôi phục sản xuất.',
    ],
  },
  {
    key: 'digital',
    subjects: [
      'đẩy mạnh chuyển đổi số',
      'phát triển chính quyền số và dịch vụ công trực tuyến',
      'triển khai Đề án 06 về dữ liệu dân cư',
    ],
    sentences: [
      'Đẩy mạnh chuyển đổi số trong hoạt động của cơ quan Đảng, chính quyền và đoàn thể các cấp.',
      'Nâng cao tỷ lệ hồ sơ giải quyết trực tuyến, tái sử dụng dữ liệu đã số hóa.',
      'Bảo đảm an toàn, an ninh thông tin mạng; không soạn thảo, lưu trữ thông tin bí mật nhà nước trên máy tính kết nối Internet.',
      'Triển khai các nền tảng số dùng chung, kết nối liên thông với Cổng dịch vụ công quốc gia.',
    ],
  },
  {
    key: 'reform',
    subjects: [
      'đẩy mạnh cải cách hành chính',
      'nâng cao chỉ số cải cách hành chính (PAR INDEX)',
      'tăng cường kỷ luật, kỷ cương hành chính',
    ],
    sentences: [
      'Rà soát, đơn giản hóa thủ tục hành chính, cắt giảm thời gian giải quyết hồ sơ cho người dân và doanh nghiệp.',
      'Người đứng đầu chịu trách nhiệm về kết quả cải cách hành chính tại cơ quan, đơn vị mình.',
      'Xử lý nghiêm cán bộ, công chức nhũng nhiễu, gây phiền hà trong giải quyết thủ tục hành chính.',
    ],
  },
  {
    key: 'rural',
    subjects: [
      'xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu',
      'thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới',
    ],
    sentences: [
      'Huy động các nguồn lực xây dựng nông thôn mới, ưu tiên các xã đặc biệt khó khăn.',
      'Phát triển sản xuất hàng hóa, chương trình mỗi xã một sản phẩm (OCOP), nâng cao thu nhập cho người dân.',
      'Giữ vững và nâng cao chất lượng các tiêu chí đã đạt, nhất là tiêu chí môi trường và an ninh trật tự.',
    ],
  },
  {
    key: 'land',
    subjects: [
      'tăng cường quản lý nhà nước về đất đai',
      'đẩy nhanh công tác giải phóng mặt bằng',
      'cấp giấy chứng nhận quyền sử dụng đất',
    ],
    sentences: [
      'Rà soát quỹ đất công, xử lý dứt điểm các trường hợp lấn chiếm, sử dụng đất sai mục đích.',
      'Đẩy nhanh tiến độ bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng các dự án trọng điểm.',
      'Công khai quy hoạch, kế hoạch sử dụng đất; giải quyết kịp thời đơn thư về đất đai.',
    ],
  },
  {
    key: 'congress',
    subjects: [
      'lãnh đạo tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2020 - 2025',
      'chuẩn bị nhân sự cấp ủy nhiệm kỳ mới',
      'kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên',
    ],
    sentences: [
      'Các cấp ủy xây dựng kế hoạch, chuẩn bị chu đáo văn kiện và phương án nhân sự đại hội.',
      'Thực hiện nghiêm nguyên tắc tập trung dân chủ, quy trình giới thiệu nhân sự theo quy định của Trung ương.',
      'Đánh giá đúng thực chất chất lượng đảng viên, gắn với kết quả thực hiện nhiệm vụ được giao.',
    ],
  },
  {
    key: 'traffic',
    subjects: ['tăng cường bảo đảm trật tự, an toàn giao thông', 'xử lý vi phạm nồng độ cồn khi tham gia giao thông'],
    sentences: [
      'Lực lượng công an tăng cường tuần tra, kiểm soát, xử lý nghiêm vi phạm về trật tự, an toàn giao thông.',
      'Tuyên truyền, vận động nhân dân chấp hành "đã uống rượu, bia không lái xe".',
    ],
  },
  {
    key: 'fire',
    subjects: ['tăng cường công tác phòng cháy, chữa cháy', 'phòng, chống cháy rừng mùa khô'],
    sentences: [
      'Kiểm tra an toàn phòng cháy, chữa cháy tại nhà ở kết hợp kinh doanh, cơ sở có nguy cơ cháy, nổ cao.',
      'Duy trì lực lượng chữa cháy tại chỗ, phương án "bốn tại chỗ" trong phòng, chống cháy rừng.',
    ],
  },
  {
    key: 'education',
    subjects: [
      'chuẩn bị năm học mới',
      'tổ chức kỳ thi tốt nghiệp trung học phổ thông',
      'đổi mới căn bản, toàn diện giáo dục và đào tạo',
    ],
    sentences: [
      'Bảo đảm đủ trường, lớp, giáo viên, sách giáo khoa cho năm học mới.',
      'Tổ chức kỳ thi an toàn, nghiêm túc, đúng quy chế; không để học sinh bỏ học vì hoàn cảnh khó khăn.',
    ],
  },
  {
    key: 'environment',
    subjects: ['bảo vệ môi trường, xử lý rác thải sinh hoạt', 'phòng, chống ô nhiễm môi trường làng nghề'],
    sentences: [
      'Thu gom, xử lý rác thải sinh hoạt, không để tồn đọng gây ô nhiễm môi trường.',
      'Kiểm tra, xử lý nghiêm cơ sở xả thải vượt quy chuẩn; công khai kết quả quan trắc môi trường.',
    ],
  },
  {
    key: 'anticorruption',
    subjects: ['tăng cường phòng, chống tham nhũng, tiêu cực', 'thực hiện kết luận thanh tra, kiểm tra'],
    sentences: [
      'Kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn theo quy định.',
      'Xử lý nghiêm, kịp thời tổ chức, cá nhân vi phạm, không có vùng cấm, không có ngoại lệ.',
    ],
  },
  {
    key: 'economy',
    subjects: [
      'thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {y}',
      'kết quả 6 tháng đầu năm {y}, nhiệm vụ trọng tâm 6 tháng cuối năm',
      'đẩy nhanh giải ngân vốn đầu tư công năm {y}',
    ],
    sentences: [
      'Tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh, phấn đấu hoàn thành các chỉ tiêu kinh tế - xã hội.',
      'Đẩy nhanh tiến độ giải ngân vốn đầu tư công, xử lý dứt điểm các dự án chậm tiến độ.',
      'Tăng cường thu ngân sách, chống thất thu; thực hành tiết kiệm, chống lãng phí.',
    ],
  },
];

// Sentences common to most directives: they make "báo", "bảo", "tỉnh", "dịch" (vụ) everywhere.
const COMMON = [
  'Các cơ quan, đơn vị báo cáo kết quả thực hiện về Văn phòng trước ngày {d} hằng tháng để tổng hợp.',
  'Bảo đảm thực hiện nghiêm túc, hiệu quả, đúng tiến độ; kịp thời báo cáo những khó khăn, vướng mắc phát sinh.',
  'Nâng cao chất lượng dịch vụ công, tạo thuận lợi cho người dân, doanh nghiệp trên địa bàn tỉnh.',
  'Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tăng cường tuyên truyền, vận động đoàn viên, hội viên và nhân dân cùng thực hiện.',
  'Các sở, ban, ngành của tỉnh theo chức năng, nhiệm vụ chủ động phối hợp, hướng dẫn, kiểm tra, đôn đốc việc thực hiện.',
  'Người đứng đầu cấp ủy, chính quyền chịu trách nhiệm trước cấp trên về kết quả thực hiện tại địa phương, đơn vị mình.',
  'Kinh phí thực hiện bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành và các nguồn huy động hợp pháp khác.',
  'Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về cơ quan thường trực để tổng hợp, báo cáo xem xét, giải quyết.',
  'Tăng cường công tác thông tin, tuyên truyền trên các phương tiện thông tin đại chúng và hệ thống truyền thanh cơ sở.',
  'Văn phòng chủ trì theo dõi, đôn đốc, định kỳ tổng hợp tình hình, báo cáo cấp ủy, chính quyền.',
];

const STATE_TYPES: [string, string][] = [
  ['Kế hoạch', 'KH'],
  ['Quyết định', 'QĐ'],
  ['Chỉ thị', 'CT'],
  ['Báo cáo', 'BC'],
  ['Thông báo', 'TB'],
  ['Công văn', ''],
  ['Hướng dẫn', 'HD'],
];
const PARTY_TYPES: [string, string][] = [
  ['Công văn', 'CV'],
  ['Kế hoạch', 'KH'],
  ['Nghị quyết', 'NQ'],
  ['Chỉ thị', 'CT'],
  ['Kết luận', 'KL'],
  ['Thông báo', 'TB'],
  ['Báo cáo', 'BC'],
  ['Hướng dẫn', 'HD'],
  ['Công điện', 'CĐ'],
];

interface Issuer {
  kind: Kind;
  level: Level;
  name: string; // "Ủy ban nhân dân tỉnh Bắc Giang"
  headerLines: string[];
  code: string; // UBND / TU / HU / ĐU / CP / TW
  place: string;
  signBlock: string[];
}

function issuerFor(kind: Kind, level: Level, province: string, district: string, commune: string): Issuer {
  if (kind === 'state') {
    switch (level) {
      case 'central':
        return {
          kind,
          level,
          name: 'Thủ tướng Chính phủ',
          headerLines: ['THỦ TƯỚNG CHÍNH PHỦ'],
          code: 'TTg',
          place: 'Hà Nội',
          signBlock: ['KT. THỦ TƯỚNG', 'PHÓ THỦ TƯỚNG'],
        };
      case 'province':
        return {
          kind,
          level,
          name: `Ủy ban nhân dân tỉnh ${province}`,
          headerLines: ['ỦY BAN NHÂN DÂN', `TỈNH ${province.toUpperCase()}`],
          code: 'UBND',
          place: province,
          signBlock: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
        };
      case 'district':
        return {
          kind,
          level,
          name: `Ủy ban nhân dân huyện ${district}`,
          headerLines: ['ỦY BAN NHÂN DÂN', `HUYỆN ${district.toUpperCase()}`],
          code: 'UBND',
          place: district,
          signBlock: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
        };
      case 'commune':
        return {
          kind,
          level,
          name: `Ủy ban nhân dân xã ${commune}`,
          headerLines: ['ỦY BAN NHÂN DÂN', `XÃ ${commune.toUpperCase()}`],
          code: 'UBND',
          place: commune,
          signBlock: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
        };
    }
  }
  switch (level) {
    case 'central':
      return {
        kind,
        level,
        name: 'Ban Bí thư Trung ương Đảng',
        headerLines: ['BAN CHẤP HÀNH TRUNG ƯƠNG', '*'],
        code: 'TW',
        place: 'Hà Nội',
        signBlock: ['T/M BAN BÍ THƯ'],
      };
    case 'province':
      return {
        kind,
        level,
        name: `Ban Thường vụ Tỉnh ủy ${province}`,
        headerLines: [`ĐẢNG BỘ TỈNH ${province.toUpperCase()}`, `TỈNH ỦY ${province.toUpperCase()}`, '*'],
        code: 'TU',
        place: province,
        signBlock: ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'],
      };
    case 'district':
      return {
        kind,
        level,
        name: `Ban Thường vụ Huyện ủy ${district}`,
        headerLines: [`ĐẢNG BỘ TỈNH ${province.toUpperCase()}`, `HUYỆN ỦY ${district.toUpperCase()}`, '*'],
        code: 'HU',
        place: district,
        signBlock: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
      };
    case 'commune':
      return {
        kind,
        level,
        name: `Đảng ủy xã ${commune}`,
        headerLines: [`ĐẢNG BỘ HUYỆN ${district.toUpperCase()}`, `ĐẢNG ỦY XÃ ${commune.toUpperCase()}`, '*'],
        code: 'ĐU',
        place: commune,
        signBlock: ['T/M ĐẢNG ỦY', 'BÍ THƯ'],
      };
  }
}

export interface ManifestCitation {
  ref: string;
  date: string;
  issuer: string;
  type: string;
  /** File of the cited document when it is in the corpus; null when it is not. */
  target: string | null;
}

export interface ManifestEntry {
  file: string;
  ref: string;
  type: string;
  issuer: string;
  kind: Kind;
  level: Level;
  date: string;
  subject: string;
  topic: string;
  signer: string;
  citations: ManifestCitation[];
}

const LEVEL_RANK: Record<Level, number> = { central: 3, province: 2, district: 1, commune: 0 };

export function generateCorpus(dir: string, count: number, seed = 20240501): ManifestEntry[] {
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const manifest: ManifestEntry[] = [];
  const counters = new Map<string, number>();
  // Documents by level for citing: the most recent ones are the likeliest to be cited.
  const byLevel: Record<Level, ManifestEntry[]> = { central: [], province: [], district: [], commune: [] };
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2025, 5, 30) - start;
  const person = (): string => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
  const width = String(count).length;

  for (let i = 0; i < count; i++) {
    const t = start + Math.floor((span * (i + r() * 0.5)) / count);
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const iso = `${y}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const roll = r();
    const level: Level = roll < 0.04 ? 'central' : roll < 0.3 ? 'province' : roll < 0.72 ? 'district' : 'commune';
    const kind: Kind = r() < 0.5 ? 'party' : 'state';
    const province = pick(PROVINCES);
    const district = pick(DISTRICTS);
    const commune = pick(COMMUNES);
    const issuer = issuerFor(kind, level, province, district, commune);
    const [typeName, typeCode] = pick(kind === 'party' ? PARTY_TYPES : STATE_TYPES);
    const counterKey = `${issuer.name}|${y}|${kind === 'party' ? typeCode : 'all'}`;
    const n = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, n);
    const number = n * 3 + Math.floor(r() * 3);
    const ref =
      kind === 'party'
        ? `${number}-${typeCode}/${issuer.code}`
        : typeCode
          ? level === 'central'
            ? `${number}/${typeCode}-${issuer.code}`
            : `${number}/${typeCode}-${issuer.code}`
          : `${number}/${issuer.code}-VP`;
    // Storms in 7 % of documents, as in real archives (the folded "bao" is everywhere anyway).
    const topic = r() < 0.07 ? TOPICS[1]! : pick(TOPICS.filter((x) => x.key !== 'storm'));
    const subject = pick(topic.subjects)
      .replace('{n}', String(1 + Math.floor(r() * 12)))
      .replace('{y}', String(y));
    const signer = person();

    // Citations: 1–3 earlier documents of a higher level; one in six is outside the corpus.
    const citations: ManifestCitation[] = [];
    const nCites = 1 + Math.floor(r() * 3);
    for (let c = 0; c < nCites; c++) {
      const higher = (Object.keys(byLevel) as Level[]).filter(
        (l) => LEVEL_RANK[l] > LEVEL_RANK[level] || (level === 'central' && l === 'central'),
      );
      const pool = byLevel[pick<Level>(higher.length ? higher : ['central'])];
      if (pool.length > 0 && r() > 1 / 6) {
        const target = pool[Math.max(0, pool.length - 1 - Math.floor(r() * Math.min(pool.length, 400)))]!;
        citations.push({
          ref: target.ref,
          date: target.date,
          issuer: target.issuer,
          type: target.type,
          target: target.file,
        });
      } else {
        const cy = Math.max(2010, y - Math.floor(r() * 3));
        const absent = pick([
          { ref: `${10 + Math.floor(r() * 190)}/CT-TTg`, issuer: 'Thủ tướng Chính phủ', type: 'Chỉ thị' },
          { ref: `${1 + Math.floor(r() * 150)}/NQ-CP`, issuer: 'Chính phủ', type: 'Nghị quyết' },
          { ref: `${1 + Math.floor(r() * 60)}-NQ/TW`, issuer: 'Ban Chấp hành Trung ương', type: 'Nghị quyết' },
          {
            ref: `${100 + Math.floor(r() * 900)}-CV/TU`,
            issuer: `Ban Thường vụ Tỉnh ủy ${province}`,
            type: 'Công văn',
          },
        ]);
        citations.push({
          ...absent,
          date: `${cy}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
          target: null,
        });
      }
    }

    const vn = (isoDate: string): string => {
      const [yy, mm, dd] = isoDate.split('-');
      return `${Number(dd)}/${Number(mm)}/${yy}`;
    };
    const lines: string[] = [];
    if (kind === 'party') {
      lines.push(
        ...issuer.headerLines,
        `Số ${ref}`,
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        `${issuer.place}, ngày ${day} tháng ${mo} năm ${y}`,
        '',
      );
    } else {
      lines.push(
        ...issuer.headerLines,
        `Số: ${ref}`,
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        `${issuer.place}, ngày ${day} tháng ${mo} năm ${y}`,
        '',
      );
    }
    if (typeName === 'Công văn') lines.push(`V/v ${subject}`, '-----', '');
    else lines.push(typeName.toUpperCase(), `Về ${subject}`, '-----', '');

    const cite = (c: ManifestCitation): string => `${c.type} số ${c.ref} ngày ${vn(c.date)} của ${c.issuer}`;
    lines.push(
      `Thực hiện ${cite(citations[0]!)}; căn cứ tình hình thực tế, ${issuer.name} ${typeName === 'Báo cáo' ? 'báo cáo như sau' : 'yêu cầu'}:`,
      '',
    );
    let body = lines.join('\n');
    let task = 1;
    while (body.length < 4300) {
      const parts: string[] = [];
      const k = 2 + Math.floor(r() * 3);
      for (let s = 0; s < k; s++) {
        const sentence = r() < 0.55 ? pick(topic.sentences) : pick(COMMON);
        parts.push(sentence.replace('{d}', String(15 + Math.floor(r() * 10))));
      }
      if (task === 2 && citations[1]) parts.push(`Triển khai thực hiện ${cite(citations[1])}.`);
      if (task === 3 && citations[2]) parts.push(`Quán triệt ${cite(citations[2])}.`);
      const who = pick([
        `Văn phòng ${issuer.level === 'commune' ? 'xã' : issuer.level === 'district' ? 'huyện' : 'tỉnh'}`,
        'Công an',
        'Ban Tuyên giáo',
        'Phòng Tài nguyên và Môi trường',
        'Sở Y tế',
        'Trung tâm Y tế',
        `đồng chí ${person()}`,
      ]);
      const text = parts.join(' ');
      body += `\n${task}. ${who} ${text[0]!.toLowerCase()}${text.slice(1)}\n`;
      task++;
    }
    body += `\nNơi nhận:\n- ${pick(['Thường trực Tỉnh ủy', 'Văn phòng Chính phủ', 'Thường trực Huyện ủy', 'UBND tỉnh'])} (báo cáo);\n- Như trên;\n- Lưu: VT, VP.\n\n${issuer.signBlock.join('\n')}\n${signer}\n`;

    const file = `${String(i).padStart(width, '0')}.txt`;
    writeFileSync(path.join(dir, file), body);
    const entry: ManifestEntry = {
      file,
      ref,
      type: typeName,
      issuer: issuer.name,
      kind,
      level,
      date: iso,
      subject,
      topic: topic.key,
      signer,
      citations,
    };
    manifest.push(entry);
    byLevel[level].push(entry);
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ seed, count, documents: manifest }));
  return manifest;
}
