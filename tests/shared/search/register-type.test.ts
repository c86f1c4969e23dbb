/**
 * The exported register (Xuất CSV, In danh mục) names each document's type, as the result list on
 * screen does (QA pass): it had no «Loại» column, so a Thông báo kết luận or a Công điện without a
 * number printed as a row with an empty Số/ký hiệu and nothing to say what the document was.
 */
import { registerCsv, registerHtml } from '../../../shared/search/export';

const rows = [
  {
    ref: null,
    type: 'Thông báo kết luận',
    date: '2021-01-28',
    issuer: 'Ban Chấp hành Đảng bộ huyện',
    subject: 'Kết luận về phòng, chống dịch Covid-19',
  },
  {
    ref: '571-CV/TU',
    type: 'Công văn',
    date: '2021-07-22',
    issuer: 'Ban Thường vụ Tỉnh ủy',
    subject: 'V/v phòng dịch',
  },
];

test('the CSV register has a «Loại» column beside Số/ký hiệu (an unnumbered document said nothing)', () => {
  const lines = registerCsv(rows).split('\r\n');
  expect(lines[0]).toBe('\uFEFFSTT,Số/ký hiệu,Loại,Ngày,Cơ quan ban hành,Trích yếu');
  expect(lines[1]).toBe(
    '1,,Thông báo kết luận,28/01/2021,Ban Chấp hành Đảng bộ huyện,"Kết luận về phòng, chống dịch Covid-19"',
  );
  expect(lines[2]).toBe('2,571-CV/TU,Công văn,22/07/2021,Ban Thường vụ Tỉnh ủy,V/v phòng dịch');
});

test('the printable register has the same «Loại» column', () => {
  const html = registerHtml(rows, 'covid', '2026-11-25T05:00:00.000Z');
  expect(html).toContain('<th>Số/ký hiệu</th><th>Loại</th><th>Ngày</th>');
  expect(html).toContain('<td class="n">1</td><td></td><td>Thông báo kết luận</td><td>28/01/2021</td>');
});
