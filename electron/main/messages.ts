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
  return [
    `Không mở được kho lưu trữ tại:`,
    `  ${dir}`,
    '',
    reason,
    ...(detail ? ['', `Chi tiết: ${detail}`] : []),
  ].join('\n');
}

export const DIALOG_FILES_TITLE = 'Chọn văn bản cần nhập';
export const DIALOG_FOLDER_TITLE = 'Chọn thư mục chứa văn bản cần nhập';
export const DIALOG_BUTTON = 'Nhập';
export const DIALOG_FILTER_NAME = 'Văn bản (.doc, .docx, .pdf, .txt, .rtf, .html, .md)';
export const IMPORT_EXTENSIONS = ['doc', 'docx', 'pdf', 'txt', 'rtf', 'html', 'md'] as const;

// Safety dialogs (issue #7): where a backup or bundle is saved, which one to restore or import.
export const DIALOG_RESTORE_TITLE = 'Chọn tệp sao lưu để khôi phục';
export const DIALOG_RESTORE_BUTTON = 'Khôi phục';
export const DIALOG_BUNDLE_OPEN_TITLE = 'Chọn gói văn bản cần nhập';
export const DIALOG_BACKUP_SAVE_TITLE = 'Lưu bản sao lưu kho';
export const DIALOG_BUNDLE_SAVE_TITLE = 'Xuất gói văn bản';
export const DIALOG_SAVE_BUTTON = 'Lưu';
export const BACKUP_FILTER_NAME = 'Tệp sao lưu Vanthu (.vanthu-backup)';
export const BUNDLE_FILTER_NAME = 'Gói văn bản Vanthu (.vanthu-bundle)';

// Ctrl+B (Tệp › Sao lưu ngay) and the backup on quit.
export const BACKUP_DONE_TITLE = 'Đã sao lưu';
export const BACKUP_FAILED_TITLE = 'Sao lưu không thành công';
export function backupDoneMessage(file: string, documents: number): string {
  return `Đã sao lưu ${documents.toLocaleString('vi-VN')} văn bản vào tệp:\n${file}`;
}
export function quitBackupFailedMessage(reason: string): string {
  return [
    'Không sao lưu tự động được khi thoát Vanthu.',
    '',
    reason,
    '',
    'Kho lưu trữ vẫn nguyên vẹn. Hãy kiểm tra thư mục sao lưu (USB đã được cắm chưa?) rồi sao lưu lại ở mục «Sao lưu».',
  ].join('\n');
}
export const CLOSE_BUTTON = 'Đóng';
