/** A small archive of hand-made directives whose metadata is known exactly, for search tables. */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from '../../../electron/core/db/migrations';
import { insertDocument } from '../../../electron/core/db/store';
import { indexDocument } from '../../../electron/core/search/indexer';
import { emptyParseResult, type IssuerLevel } from '../../../shared/model/directive';

export interface FixtureDoc {
  key: string;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  level: IssuerLevel | null;
  date: string | null;
  subject: string | null;
  signer?: string | null;
  body: string;
  /** Tasks as the parser would give them: the agencies each is given to. */
  tasks?: { text: string; lead: string[]; cooperate?: string[] }[];
}

export const DOCS: FixtureDoc[] = [
  {
    key: 'cv571',
    ref: '571-CV/TU',
    type: 'Công văn',
    issuer: 'Ban Thường vụ Tỉnh ủy Bắc Giang',
    level: 'province',
    date: '2021-03-12',
    subject: 'Về tăng cường công tác phòng, chống dịch Covid-19',
    signer: 'Nguyễn Văn Minh',
    body: 'TỈNH ỦY BẮC GIANG\n*\nSố 571-CV/TU\n\nVề tăng cường công tác phòng, chống dịch Covid-19\n\nBan Thường vụ Tỉnh ủy yêu cầu các cấp ủy tập trung lãnh đạo công tác phòng, chống dịch bệnh, bảo đảm an toàn cho nhân dân.',
  },
  {
    key: 'nq21',
    ref: '21/NQ-CP',
    type: 'Nghị quyết',
    issuer: 'Chính phủ',
    level: 'central',
    date: '2021-02-26',
    subject: 'Về mua và sử dụng vắc xin phòng Covid-19',
    signer: 'Nguyễn Xuân Phúc',
    body: 'CHÍNH PHỦ\nSố: 21/NQ-CP\n\nNGHỊ QUYẾT về mua và sử dụng vắc xin phòng Covid-19. Các bộ, ngành và Ủy ban nhân dân các tỉnh bảo đảm tiêm chủng an toàn.',
  },
  {
    key: 'storm',
    ref: '02-CĐ/TU',
    type: 'Công điện',
    issuer: 'Ban Thường vụ Tỉnh ủy Quảng Ninh',
    level: 'province',
    date: '2022-09-25',
    subject: 'Về ứng phó với bão số 4',
    signer: 'Trần Văn Hùng',
    body: 'TỈNH UỶ QUẢNG NINH\nSố 02-CĐ/TU\n\nCÔNG ĐIỆN về ứng phó với bão số 4. Thực hiện Công văn số 571-CV/TU, các huyện ủy chủ động sơ tán dân khỏi vùng nguy hiểm do bão, báo cáo kết quả trước 17 giờ.',
  },
  {
    key: 'report',
    ref: '45-BC/HU',
    type: 'Báo cáo',
    issuer: 'Huyện ủy An Lão',
    level: 'district',
    date: '2021-06-30',
    subject: 'Kết quả 6 tháng đầu năm 2021',
    signer: 'Lê Thị Hoa',
    body: 'HUYỆN UỶ AN LÃO\nSố 45-BC/HU\n\nBÁO CÁO kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2021. Huyện ủy đã chỉ đạo bảo vệ môi trường, giữ gìn hoà bình, hòa giải ở cơ sở; khoẻ mạnh; thuỷ lợi; chăm lo đời sống nhân dân.',
  },
  {
    key: 'ubnd',
    ref: '12/QĐ-UBND',
    type: 'Quyết định',
    issuer: 'Ủy ban nhân dân huyện An Lão',
    level: 'district',
    date: '2020-01-15',
    subject: 'Về việc thành lập Ban Chỉ đạo chuyển đổi số',
    signer: 'Phạm Quốc Khánh',
    body: 'ỦY BAN NHÂN DÂN HUYỆN AN LÃO\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH về việc thành lập Ban Chỉ đạo chuyển đổi số của huyện. Giao Văn phòng HĐND và UBND huyện theo dõi, đôn đốc.',
  },
  {
    key: 'land',
    ref: '88/KH-UBND',
    type: 'Kế hoạch',
    issuer: 'UBND xã Tân Tiến',
    level: 'commune',
    date: '2023-05-05',
    subject: 'Kế hoạch quản lý đất đai năm 2023',
    signer: 'Đỗ Văn Đạt',
    body: 'UBND XÃ TÂN TIẾN\nSố: 88/KH-UBND\n\nKẾ HOẠCH quản lý đất đai. Rà soát đất công, đạt chỉ tiêu đo đạc. Đảng ủy xã chỉ đạo Mặt trận Tổ quốc giám sát.',
  },
  {
    key: 'ct16',
    ref: '16/CT-TTg',
    type: 'Chỉ thị',
    issuer: 'Thủ tướng Chính phủ',
    level: 'central',
    date: '2020-03-31',
    subject: 'Về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19',
    signer: 'Nguyễn Xuân Phúc',
    body: 'THỦ TƯỚNG CHÍNH PHỦ\nSố: 16/CT-TTg\n\nCHỈ THỊ về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19. Thực hiện cách ly toàn xã hội; dân nhân dịp này ở nhà.',
  },
  {
    key: 'undated',
    ref: null,
    type: 'Thông báo',
    issuer: 'Đảng ủy xã Tân Tiến',
    level: 'commune',
    date: null,
    subject: 'Thông báo lịch tiếp dân',
    signer: null,
    body: 'ĐẢNG ỦY XÃ TÂN TIẾN\nTHÔNG BÁO lịch tiếp dân của Bí thư Đảng ủy. Báo chí đưa tin.',
  },
];

export interface Fixture {
  db: Db;
  idOf: Record<string, number>;
  keyOf: (id: number) => string;
}

export function openFixture(docs: FixtureDoc[] = DOCS): Fixture {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const idOf: Record<string, number> = {};
  docs.forEach((d, i) => {
    const parse = {
      ...emptyParseResult(),
      ref: d.ref,
      type: d.type,
      issuer: d.issuer,
      issuerLevel: d.level,
      date: d.date,
      subject: d.subject,
      signer: d.signer ?? null,
      tasks: (d.tasks ?? []).map((t) => ({
        label: '-',
        text: t.text,
        start: 0,
        end: 0,
        lead: t.lead,
        cooperate: t.cooperate ?? [],
        deadline: null,
        children: [],
      })),
    };
    const text = d.body.normalize('NFC');
    const id = db.transaction(() => {
      const id = insertDocument(db, {
        contentHash: `hash-${i}`,
        text,
        format: 'txt',
        encoding: 'utf-8',
        scanned: false,
        parse,
        parserVersion: 1,
        warnings: [],
        importedAt: '2024-01-01T00:00:00.000Z',
        original: {
          fileName: `${d.key}.txt`,
          sourcePath: null,
          size: text.length,
          sha256: `sha-${i}`,
          bytes: Buffer.from(text),
        },
      })!;
      indexDocument(
        db,
        {
          id,
          ref: d.ref,
          type: d.type,
          issuer: d.issuer,
          issuerLevel: d.level,
          date: d.date,
          subject: d.subject,
          signer: d.signer ?? null,
        },
        text,
      );
      return id;
    })();
    idOf[d.key] = id;
  });
  const byId = new Map(Object.entries(idOf).map(([k, v]) => [v, k]));
  return { db, idOf, keyOf: (id) => byId.get(id) ?? `#${id}` };
}
