/**
 * A task's text stays within what the clerk may type for one (QA pass): a report listing 18,000
 * numbered paragraphs (labels stop at two digits) made item 99 swallow the other 17,900, a task of
 * 5 million characters. Its page then froze the browser for good (one paragraph that long takes
 * Chromium minutes to lay out), and the task could not be saved back (5,000 characters at most).
 */
import { parseDirective } from '../../../shared/parser';
import { TASK_TEXT_MAX } from '../../../shared/parser/tasks';
import { LONG_REPORT_HEADER } from '../../helpers/long-report';

function report(paragraphs: number): string {
  const lines = [...LONG_REPORT_HEADER];
  for (let i = 1; i <= paragraphs; i++)
    lines.push(
      `${i}. Xã thứ ${i} đã rà soát hồ sơ cấp giấy chứng nhận quyền sử dụng đất, đối chiếu bản đồ địa chính, ` +
        'lập danh sách các trường hợp còn vướng mắc về nguồn gốc đất và nghĩa vụ tài chính.',
      '',
    );
  return lines.join('\n');
}

test('the item after which numbering stops does not swallow the rest of a long report', () => {
  const result = parseDirective(report(2000));
  const longest = Math.max(...result.tasks.map((t) => t.text.length));
  expect(result.tasks.length).toBeGreaterThanOrEqual(99);
  expect(longest).toBeLessThanOrEqual(TASK_TEXT_MAX);
  // The bound is the one the clerk's edits have (shared/api/review-inputs.ts): a task the parser
  // reads can be saved back as it is.
  expect(TASK_TEXT_MAX).toBe(5000);
  // The item keeps its own paragraphs, whole, up to the bound; its span ends with its text.
  const last = result.tasks.at(-1)!;
  expect(last.text.startsWith('Xã thứ 99 đã rà soát')).toBe(true);
  expect(last.text.endsWith('nghĩa vụ tài chính.')).toBe(true);
  expect(last.end - last.start).toBeLessThan(TASK_TEXT_MAX * 2);
});

test('an ordinary task keeps all of its paragraphs', () => {
  const text = [
    'HUYỆN ỦY TÂN YÊN',
    'Số: 45-KH/HU',
    'Tân Yên, ngày 3 tháng 8 năm 2021',
    'KẾ HOẠCH',
    'Triển khai công tác phòng, chống dịch',
    '',
    '1. Ban Tuyên giáo Huyện ủy chủ trì tuyên truyền.',
    'Thời gian thực hiện trong tháng 8 năm 2021.',
    'Báo cáo kết quả về Thường trực Huyện ủy.',
    '2. Văn phòng Huyện ủy theo dõi, đôn đốc.',
  ].join('\n');
  const tasks = parseDirective(text).tasks;
  expect(tasks[0]!.text).toBe(
    'Ban Tuyên giáo Huyện ủy chủ trì tuyên truyền. Thời gian thực hiện trong tháng 8 năm 2021. Báo cáo kết quả về Thường trực Huyện ủy.',
  );
});
