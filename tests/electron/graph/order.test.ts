/**
 * Import order (docs/graph.md, "Incremental"): whatever order documents arrive in, one at a time
 * (`resolveOnInsert`) or in batches (`GraphBatch`), the stored graph is what `resolveAll` computes
 * for the same documents. The backward pass (other documents' citations a new document may change)
 * selects by the rule the forward resolution picks candidates by (`mayResolveTo`).
 */
import type { Database } from 'better-sqlite3';
import type { Archive } from '../../../electron/core/archive';
import { prepareFile, type PrepareAnswer } from '../../../electron/core/import/prepare';
import { storeBatch, storePrepared } from '../../../electron/core/import/pipeline';
import { restoreFromTrash, trashDocument } from '../../../electron/core/history/trash';
import { mayResolveTo, resolveCitation, type Candidate, type CitationKeys } from '../../../shared/graph/keys';
import { BG_571, CD_TW, ND_571, NO_NUMBER, YT_128, letterText, openArchive, type Letter } from './fixture';

/** Huyện ủy Quỳnh Lưu (Nghệ An) directs its communes. */
const QL_3: Letter = {
  key: 'ql3',
  header: ['ĐẢNG BỘ TỈNH NGHỆ AN', 'HUYỆN ỦY QUỲNH LƯU', '*'],
  ref: '3-CT/HU',
  party: true,
  place: 'Quỳnh Lưu',
  date: [29, 1, 2015],
  subject: 'CHỈ THỊ\nvề lãnh đạo đại hội chi bộ nhiệm kỳ 2015 - 2017',
  body: 'Ban Thường vụ Huyện ủy yêu cầu các đảng ủy xã, thị trấn lãnh đạo tổ chức tốt đại hội chi bộ.',
  recipients: ['Các đảng ủy xã, thị trấn'],
};

/**
 * A commune of Quỳnh Lưu whose letter names no province but mentions a neighbouring one: the
 * parser infers Hà Tĩnh, so the district it cites is read as "Huyện ủy Quỳnh Lưu, Hà Tĩnh". Only
 * the exact-date rule links it to Quỳnh Lưu's directive (Nghệ An).
 */
const QT_12: Letter = {
  key: 'qt12',
  header: ['ĐẢNG BỘ HUYỆN QUỲNH LƯU', 'ĐẢNG ỦY XÃ QUỲNH THẠCH', '*'],
  ref: '12-KH/ĐU',
  party: true,
  place: 'Quỳnh Thạch',
  date: [1, 3, 2015],
  subject: 'KẾ HOẠCH\ntổ chức đại hội chi bộ nhiệm kỳ 2015 - 2017',
  body:
    'Thực hiện Chỉ thị số 3-CT/HU ngày 29/01/2015 của Ban Thường vụ Huyện ủy Quỳnh Lưu về lãnh đạo đại hội chi bộ, Đảng ủy xã xây dựng kế hoạch như sau.\n' +
    '1. Các chi bộ tổ chức đại hội xong trước ngày 30/4/2015.\n' +
    '2. Vận động đảng viên, nhân dân ủng hộ đồng bào tỉnh Hà Tĩnh bị thiệt hại do mưa lũ.',
};

/** Same number, issuer and year as QL_3, another date: with QL_3 a near miss, without it the only candidate. */
const QL_3_LATE: Letter = {
  ...QL_3,
  key: 'ql3late',
  date: [2, 2, 2015],
  subject: 'CHỈ THỊ\nvề công tác bảo vệ chính trị nội bộ',
};

/** Same number, issuer and date as BG_571: a tie. */
const BG_571_B: Letter = { ...BG_571, key: 'bg571b', subject: 'V/v tổ chức Đại hội chi bộ' };

/** BG_571 as a scan whose date line was lost: a candidate without a date. */
const BG_571_UNDATED = {
  ...BG_571,
  key: 'bg571nodate',
  text: letterText(BG_571).replace(/^Bắc Giang, ngày .*\n/m, ''),
};

/** Same number and issuer as BG_571, a week earlier: for a citation of 12/3/2021, another date. */
const BG_571_EARLIER: Letter = { ...BG_571, key: 'bg571early', date: [5, 3, 2021], subject: 'V/v kiểm tra, giám sát' };

/** Cited by YT_128 ("02-CĐ/TU, ngày 08/01/2021"). */
const BG_02: Letter = {
  ...BG_571,
  key: 'bg02',
  ref: '02-CĐ/TU',
  date: [8, 1, 2021],
  subject: 'CÔNG ĐIỆN\nVề chủ động phòng, chống dịch Covid-19',
  body: 'Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy rà soát kịch bản phòng, chống dịch.',
};

/**
 * Cites 02-CĐ/TU with another date: the same placeholder key as YT_128's citation (a key has no
 * date), so while both are missing the placeholder shows the first one's date.
 */
const LN_40: Letter = {
  ...NO_NUMBER,
  key: 'ln40',
  ref: '40-CV/HU',
  date: [20, 1, 2021],
  subject: 'V/v thực hiện Công điện số 02-CĐ/TU',
  body: 'Thực hiện Công điện số 02-CĐ/TU ngày 15/01/2021 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy yêu cầu các chi bộ triển khai.',
};

const LETTERS: Source[] = [
  BG_571,
  BG_571_B,
  ND_571,
  YT_128,
  NO_NUMBER,
  CD_TW,
  QL_3,
  QL_3_LATE,
  QT_12,
  BG_571_UNDATED,
  BG_571_EARLIER,
  BG_02,
  LN_40,
];

type Source = Letter | (Letter & { text: string });

function prepare(l: Source): Promise<PrepareAnswer> {
  const text = 'text' in l ? l.text : letterText(l);
  return prepareFile({ kind: 'upload', name: `${l.key}.txt`, bytes: new TextEncoder().encode(text) });
}

const AT = '2026-11-24T00:00:00.000Z';

/** Stores the letters in this order: one transaction each, or in batches of the given sizes. */
async function store(archive: Archive, letters: readonly Source[], batches?: readonly number[]): Promise<void> {
  const prepared = await Promise.all(letters.map(prepare));
  const check = (r: { status: string; reason?: string | null } | null, l: Source) => {
    if (r?.status !== 'imported') throw new Error(`${l.key}: ${r?.status} ${r?.reason}`);
  };
  if (!batches) {
    prepared.forEach((a, i) => check(a.ok ? storePrepared(archive.db, a, AT) : null, letters[i]!));
    return;
  }
  let at = 0;
  for (const n of batches) {
    const part = prepared.slice(at, at + n);
    storeBatch(archive.db, part, AT).forEach((r, i) => check(r, letters[at + i]!));
    at += n;
  }
  if (at !== letters.length) throw new Error('batches do not cover the letters');
}

/** Every citation edge and placeholder in words that do not depend on ids (which follow the import order). */
function edges(db: Database): string[] {
  const rows = db
    .prepare(
      `SELECT f.content_hash AS from_hash, c.ordinal, e.status, t.content_hash AS to_hash, p.key AS placeholder, e.candidates
       FROM graph_edges e JOIN citations c ON c.id = e.citation_id JOIN documents f ON f.id = e.from_id
       LEFT JOIN documents t ON t.id = e.to_doc LEFT JOIN graph_placeholders p ON p.id = e.to_placeholder`,
    )
    .all() as {
    from_hash: string;
    ordinal: number;
    status: string;
    to_hash: string | null;
    placeholder: string | null;
    candidates: string | null;
  }[];
  const hash = new Map(
    (db.prepare('SELECT id, content_hash FROM documents').all() as { id: number; content_hash: string }[]).map((d) => [
      d.id,
      d.content_hash.slice(0, 12),
    ]),
  );
  const placeholders = (
    db
      .prepare('SELECT key, ref, ref_key, type, type_key, date, year, issuer, level FROM graph_placeholders')
      .all() as Record<string, unknown>[]
  ).map((p) => `placeholder ${JSON.stringify(p)}`);
  return rows
    .map(
      (e) =>
        `${e.from_hash.slice(0, 12)}#${e.ordinal} ${e.status} → ${e.to_hash?.slice(0, 12) ?? e.placeholder}` +
        (e.candidates
          ? ` [${(JSON.parse(e.candidates) as number[])
              .map((id) => hash.get(id))
              .sort()
              .join(',')}]`
          : ''),
    )
    .concat(placeholders)
    .sort();
}

/** The edge of `from`'s citation of `ref`, with the target's key. */
function edgeOf(archive: Archive, from: Letter, ref: string): { status: string; to: string | null } {
  const row = archive.db
    .prepare(
      `SELECT e.status, t.ref, t.date FROM graph_edges e JOIN documents f ON f.id = e.from_id LEFT JOIN documents t ON t.id = e.to_doc
       WHERE f.ref = ? AND e.ref_key = ? ORDER BY e.id LIMIT 1`,
    )
    .get(from.ref, ref) as { status: string; ref: string | null; date: string | null };
  return { status: row.status, to: row.ref === null ? null : `${row.ref}@${row.date}` };
}

/** What the full resolution computes for the stored documents, and whether it had anything to write. */
function fullResolution(archive: Archive): { edges: string[]; written: unknown } {
  const report = archive.graph.resolveAll();
  return { edges: edges(archive.db), written: report.written };
}

const NOTHING_WRITTEN = { docs: 0, placeholders: 0, edgesInserted: 0, edgesUpdated: 0, edgesDeleted: 0 };

describe('a cited document that arrives after its citer with a mis-inferred province still links up', () => {
  const cases: { name: string; letters: Letter[]; batches?: number[] }[] = [
    { name: 'one document at a time, cited first', letters: [QL_3, QT_12] },
    { name: 'one document at a time, citer first', letters: [QT_12, QL_3] },
    { name: 'batches, citer in an earlier batch', letters: [QT_12, QL_3], batches: [1, 1] },
    { name: 'one batch, citer first', letters: [QT_12, QL_3], batches: [2] },
  ];
  test.each(cases)('$name', async ({ letters, batches }) => {
    const { archive, cleanup } = openArchive();
    try {
      await store(archive, letters, batches);
      // The case this is about: the citation's district is read in the wrong province.
      const bodies = archive.db.prepare(`SELECT bodies FROM graph_edges WHERE ref_key = '3-CT/HU'`).pluck().get();
      expect(bodies).toBe('dang:huyen:quynh luu@ha tinh');
      expect(archive.db.prepare('SELECT bodies FROM graph_docs').pluck().all()).toContain(
        'dang:huyen:quynh luu@nghe an',
      );
      expect(edgeOf(archive, QT_12, '3-CT/HU')).toEqual({ status: 'resolved', to: '3-CT/HU@2015-01-29' });
      expect(archive.db.prepare('SELECT count(*) FROM graph_placeholders').pluck().get()).toBe(0);
      expect(archive.graph.resolveAll().written).toMatchObject(NOTHING_WRITTEN);
    } finally {
      cleanup();
    }
  });

  test('a document of the same body with another date changes nothing, in any order', async () => {
    for (const order of [
      [QL_3, QT_12, QL_3_LATE],
      [QT_12, QL_3, QL_3_LATE],
      [QL_3_LATE, QT_12, QL_3],
    ]) {
      const { archive, cleanup } = openArchive();
      try {
        await store(archive, order);
        expect(edgeOf(archive, QT_12, '3-CT/HU')).toEqual({ status: 'resolved', to: '3-CT/HU@2015-01-29' });
        const before = edges(archive.db);
        expect(fullResolution(archive)).toEqual({ edges: before, written: expect.objectContaining(NOTHING_WRITTEN) });
      } finally {
        cleanup();
      }
    }
  });
});

/** The three ways a three-document step can reach the archive: alone, in batches of one, in one batch. */
const BATCHINGS: { name: string; batches: number[] | undefined }[] = [
  { name: 'one document at a time', batches: undefined },
  { name: 'one batch each', batches: [1, 1, 1] },
  { name: 'one batch', batches: [3] },
];

describe('an undated candidate loses its citation to a tie when a document with another date arrives later', () => {
  test.each(BATCHINGS)('$name', async ({ batches }) => {
    const { archive, cleanup } = openArchive();
    try {
      await store(archive, [BG_571_UNDATED, YT_128, BG_571_EARLIER], batches);
      expect(archive.db.prepare(`SELECT count(*) FROM documents WHERE date IS NULL`).pluck().get()).toBe(1);
      // "571-CV/TU ngày 12/3/2021": the undated letter, or the one of 5/3/2021? The clerk decides.
      expect(edgeOf(archive, YT_128, '571-CV/TU')).toEqual({ status: 'uncertain', to: null });
      const before = edges(archive.db);
      expect(fullResolution(archive)).toEqual({ edges: before, written: expect.objectContaining(NOTHING_WRITTEN) });
    } finally {
      cleanup();
    }
  });
});

describe('a placeholder two missing documents share shows what resolveAll shows when one of them arrives', () => {
  test.each(BATCHINGS)('$name', async ({ batches }) => {
    const { archive, cleanup } = openArchive();
    try {
      await store(archive, [YT_128, LN_40, BG_02], batches);
      // YT_128's 02-CĐ/TU of 08/01/2021 is now stored; LN_40's of 15/01/2021 is still missing.
      expect(edgeOf(archive, YT_128, '2-CD/TU')).toEqual({ status: 'resolved', to: '02-CĐ/TU@2021-01-08' });
      expect(archive.db.prepare(`SELECT key, date FROM graph_placeholders WHERE ref_key = '2-CD/TU'`).all()).toEqual([
        { key: 'r:2-CD/TU:2021:dang:tinh:bac giang', date: '2021-01-15' },
      ]);
      const before = edges(archive.db);
      expect(fullResolution(archive)).toEqual({ edges: before, written: expect.objectContaining(NOTHING_WRITTEN) });
    } finally {
      cleanup();
    }
  });
});

describe('trashing a document re-resolves what it was a candidate for, by the same rule', () => {
  test('one of two tied documents goes: the citation links to the other; restored, the tie is back', async () => {
    const { archive, cleanup } = openArchive();
    try {
      await store(archive, [BG_571, BG_571_B, YT_128]);
      expect(edgeOf(archive, YT_128, '571-CV/TU')).toEqual({ status: 'uncertain', to: null });
      const id = archive.db
        .prepare(`SELECT id FROM documents WHERE subject LIKE '%Đại hội chi bộ%'`)
        .pluck()
        .get() as number;
      const { trashId } = trashDocument(archive.db, id);
      expect(edgeOf(archive, YT_128, '571-CV/TU')).toEqual({ status: 'resolved', to: '571-CV/TU@2021-03-12' });
      expect(archive.graph.resolveAll().written).toMatchObject(NOTHING_WRITTEN);
      restoreFromTrash(archive.db, trashId);
      expect(edgeOf(archive, YT_128, '571-CV/TU')).toEqual({ status: 'uncertain', to: null });
      expect(archive.graph.resolveAll().written).toMatchObject(NOTHING_WRITTEN);
    } finally {
      cleanup();
    }
  });

  test('the document a loose link was blocked by goes: the loose link comes back', async () => {
    const { archive, cleanup } = openArchive();
    try {
      // QT_12 reads Quỳnh Lưu in Hà Tĩnh; a Hà Tĩnh "Quỳnh Lưu" letter of another date fits the issuer
      // as read, so the exact-date rule does not apply (a near miss) until that letter goes.
      const HT_3: Letter = {
        ...QL_3,
        key: 'ht3',
        header: ['ĐẢNG BỘ TỈNH HÀ TĨNH', 'HUYỆN ỦY QUỲNH LƯU', '*'],
        date: [5, 2, 2015],
        subject: 'CHỈ THỊ\nvề công tác dân vận',
      };
      await store(archive, [QL_3, HT_3, QT_12]);
      expect(edgeOf(archive, QT_12, '3-CT/HU')).toEqual({ status: 'missing', to: null });
      const id = archive.db.prepare(`SELECT id FROM documents WHERE date = '2015-02-05'`).pluck().get() as number;
      trashDocument(archive.db, id);
      expect(edgeOf(archive, QT_12, '3-CT/HU')).toEqual({ status: 'resolved', to: '3-CT/HU@2015-01-29' });
      expect(archive.graph.resolveAll().written).toMatchObject(NOTHING_WRITTEN);
    } finally {
      cleanup();
    }
  });
});

/** Seeded shuffle (mulberry32), so a failing order can be replayed. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function batchSizes(n: number, seed: number): number[] {
  const sizes: number[] = [];
  let left = n;
  let s = seed;
  while (left > 0) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const k = Math.min(left, 1 + (s % 4));
    sizes.push(k);
    left -= k;
  }
  return sizes;
}

describe('any import order gives the graph resolveAll computes', () => {
  const seeds = [1, 2, 3, 4, 5, 6];
  test.each(seeds)('order %i: one document at a time and in batches', async (seed) => {
    const order = shuffled(LETTERS, seed);
    const results: string[][] = [];
    const keys = order.map((l) => l.key);
    for (const batches of [undefined, batchSizes(order.length, seed)]) {
      const { archive, cleanup } = openArchive();
      try {
        await store(archive, order, batches);
        const incremental = edges(archive.db);
        const full = fullResolution(archive);
        expect({ keys, batches, edges: incremental }).toEqual({
          keys,
          batches,
          edges: full.edges,
        });
        expect(full.written).toMatchObject(NOTHING_WRITTEN);
        results.push(incremental);
      } finally {
        cleanup();
      }
    }
    // And the same as the letters in their written order.
    const { archive, cleanup } = openArchive();
    try {
      await store(archive, LETTERS);
      expect(results[0]).toEqual(edges(archive.db));
      expect(results[1]).toEqual(edges(archive.db));
    } finally {
      cleanup();
    }
  });
});

describe('mayResolveTo is the rule resolveCitation picks candidates by', () => {
  const cite = (over: Partial<CitationKeys>): CitationKeys => ({
    refKey: '3-CT/HU',
    year: 2015,
    date: '2015-01-29',
    typeKey: 'chi thi',
    bodies: ['dang:huyen:quynh luu@ha tinh'],
    placeholderKey: 'r:3-CT/HU:2015:dang:huyen:quynh luu',
    matchKey: '3-CT/HU|2015|chi thi|2015-01-29',
    ...over,
  });
  const docs: Candidate[] = [
    { id: 1, date: '2015-01-29', year: 2015, bodies: ['dang:huyen:quynh luu@nghe an'] },
    { id: 2, date: '2015-02-02', year: 2015, bodies: ['dang:huyen:quynh luu@nghe an'] },
    { id: 3, date: '2015-01-29', year: 2015, bodies: ['dang:huyen:quynh luu@ha tinh'] },
    { id: 4, date: null, year: 2015, bodies: ['dang:huyen:quynh luu@ha tinh'] },
    { id: 5, date: '2015-01-29', year: 2016, bodies: [] },
    { id: 6, date: '2015-01-29', year: null, bodies: [] },
    { id: 7, date: '2015-01-29', year: 2015, bodies: ['dang:tinh:nghe an'] },
    { id: 8, date: '2015-03-01', year: 2015, bodies: ['dang:huyen:yen the@bac giang'] },
  ];
  const citations = [
    cite({}),
    cite({ date: null }),
    cite({ bodies: null }),
    cite({ year: null }),
    cite({ bodies: ['dang:huyen:quynh luu@'] }),
    cite({ refKey: null, placeholderKey: 't:chi thi:2015-01-29:dang:huyen:quynh luu' }),
  ];
  test('dropping the candidates it refuses never changes a resolution', () => {
    for (const c of citations)
      for (let mask = 0; mask < 1 << docs.length; mask++) {
        const set = docs.filter((_, i) => mask & (1 << i));
        expect(resolveCitation(c, set, 99)).toEqual(
          resolveCitation(
            c,
            set.filter((d) => mayResolveTo(c, d)),
            99,
          ),
        );
      }
  });
});
