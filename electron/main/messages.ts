/** Vietnamese text the main process shows itself (dialogs, menu). API error text lives in shared/api/errors.ts. */

export const APP_TITLE = 'Vanthu';

export const STARTUP_FAILED_TITLE = 'Vanthu không khởi động được';

export function nativeMissingMessage(searched: readonly string[]): string {
  return [
    'Thiếu thành phần cơ sở dữ liệu của Vanthu (better_sqlite3.node dành cho phiên bản này).',
    'Hãy cài đặt lại Vanthu bằng bộ cài đặt đầy đủ, hoặc báo cho cán bộ công nghệ thông tin.',
    'Kho lưu trữ không bị thay đổi.',
    '',
    'Đã tìm tại:',
    ...searched.map((file) => `  ${file}`),
  ].join('\n');
}

export function nativeWrongBuildMessage(detail: string): string {
  return [
    'Thành phần cơ sở dữ liệu của Vanthu (better_sqlite3.node) không khớp với phiên bản ứng dụng hoặc hệ điều hành này.',
    'Hãy cài đặt lại Vanthu bằng bộ cài đặt đúng cho máy này, hoặc báo cho cán bộ công nghệ thông tin.',
    'Kho lưu trữ không bị thay đổi.',
    '',
    `Chi tiết: ${detail}`,
  ].join('\n');
}

export function archiveOpenFailedMessage(reason: string, dir: string, detail?: string): string {
  return [`Không mở được kho lưu trữ tại:`, `  ${dir}`, '', reason, ...(detail ? ['', `Chi tiết: ${detail}`] : [])].join('\n');
}

export const DIALOG_FILES_TITLE = 'Chọn văn bản cần nhập';
export const DIALOG_FOLDER_TITLE = 'Chọn thư mục chứa văn bản cần nhập';
export const DIALOG_BUTTON = 'Nhập';
export const DIALOG_FILTER_NAME = 'Văn bản (.doc, .docx, .pdf, .txt, .rtf, .html, .md)';
export const IMPORT_EXTENSIONS = ['doc', 'docx', 'pdf', 'txt', 'rtf', 'html', 'md'] as const;

export function aboutDetail(versions: { app: string; electron: string; chrome: string; node: string }, archiveDir: string): string {
  return [
    'Kho lưu trữ văn bản chỉ đạo của Đảng và Nhà nước, dùng ngoại tuyến.',
    '',
    `Phiên bản: ${versions.app}`,
    `Electron ${versions.electron} · Chromium ${versions.chrome} · Node ${versions.node}`,
    `Thư mục kho: ${archiveDir}`,
  ].join('\n');
}
