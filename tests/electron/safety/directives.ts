import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Synthetic directives for the safety tests and fault scripts (issue #7): each index gives a
 * distinct, parseable document with a number/symbol, issuer, date, citations and tasks.
 */
const ISSUERS = [
  ['TỈNH ỦY BẮC GIANG', 'TU', 'Bắc Giang', 'BAN THƯỜNG VỤ'],
  ['HUYỆN ỦY YÊN THẾ', 'HU', 'Yên Thế', 'BAN THƯỜNG VỤ'],
  ['TỈNH ỦY NAM ĐỊNH', 'TU', 'Nam Định', 'BAN THƯỜNG VỤ'],
  ['HUYỆN ỦY TRỰC NINH', 'HU', 'Trực Ninh', 'BAN THƯỜNG VỤ'],
] as const;
const KINDS = [
  ['CÔNG VĂN', 'CV'],
  ['CHỈ THỊ', 'CT'],
  ['KẾ HOẠCH', 'KH'],
  ['THÔNG BÁO', 'TB'],
] as const;
const TOPICS = [
  'phòng, chống dịch bệnh trên địa bàn',
  'công tác lưu trữ hồ sơ, tài liệu của Đảng',
  'phòng, chống lụt bão và giảm nhẹ thiên tai',
  'chuyển đổi số trong cơ quan Đảng',
  'tổ chức đại hội chi bộ nhiệm kỳ mới',
  'bảo đảm an ninh trật tự dịp Tết Nguyên đán',
];

export interface Directive {
  fileName: string;
  text: string;
  ref: string;
  issuer: string;
  date: string;
}

export function directive(i: number, variant = 0): Directive {
  const [issuerName, issuerCode, place, body] = ISSUERS[i % ISSUERS.length]!;
  const [kindName, kindCode] = KINDS[Math.floor(i / ISSUERS.length) % KINDS.length]!;
  const number = 100 + i;
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  const year = 2015 + (Math.floor(i / 336) % 10);
  const topic = TOPICS[i % TOPICS.length]!;
  const ref = `${number}-${kindCode}/${issuerCode}`;
  const text = [
    `ĐẢNG BỘ TỈNH                         ĐẢNG CỘNG SẢN VIỆT NAM`,
    `${issuerName}`,
    `*`,
    `Số ${ref}                        ${place}, ngày ${day} tháng ${month} năm ${year}`,
    ``,
    kindName,
    `về ${topic} (đợt ${i}${variant ? `, bản ${variant}` : ''})`,
    ``,
    `Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị và Kế hoạch số ${10 + (i % 50)}-KH/TU, ngày 10/01/${year} của Tỉnh ủy, ${body} ${issuerName.toLowerCase()} yêu cầu:`,
    `1. Ủy ban nhân dân chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện nội dung ${topic}; hoàn thành trước ngày 30/6/${year}.`,
    `2. Ban Tuyên giáo tuyên truyền sâu rộng trong cán bộ, đảng viên và nhân dân${variant ? ` (nội dung bổ sung ${variant})` : ''}.`,
    `3. Văn phòng theo dõi, đôn đốc, tổng hợp kết quả, báo cáo định kỳ hằng quý.`,
    ``,
    `T/M ${body}`,
    `PHÓ BÍ THƯ`,
    ``,
    `Nguyễn Văn ${String.fromCharCode(65 + (i % 26))}`,
    ``,
  ].join('\n');
  return {
    fileName: `${String(i).padStart(5, '0')}-${kindCode}.txt`,
    text,
    ref,
    issuer: issuerName,
    date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/** Writes directives [from, to) into a folder and returns the folder. */
export function writeDirectives(folder: string, from: number, to: number): string {
  mkdirSync(folder, { recursive: true });
  for (let i = from; i < to; i++) {
    const d = directive(i);
    writeFileSync(path.join(folder, d.fileName), d.text);
  }
  return folder;
}
