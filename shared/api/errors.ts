/** The closed set of error codes that may cross the API boundary, and the one place they get Vietnamese text. */
import type { ImportFailure } from '../model/archive';

export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'UNKNOWN_METHOD',
  'NOT_AVAILABLE_IN_HOST',
  'ARCHIVE_TOO_NEW',
  'ARCHIVE_LOCKED',
  'ARCHIVE_READ_ONLY',
  'ARCHIVE_CORRUPT',
  'DISK_FULL',
  'IO_ERROR',
  'JOB_NOT_FOUND',
  'QUERY_INVALID',
  // Safety (issue #7).
  'BACKUP_INVALID',
  'BUNDLE_INVALID',
  'BACKUP_FOLDER_UNSET',
  // Only the browser page's client makes it: its request never reached `vanthu serve` (stopped).
  'CONNECTION_LOST',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Extra facts for the log or a details pane; never needed to understand the message. */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Yêu cầu không hợp lệ.',
  NOT_FOUND: 'Không tìm thấy văn bản trong kho.',
  UNKNOWN_METHOD: 'Thao tác không được hỗ trợ.',
  NOT_AVAILABLE_IN_HOST: 'Thao tác này chỉ có trong ứng dụng trên máy tính.',
  ARCHIVE_TOO_NEW:
    'Kho lưu trữ được tạo bởi phiên bản Vanthu mới hơn. Hãy cập nhật Vanthu trước khi mở kho này; kho không bị thay đổi.',
  ARCHIVE_LOCKED: 'Kho lưu trữ đang được một chương trình khác sử dụng. Hãy đóng chương trình đó rồi thử lại.',
  ARCHIVE_READ_ONLY: 'Kho lưu trữ chỉ cho phép đọc, không thể ghi thêm văn bản.',
  ARCHIVE_CORRUPT: 'Tệp kho lưu trữ bị hỏng hoặc không phải kho Vanthu.',
  DISK_FULL: 'Ổ đĩa đã đầy, không thể ghi thêm. Các văn bản đã lưu không bị ảnh hưởng.',
  IO_ERROR: 'Không đọc hoặc ghi được tệp.',
  JOB_NOT_FOUND: 'Không tìm thấy tiến trình nhập văn bản.',
  QUERY_INVALID: 'Câu tìm kiếm không hợp lệ.',
  BACKUP_INVALID: 'Tệp sao lưu bị hỏng hoặc không phải tệp sao lưu Vanthu. Kho hiện tại không bị thay đổi.',
  BUNDLE_INVALID: 'Gói văn bản bị hỏng hoặc không phải gói trao đổi Vanthu. Kho không bị thay đổi.',
  BACKUP_FOLDER_UNSET: 'Chưa chọn thư mục sao lưu (ví dụ một USB). Hãy chọn thư mục rồi thử lại.',
  CONNECTION_LOST:
    'Mất kết nối với Vanthu (chương trình có thể đã bị tắt). Hãy mở lại Vanthu: chạy lại lệnh «vanthu serve» và mở đường dẫn mới mà lệnh in ra. Dữ liệu đã lưu không bị ảnh hưởng.',
  INTERNAL: 'Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.',
};

export const IMPORT_FAILURE_MESSAGES: Record<ImportFailure, string> = {
  empty: 'Tệp rỗng, không có nội dung.',
  binary: 'Tệp không phải văn bản (dữ liệu nhị phân).',
  unreadable: 'Không đọc được tệp.',
  too_large: 'Tệp lớn hơn 50 MB, vượt giới hạn cho phép.',
  unsupported_type: 'Loại tệp không được hỗ trợ (chỉ nhận .txt, .doc, .docx, .pdf, .rtf, .html, .md).',
  corrupt: 'Tệp bị hỏng, không mở được.',
  timeout: 'Đọc tệp quá lâu nên đã dừng.',
  encoding: 'Không nhận ra bảng mã của tệp.',
  storage: 'Không lưu được văn bản vào kho.',
};

export const DUPLICATE_MESSAGE = 'Văn bản đã có trong kho.';

/**
 * A reader's warning on a file it stored although its accented letters read as Vietnamese in no
 * encoding it knows (too few of them to refuse the file as 'encoding'): the text may be mojibake.
 * Hosts show it next to the file's «Đã nhập».
 */
export const ENCODING_DOUBT_WARNING =
  'Chữ có dấu trong tệp không đọc ra tiếng Việt theo bảng mã nào đã biết (Unicode, Windows-1258, TCVN3, VNI): tệp có thể không phải tiếng Việt hoặc dùng bảng mã khác; hãy đối chiếu với bản gốc.';

export class VanthuError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
  ) {
    super(detail ? `${ERROR_MESSAGES[code]} (${detail})` : ERROR_MESSAGES[code]);
    this.name = 'VanthuError';
    this.detail = detail;
  }
  readonly detail: string | undefined;

  toApiError(): ApiError {
    return { code: this.code, message: ERROR_MESSAGES[this.code], ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/**
 * The INVALID_INPUT detail of an input the contract's schema refused: each issue as
 * `path: message` (the path for the log), joined by `; `. `inputRefusalReasons` reads it back.
 */
export function inputIssuesDetail(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(gốc)'}: ${i.message}`).join('; ');
}

const ISSUE_PATH = /^(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|\(gốc\)): /;

/**
 * Why an input was refused, in the words of its messages (Vietnamese for every input a page
 * sends): the detail of `inputIssuesDetail` without the paths, or a core refusal's detail as it is.
 */
export function inputRefusalReasons(detail: string): string {
  return detail
    .split('; ')
    .map((part) => part.replace(ISSUE_PATH, '').trim())
    .filter((part, i, all) => part !== '' && all.indexOf(part) === i)
    .map((part) => (/[.!?»)]$/.test(part) ? part : `${part}.`))
    .join(' ');
}

export function apiError(code: ErrorCode, detail?: string): ApiError {
  return { code, message: ERROR_MESSAGES[code], ...(detail ? { detail } : {}) };
}
