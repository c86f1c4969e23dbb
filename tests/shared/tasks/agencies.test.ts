/**
 * The settings form's agency list (one agency per line, "Tên | Viết tắt | bí danh; bí danh"). A line
 * without a name was dropped on save without a word, its short name and aliases with it.
 */
import {
  AgencyIndex,
  agenciesToLines,
  DISTRICT_AGENCY_TEMPLATE,
  duplicateAgencyMessage,
  duplicateAgencyNames,
  linesToAgencies,
  namelessAgencyMessage,
} from '../../../shared/tasks/agencies';

describe('a nameless agency line is reported, not dropped without a word', () => {
  test.each([
    {
      name: 'name left out, short name and alias kept on the line',
      text: 'Công an huyện | CA huyện | Công an\n | BCHQS huyện | Quân sự huyện\nPhòng Y tế',
      agencies: ['Công an huyện', 'Phòng Y tế'],
      nameless: [2],
    },
    {
      name: 'only aliases, with Windows line ends',
      text: 'UBND huyện | UBND huyện |\r\n|| Mặt trận Tổ quốc; MTTQ\r\n',
      agencies: ['UBND huyện'],
      nameless: [2],
    },
    {
      name: 'empty lines and lines of bars only separate nothing and are skipped',
      text: '\nPhòng Y tế\n   \n | | \nPhòng Giáo dục và Đào tạo | Phòng GD&ĐT\n',
      agencies: ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo'],
      nameless: [],
    },
    {
      name: 'several nameless lines',
      text: '| A\nCông an huyện\n| B',
      agencies: ['Công an huyện'],
      nameless: [1, 3],
    },
  ])('$name', ({ text, agencies, nameless }) => {
    const read = linesToAgencies(text);
    expect(read.agencies.map((x) => x.name)).toEqual(agencies);
    expect(read.nameless).toEqual(nameless);
  });

  test('the message names the lines to fix, in Vietnamese', () => {
    expect(namelessAgencyMessage([])).toBeNull();
    expect(namelessAgencyMessage([2])).toBe(
      'Dòng 2 của danh sách cơ quan chưa có tên cơ quan (phần trước dấu «|»). Hãy điền tên, hoặc xóa dòng nếu không dùng.',
    );
    expect(namelessAgencyMessage([1, 3])).toMatch(/^Các dòng 1, 3 của danh sách cơ quan chưa có tên cơ quan/);
  });

  test('the list written out reads back the same', () => {
    const read = linesToAgencies(agenciesToLines(DISTRICT_AGENCY_TEMPLATE));
    expect(read).toEqual({ agencies: DISTRICT_AGENCY_TEMPLATE, nameless: [] });
  });
});

/**
 * A name written for two agencies: tasks naming it go to the first only (AgencyIndex), which the
 * agency index's comment promised the settings form would warn about; it never did.
 */
describe('a name on two lines of the agency list is reported', () => {
  test.each([
    {
      name: 'an alias shared by two agencies, spelt differently',
      text: 'Công an huyện | CA huyện | Công an\nCông an xã | CA xã | công an',
      duplicates: [{ name: 'Công an', lines: [1, 2] }],
    },
    {
      name: 'a short name that is another agency’s name (accents and “Ủy ban nhân dân” folded)',
      text: 'UBND huyện | UBND\nPhòng Y tế\nỦy ban nhân dân huyện | UBND H',
      duplicates: [{ name: 'UBND huyện', lines: [1, 3] }],
    },
    {
      name: 'a name repeated on its own line is one agency, not a duplicate',
      text: 'Phòng Y tế | Phòng Y tế | phòng y tế',
      duplicates: [],
    },
    { name: 'the district template', text: agenciesToLines(DISTRICT_AGENCY_TEMPLATE), duplicates: [] },
  ])('$name', ({ text, duplicates }) => {
    expect(duplicateAgencyNames(text)).toEqual(duplicates);
  });

  test('the first line wins, as the message says', () => {
    const text = 'Công an huyện | CA huyện | Công an\nCông an xã | CA xã | Công an';
    expect(new AgencyIndex(linesToAgencies(text).agencies).canonical('công an')).toBe('Công an huyện');
    expect(duplicateAgencyMessage(duplicateAgencyNames(text))).toBe(
      'Tên có ở nhiều cơ quan: «Công an» (dòng 1, 2). Nhiệm vụ ghi tên đó được tính cho cơ quan ở dòng đầu tiên.',
    );
    expect(duplicateAgencyMessage([])).toBeNull();
  });
});
