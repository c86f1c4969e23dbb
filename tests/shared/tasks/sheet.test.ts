/** Sheet rows from parsed tasks, the clerk's edits, and edits surviving a re-parse (issue #6). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDirective } from '../../../shared/parser';
import type { Task } from '../../../shared/model/directive';
import { AgencyIndex, DISTRICT_AGENCY_TEMPLATE, uniqueAgencies } from '../../../shared/tasks/agencies';
import { escapeHtml, renderSheetBody, renderSheetHtml, dateLine, type SheetPrint } from '../../../shared/tasks/render';
import fc from 'fast-check';
import {
  fingerprint,
  mergeWithPrevious,
  moveItem,
  resolveSheet,
  splitItem,
  toStoredSheet,
  removeItem,
} from '../../../shared/tasks/sheet';
import type { ParsedTaskRow } from '../../../shared/tasks/types';
import { foldVi } from '../../../shared/text/vietnamese';

const YEN_THE = path.join(__dirname, '..', '..', 'fixtures', 'samples', '003_0fe373fd9470e206.txt');

function rows(tasks: readonly Task[]): ParsedTaskRow[] {
  const out: ParsedTaskRow[] = [];
  const walk = (items: readonly Task[], parent: number | null) => {
    for (const t of items) {
      const ordinal = out.length;
      out.push({
        ordinal,
        parentOrdinal: parent,
        label: t.label,
        text: t.text,
        lead: t.lead,
        cooperate: t.cooperate,
        deadline: t.deadline,
      });
      walk(t.children, ordinal);
    }
  };
  walk(tasks, null);
  return out;
}

const parsed = rows(parseDirective(readFileSync(YEN_THE, 'utf8')).tasks);

describe('agencies: the office list recognises how directives write them', () => {
  const index = new AgencyIndex(DISTRICT_AGENCY_TEMPLATE);
  test.each([
    ['BCH Quân sự huyện', 'Ban Chỉ huy Quân sự huyện'],
    ['Ban Chỉ huy quân sự huyện', 'Ban Chỉ huy Quân sự huyện'],
    ['mặt trận Tổ quốc', 'Ủy ban MTTQ Việt Nam huyện'],
    ['Ủy ban Mặt trận Tổ quốc Việt Nam huyện', 'Ủy ban MTTQ Việt Nam huyện'],
    ['Ban Dân vận', 'Ban Dân vận Huyện ủy'],
    ['Ủy ban nhân dân huyện', 'UBND huyện'],
    ['CONG AN HUYEN', 'Công an huyện'],
    ['phòng Văn hóa - Thông tin', 'Phòng Văn hóa – Thông tin'],
    ['Công an tỉnh', 'Công an tỉnh'], // not the district police: kept as written
  ])('%s → %s', (written, canonical) => {
    expect(index.canonical(written)).toBe(canonical);
  });

  test('autocomplete by prefix of name, short name or alias, accent-insensitive', () => {
    expect(index.suggest('cong an').map((a) => a.name)).toEqual(['Công an huyện']);
    expect(index.suggest('BCH').map((a) => a.name)).toContain('Ban Chỉ huy Quân sự huyện');
    expect(index.suggest('mttq').map((a) => a.name)).toEqual(['Ủy ban MTTQ Việt Nam huyện']);
    expect(index.suggest('y te').map((a) => a.name)).toEqual(
      expect.arrayContaining(['Trung tâm Y tế huyện', 'Phòng Y tế']),
    );
  });

  test('one agency written two ways is listed once', () => {
    expect(
      uniqueAgencies(['Công an huyện', 'CA huyện', 'BCH Quân sự huyện', 'Ban Chỉ huy Quân sự huyện'], index),
    ).toEqual(['Công an huyện', 'Ban Chỉ huy Quân sự huyện']);
  });
});

describe('sheet rows', () => {
  test('seeded from the Yên Thế tasks: seven rows, stable keys, not edited', () => {
    const items = resolveSheet(parsed, null);
    expect(items.map((i) => i.label)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.']);
    expect(items.every((i) => !i.edited && !i.stale)).toBe(true);
    expect(resolveSheet(parsed, null).map((i) => i.key)).toEqual(items.map((i) => i.key));
    expect(new Set(items.map((i) => i.key)).size).toBe(7);
  });

  test('reorder, split, merge, edit and remove are stored as edits and read back', () => {
    let items = resolveSheet(parsed, null);
    items = moveItem(items, 6, -6); // task 7 first
    items = splitItem(items, 1, items[1]!.text.indexOf('Người đứng đầu'), 'split-1');
    items = mergeWithPrevious(items, 4); // 3 + 4 → one row
    items = removeItem(items, items.length - 1); // drop task 6
    items[0] = {
      ...items[0]!,
      lead: ['UBND huyện', 'Văn phòng Huyện ủy'],
      deadline: { text: 'hằng tháng', date: null, recurrence: 'monthly' },
      notes: 'Báo cáo trước ngày 25',
    };
    const stored = toStoredSheet(items, parsed);
    const back = resolveSheet(parsed, JSON.parse(JSON.stringify(stored)));
    expect(back.map((i) => i.text)).toEqual(items.map((i) => i.text));
    expect(back.map((i) => i.lead)).toEqual(items.map((i) => i.lead));
    expect(back[0]!.deadline).toEqual({ text: 'hằng tháng', date: null, recurrence: 'monthly' });
    expect(back[0]!.notes).toBe('Báo cáo trước ngày 25');
    expect(back.map((i) => i.key)).toEqual(items.map((i) => i.key));
    expect(back.find((i) => i.text.startsWith('Ban Tuyên giáo'))).toBeUndefined();
    expect(back[2]!.text.startsWith('Người đứng đầu')).toBe(true);
    expect(back[2]!.edited).toBe(true);
  });

  test('regression: edits survive a re-parse that renumbers and rewords tasks', () => {
    const items = resolveSheet(parsed, null);
    items[2] = { ...items[2]!, lead: ['Công an huyện'], notes: 'Giao đồng chí Phó Trưởng Công an' };
    const stored = toStoredSheet(items, parsed);
    // The re-parse finds a new first task, and task 7 reworded.
    const reparsed: ParsedTaskRow[] = [
      {
        ordinal: 0,
        parentOrdinal: null,
        label: '1.',
        text: 'Nhiệm vụ mới tìm thấy.',
        lead: [],
        cooperate: [],
        deadline: null,
      },
      ...parsed.map((r) => ({
        ...r,
        ordinal: r.ordinal + 1,
        text: r.label === '7.' ? r.text.replace('kiểm tra', 'theo dõi, kiểm tra') : r.text,
      })),
    ];
    const back = resolveSheet(reparsed, stored);
    const police = back.find((i) => i.text.startsWith('Công an huyện, BCH'))!;
    expect(police.lead).toEqual(['Công an huyện']);
    expect(police.notes).toBe('Giao đồng chí Phó Trưởng Công an');
    expect(back[back.length - 1]!.text).toBe('Nhiệm vụ mới tìm thấy.');
    // Task 7's text changed; its row follows the new text through its old position.
    expect(back.some((i) => i.text.includes('theo dõi, kiểm tra'))).toBe(true);
    expect(back).toHaveLength(8);
  });

  test('a row whose parsed tasks are gone stays with the clerk text, marked stale', () => {
    const items = resolveSheet(parsed, null);
    items[0] = { ...items[0]!, text: 'Nội dung do văn thư sửa' };
    const stored = toStoredSheet(items, parsed);
    const back = resolveSheet([], stored);
    expect(back[0]!.text).toBe('Nội dung do văn thư sửa');
    expect(back[0]!.stale).toBe(true);
  });
});

describe('render', () => {
  const print = (text: string): SheetPrint => ({
    office: {
      officeName: 'Văn phòng',
      superiorBody: 'Huyện ủy Yên Thế',
      style: 'party',
      province: 'Bắc Giang',
      place: 'Yên Thế',
      signerTitle: 'Người lập phiếu',
      signerName: 'Nông Văn Tâm',
      agencies: [],
    },
    date: '2021-02-05',
    sections: [
      {
        title: 'PHIẾU GIAO VIỆC',
        agency: null,
        source: {
          type: 'Công văn',
          ref: '571-CV/TU',
          date: '2021-07-22',
          issuer: 'Ban Thường vụ Tỉnh ủy',
          subject: 'V/v <b>x</b>',
        },
        rows: [{ stt: '1', text, lead: ['A & B'], cooperate: [], deadline: '', result: '' }],
        recipients: ['Công an huyện'],
      },
    ],
  });

  test('regression: document text with <script> is escaped, never markup', () => {
    const body = renderSheetBody(print('Nội dung <script>alert(1)</script> "x" & \'y\''));
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; &amp; &#39;y&#39;');
    expect(body).toContain('A &amp; B');
    expect(body).toContain('V/v &lt;b&gt;x&lt;/b&gt;');
    expect(escapeHtml('<>&"\'')).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  test('Party header, date line with leading zeros, source line, no style attributes', () => {
    const html = renderSheetHtml(print('Nhiệm vụ'), { fontCss: '', title: 't' });
    expect(html).toContain('HUYỆN ỦY YÊN THẾ');
    expect(html).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(html).toContain('Yên Thế, ngày 05 tháng 02 năm 2021');
    expect(html).toContain('(Thực hiện Công văn số 571-CV/TU ngày 22/07/2021 của Ban Thường vụ Tỉnh ủy)');
    expect(html).toContain('<thead>');
    expect(html).not.toMatch(/ style="/);
    expect(dateLine('Hà Nội', '2019-06-29')).toBe('Hà Nội, ngày 29 tháng 6 năm 2019');
  });
});

// fingerprint squeezes only the blanks that need it; it must key texts as `/\s+/g → ' '` did, or
// every saved sheet's edits would lose their tasks.
test('fingerprint keys a text as folding and squeezing every blank run did', () => {
  const before = (text: string) => foldVi(text).replace(/\s+/g, ' ').trim();
  const pieces = fc.constantFrom(
    ...['Công an', ' ', '  ', '\n', '\t', '\u00a0', '\u3000', ' \n ', 'huyện', 'Đ', 'ủy', '\r\n', '.', ''],
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 16 }), (parts) => {
      const text = parts.join('');
      expect(fingerprint(text)).toBe(before(text));
    }),
    { numRuns: 5000 },
  );
});
