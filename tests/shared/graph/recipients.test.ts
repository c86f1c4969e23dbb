import { inRecipientGroup, recipientGroup, type RecipientGroup } from '../../../shared/graph/recipients';
import type { NodeLevel } from '../../../shared/graph/types';

test.each<[string, RecipientGroup | null]>([
  ['Huyện ủy Yên Thế', null],
  ['Như trên', null],
  [
    'Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy',
    { bodies: ['huyen uy', 'thi uy', 'thanh uy', 'dang uy'], levels: [], bodyLevels: [], anyLower: false },
  ],
  [
    'Các sở, ban, ngành tỉnh',
    { bodies: ['so', 'ban', 'nganh'], levels: [], bodyLevels: ['province'], anyLower: false },
  ],
  ['Các xã, thị trấn', { bodies: [], levels: ['commune', 'commune'], bodyLevels: ['commune'], anyLower: false }],
  ['các chi bộ, đảng bộ cơ sở', { bodies: ['chi bo', 'dang bo'], levels: [], bodyLevels: [], anyLower: false }],
  ['Các cơ quan, đơn vị', { bodies: [], levels: [], bodyLevels: [], anyLower: true }],
  [
    'CÁC PHÒNG, BAN CHUYÊN MÔN HUYỆN',
    { bodies: ['phong', 'ban'], levels: [], bodyLevels: ['district'], anyLower: false },
  ],
  [
    'Các huyện và thành phố',
    { bodies: [], levels: ['district', 'district', 'province'], bodyLevels: ['district', 'province'], anyLower: false },
  ],
])('recipientGroup(%j)', (recipient, group) => {
  expect(recipientGroup(recipient)).toEqual(group);
});

test.each<[string, string, NodeLevel | null, boolean]>([
  // Party committees, named anywhere in the issuer.
  ['Các huyện ủy, thị ủy, thành ủy', 'Ban Thường vụ Huyện ủy Yên Thế', 'district', true],
  ['Các huyện ủy, thị ủy, thành ủy', 'Huyện ủy Lục Nam', 'district', true],
  ['Các huyện ủy, thị ủy, thành ủy', 'Ủy ban nhân dân huyện Yên Thế', 'district', false],
  ['Các huyện ủy, thị ủy, thành ủy', 'Đảng ủy xã Tân Sỏi', 'commune', false],
  // Departments of the named level; a committee's standing board is not a department.
  ['Các sở, ban, ngành tỉnh', 'Sở Y tế', 'province', true],
  ['Các sở, ban, ngành tỉnh', 'Ban Dân tộc tỉnh Bắc Giang', 'province', true],
  ['Các sở, ban, ngành tỉnh', 'Ban Thường vụ Tỉnh ủy Bắc Giang', 'province', false],
  ['Các sở, ban, ngành tỉnh', 'Ban Tuyên giáo Huyện ủy Yên Thế', 'district', false],
  ['Các sở, ban, ngành tỉnh', 'Huyện ủy Yên Thế', 'district', false],
  // Places: any body at that level.
  ['Các xã, thị trấn', 'Ủy ban nhân dân xã Tân Sỏi', 'commune', true],
  ['Các xã, thị trấn', 'Đảng ủy thị trấn Cầu Gồ', 'commune', true],
  ['Các xã, thị trấn', 'Huyện ủy Yên Thế', 'district', false],
])('%j includes a document of %j (%s): %s', (recipient, issuer, level, expected) => {
  expect(inRecipientGroup(recipientGroup(recipient)!, issuer, level)).toBe(expected);
});
