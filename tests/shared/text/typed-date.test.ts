/**
 * Dates as clerks type them. The date editor refused a 2-digit year («22/7/21»), and the task
 * sheet's date boxes took «21» as the year 0021; a date that cannot be stays refused, in words.
 */
import { fullYear, readTypedDate } from '../../../shared/text/typed-date';

const IN_2026 = new Date(2026, 10, 25);

test.each([
  ['22/7/21', '2021-07-22', '22/07/2021'],
  ['22/07/2021', '2021-07-22', '22/07/2021'],
  ['1/1/00', '2000-01-01', '01/01/2000'],
  ['31/12/27', '2027-12-31', '31/12/2027'],
  ['31/12/28', '1928-12-31', '31/12/1928'],
  ['15.8.98', '1998-08-15', '15/08/1998'],
  ['5-9-45', '1945-09-05', '05/09/1945'],
  ['29/2/24', '2024-02-29', '29/02/2024'],
  [' 25 / 8 / 2021 ', '2021-08-25', '25/08/2021'],
  ['2021-08-25', '2021-08-25', '25/08/2021'],
  ['2021-8-5', '2021-08-05', '05/08/2021'],
])('%j reads as %s (shown %s)', (typed, iso, shown) => {
  expect(readTypedDate(typed, IN_2026)).toEqual({ kind: 'date', iso, shown });
});

test.each([
  ['31/02/2021', 'Ngày không hợp lệ: 31/02/2021 không có thật (tháng 2 năm 2021 có 28 ngày).'],
  ['29/2/23', 'Ngày không hợp lệ: 29/02/2023 không có thật (tháng 2 năm 2023 có 28 ngày).'],
  ['31/4/21', 'Ngày không hợp lệ: 31/04/2021 không có thật (tháng 4 năm 2021 có 30 ngày).'],
  ['0/4/21', 'Ngày không hợp lệ: 00/04/2021 không có thật (tháng 4 năm 2021 có 30 ngày).'],
  ['12/13/21', 'Ngày không hợp lệ: không có tháng 13 (tháng từ 1 đến 12).'],
  ['25/08/1850', 'Ngày không hợp lệ: năm 1850 nằm ngoài các năm 1900–2200 mà kho lưu giữ.'],
  [
    '22/7/021',
    'Ngày không hợp lệ: không đọc được «22/7/021»; hãy nhập dạng ngày/tháng/năm, ví dụ 25/08/2021 hoặc 25/8/21.',
  ],
  ['mai', 'Ngày không hợp lệ: không đọc được «mai»; hãy nhập dạng ngày/tháng/năm, ví dụ 25/08/2021 hoặc 25/8/21.'],
])('%j is refused: %s', (typed, problem) => {
  expect(readTypedDate(typed, IN_2026)).toEqual({ kind: 'bad', problem });
});

test('blank is no date', () => {
  expect(readTypedDate('  ', IN_2026)).toEqual({ kind: 'empty' });
});

test.each([
  [2026, 27, 2027],
  [2026, 28, 1928],
  [2030, 31, 2031],
  [2030, 32, 1932],
  [2099, 99, 2099],
  [2099, 0, 2000],
])('in %i, the year %i is %i', (year, yy, full) => {
  expect(fullYear(yy, new Date(year, 5, 1))).toBe(full);
});
