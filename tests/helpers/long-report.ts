/** The header of the long provincial report the long-document tests build (a QA pass: 18,000 paragraphs). */
export const LONG_REPORT_HEADER: readonly string[] = [
  'ỦY BAN NHÂN DÂN TỈNH BẮC GIANG',
  'Số: 1234/BC-UBND',
  'Bắc Giang, ngày 5 tháng 3 năm 2024',
  'BÁO CÁO',
  'Tổng hợp kết quả rà soát hồ sơ đất đai trên địa bàn tỉnh',
  '',
];
