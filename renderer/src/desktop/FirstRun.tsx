/**
 * The first-run screen (issue #8): an empty archive whose office settings were never saved. Says
 * where the archive lives, offers the office settings (#/settings, used on task sheets) and the
 * import. Once either exists, the ordinary empty-list text shows instead.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import { DOCUMENT_KINDS_FOR_CLERKS } from '../../../shared/model/formats';
import type { ArchiveInfo } from '../../../shared/model/archive';
import { PathText } from '../views/PathText';

export function FirstRun({ api, info, children }: { api: VanthuApi; info: ArchiveInfo | null; children?: ReactNode }) {
  const [officeUnset, setOfficeUnset] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void api.getOfficeSettings({}).then((r) => {
      if (live) setOfficeUnset(r.ok ? r.value.settings === null : false);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const firstRun = Boolean(officeUnset && info && info.documentCount === 0);
  // One container in both states, with the import panel (children) always in the same slot: the
  // office settings arrive after the first paint, and swapping containers then would remount the
  // import panel under a clerk who has already picked files.
  return (
    <div className={firstRun ? 'empty first-run' : 'empty'} data-testid="empty-state">
      <h2>Chào mừng đến với Vanthu</h2>
      <p className="empty-text">
        Kho chưa có văn bản nào. Bấm «Nhập văn bản» hoặc kéo thả tệp {DOCUMENT_KINDS_FOR_CLERKS} vào đây.
      </p>
      {firstRun && info ? (
        <ol className="first-run-steps" data-testid="first-run">
          <li>
            Vanthu lưu văn bản chỉ đạo trên chính máy này, không cần mạng. <strong>Kho lưu trữ</strong> nằm trong thư
            mục:
            {/* On a line of its own, broken only between folders: a Windows path is longer than the line. */}
            <PathText path={info.location} className="first-run-location" testId="first-run-location" />
            Hãy sao lưu thư mục này định kỳ (mục «Sao lưu»).
          </li>
          <li>
            <strong>Thông tin cơ quan</strong> (tên cơ quan, người ký, các nơi nhận) dùng để in phiếu giao việc:{' '}
            <a href="#/settings" className="button" data-testid="first-run-settings">
              Nhập thông tin cơ quan
            </a>
          </li>
          <li>
            <strong>Nhập văn bản</strong>: bấm «Nhập văn bản» hoặc kéo thả tệp, thư mục ({DOCUMENT_KINDS_FOR_CLERKS})
            vào cửa sổ.
          </li>
        </ol>
      ) : null}
      {children}
    </div>
  );
}
