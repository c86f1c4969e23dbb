/** #/about (issue #8): version and archive statistics, from getArchiveInfo. Trợ giúp › Giới thiệu Vanthu opens it. */
import { useEffect, useState } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { ArchiveInfo } from '../../../shared/model/archive';
import { ErrorMessage } from '../views/ErrorMessage';
import { PathText } from '../views/PathText';

/** 1536 → "1,5 KB"; Vietnamese decimal comma. */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 1 : 0;
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: digits })} ${units[unit]}`;
}

function formatWhen(iso: string | null): string {
  if (!iso) return 'Chưa sao lưu lần nào';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('vi-VN');
}

/** Electron and Chromium versions from the user agent (desktop only); nothing to show in a browser. */
function runtime(): string | null {
  const electron = /Electron\/([\d.]+)/.exec(navigator.userAgent);
  const chrome = /Chrome\/([\d.]+)/.exec(navigator.userAgent);
  return electron ? `Electron ${electron[1]}${chrome ? ` · Chromium ${chrome[1]}` : ''}` : null;
}

export function AboutView({ api }: { api: VanthuApi }) {
  const [info, setInfo] = useState<ArchiveInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void api.getArchiveInfo({}).then((r) => (r.ok ? setInfo(r.value) : setError(r.error)));
  }, [api]);
  if (error) return <ErrorMessage error={error} />;
  if (!info) return <p className="muted">Đang tải…</p>;
  const engine = runtime();
  return (
    <section className="about" data-testid="about">
      <h2>Giới thiệu Vanthu</h2>
      <p>Kho lưu trữ văn bản chỉ đạo của Đảng và Nhà nước, dùng ngoại tuyến.</p>
      <dl className="about-facts">
        <dt>Phiên bản</dt>
        <dd data-testid="about-version">{info.appVersion}</dd>
        {engine && (
          <>
            <dt>Nền tảng</dt>
            <dd>{engine}</dd>
          </>
        )}
        <dt>Số văn bản</dt>
        <dd data-testid="about-documents">{info.documentCount.toLocaleString('vi-VN')}</dd>
        <dt>Dung lượng kho</dt>
        <dd data-testid="about-size">{formatBytes(info.sizeBytes)}</dd>
        <dt>Sao lưu gần nhất</dt>
        <dd data-testid="about-backup">{formatWhen(info.lastBackupAt)}</dd>
        <dt>Thư mục kho</dt>
        <dd>
          <PathText path={info.location} testId="about-location" />
        </dd>
        <dt>Phiên bản cơ sở dữ liệu</dt>
        <dd>{info.schemaVersion}</dd>
      </dl>
      <p>
        <a href="#/" className="button">
          Về danh sách
        </a>
      </p>
    </section>
  );
}
