/** Small directives for the graph tests: real shapes (docs/domain.md §3, §6), invented content. */
import { Archive } from '../../../electron/core/archive';
import { tempDir } from '../../helpers/tmp';

export interface Letter {
  key: string;
  header: string[];
  ref: string;
  party: boolean;
  place: string;
  date: [number, number, number];
  subject: string;
  body: string;
  recipients?: string[];
  sign?: string[];
}

export function letterText(l: Letter): string {
  const [d, m, y] = l.date;
  const lines = [...l.header, l.party ? `Số ${l.ref}` : `Số: ${l.ref}`];
  if (l.party) lines.push('ĐẢNG CỘNG SẢN VIỆT NAM');
  else lines.push('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc');
  lines.push(`${l.place}, ngày ${d} tháng ${m} năm ${y}`, '', l.subject, '-----', '', l.body, '', 'Nơi nhận:');
  for (const r of l.recipients ?? ['Như trên']) lines.push(`- ${r};`);
  lines.push(
    '- Lưu VT.',
    '',
    ...(l.sign ?? (l.party ? ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'] : ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'])),
    'Nguyễn Văn An',
    '',
  );
  return lines.join('\n');
}

export const BG_571: Letter = {
  key: 'bg571',
  header: ['ĐẢNG BỘ TỈNH BẮC GIANG', 'TỈNH ỦY BẮC GIANG', '*'],
  ref: '571-CV/TU',
  party: true,
  place: 'Bắc Giang',
  date: [12, 3, 2021],
  subject: 'V/v tăng cường phòng, chống dịch Covid-19',
  body: 'Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tập trung lãnh đạo thực hiện tốt các nhiệm vụ sau.',
  recipients: ['Huyện ủy Yên Thế', 'Huyện ủy Lục Nam', 'Các sở, ban, ngành tỉnh'],
};

export const ND_571: Letter = {
  key: 'nd571',
  header: ['ĐẢNG BỘ TỈNH NAM ĐỊNH', 'TỈNH ỦY NAM ĐỊNH', '*'],
  ref: '571-CV/TU',
  party: true,
  place: 'Nam Định',
  date: [20, 4, 2021],
  subject: 'V/v chuẩn bị bầu cử đại biểu Quốc hội',
  body: 'Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy chuẩn bị chu đáo công tác bầu cử.',
};

export const YT_128: Letter = {
  key: 'yt128',
  header: ['ĐẢNG BỘ TỈNH BẮC GIANG', 'HUYỆN ỦY YÊN THẾ', '*'],
  ref: '128-KH/HU',
  party: true,
  place: 'Yên Thế',
  date: [20, 3, 2021],
  subject: 'KẾ HOẠCH\nthực hiện Công văn số 571-CV/TU của Ban Thường vụ Tỉnh ủy',
  body:
    'Thực hiện Công văn số 571-CV/TU ngày 12/3/2021 của Ban Thường vụ Tỉnh ủy về tăng cường phòng, chống dịch Covid-19, Ban Thường vụ Huyện ủy xây dựng kế hoạch thực hiện như sau.\n' +
    '1. Căn cứ Công văn số 02-CĐ/TU, ngày 08/01/2021 của Ban Thường vụ Tỉnh ủy, các chi bộ rà soát kịch bản phòng, chống dịch.',
};

export const NO_NUMBER: Letter = {
  key: 'nonum',
  header: ['ĐẢNG BỘ TỈNH BẮC GIANG', 'HUYỆN ỦY LỤC NAM', '*'],
  ref: '45-CV/HU',
  party: true,
  place: 'Lục Nam',
  date: [2, 5, 2021],
  subject: 'V/v triển khai Công điện của Thường trực Ban Bí thư',
  body: 'Thực hiện Công điện ngày 27/4/2021 của Thường trực Ban Bí thư về tăng cường phòng, chống dịch, Ban Thường vụ Huyện ủy yêu cầu các chi bộ khẩn trương triển khai.',
};

export const CD_TW: Letter = {
  key: 'cdtw',
  header: ['BAN CHẤP HÀNH TRUNG ƯƠNG', '*'],
  ref: '15-CĐ/TW',
  party: true,
  place: 'Hà Nội',
  date: [27, 4, 2021],
  subject: 'CÔNG ĐIỆN\nVề tăng cường phòng, chống dịch Covid-19',
  body: 'Ban Bí thư yêu cầu các cấp ủy, tổ chức đảng tăng cường phòng, chống dịch.',
  sign: ['T/M BAN BÍ THƯ'],
};

export function openArchive(): { archive: Archive; cleanup: () => void } {
  const t = tempDir('vanthu-graph-');
  const archive = Archive.open(t.dir);
  return {
    archive,
    cleanup: () => {
      archive.close();
      t.cleanup();
    },
  };
}

export async function importLetters(
  archive: Archive,
  letters: readonly (Letter | { key: string; text: string })[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const l of letters) {
    const text = 'text' in l ? l.text : letterText(l);
    const report = await archive.importSources([
      { kind: 'upload', name: `${l.key}.txt`, bytes: new TextEncoder().encode(text) },
    ]);
    const f = report.files[0]!;
    if (f.status !== 'imported' || f.id === null) throw new Error(`${l.key}: ${f.status} ${f.reason}`);
    ids.set(l.key, f.id);
  }
  return ids;
}
