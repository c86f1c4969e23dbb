/** The start of a task's text that names its row in the tracking table and the dashboard (rows showed only «STT 3»). */
import { taskGist, taskTitle } from '../../../shared/tasks/gist';

const LONG =
  'Công an huyện chủ trì, phối hợp với các cơ quan liên quan tăng cường công tác bảo đảm an ninh trật tự trên địa bàn, nhất là tại các chốt kiểm soát dịch.';

test.each([
  [
    'Sở Y tế chủ trì thực hiện nhiệm vụ trọng tâm thứ 3 của quý IV.',
    'Sở Y tế chủ trì thực hiện nhiệm vụ trọng tâm thứ 3 của quý IV.',
  ],
  ['  Tổ chức\n  tuyên truyền   sâu rộng ', 'Tổ chức tuyên truyền sâu rộng'],
  [LONG, 'Công an huyện chủ trì, phối hợp với các cơ quan liên quan tăng cường công tác bảo đảm an…'],
  ['x'.repeat(120), `${'x'.repeat(89)}…`],
])('taskGist(%j) → %j', (text, gist) => {
  const got = taskGist(text);
  expect(got).toBe(gist);
  expect(got.length).toBeLessThanOrEqual(90);
});

test('the title is the whole text on one line', () => {
  expect(taskTitle(`${LONG}\n  (xong trước 30/9)`)).toBe(`${LONG} (xong trước 30/9)`);
});
