/**
 * Safety in the UI (issue #7): the stale-backup banner, and the pages #/safety (backup, restore,
 * check, trash, bundle conflicts) and #/history/<id> (a document's changes, delete to trash). They
 * cover the page they are on, so the shell's routes need no change. All text goes through React
 * text nodes: nothing from a document is ever parsed as markup.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import {
  BACKUP_SETTINGS_ELSEWHERE,
  SAFETY_STEP_LABEL,
  type BackupStatus,
  type BundleConflict,
  type CheckReport,
  type HistoryEntry,
  type SafetyProgress,
  type TrashEntry,
} from '../../../shared/model/safety';
import { ErrorMessage } from '../views/ErrorMessage';
import { PathText } from '../views/PathText';
import { documentTitle } from '../format';

type SafetyRoute = { name: 'none' } | { name: 'safety' } | { name: 'history'; id: number };

function parse(hash: string): SafetyRoute {
  if (/^#\/(safety|trash)\/?$/.test(hash)) return { name: 'safety' };
  const m = /^#\/history\/(\d+)\/?$/.exec(hash);
  if (m && Number.isSafeInteger(Number(m[1])) && Number(m[1]) > 0) return { name: 'history', id: Number(m[1]) };
  return { name: 'none' };
}

function vnTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('vi-VN', {
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

const HOUR_MS = 60 * 60 * 1000;

const BACKUP_MODE_TEXT: Record<BackupStatus['mode'], string> = {
  daily: 'hằng ngày',
  quit: 'khi thoát',
  off: 'tắt',
};

export function SafetyLayer({
  api,
  desktop,
  onDocumentsChanged,
}: {
  api: VanthuApi;
  desktop: boolean;
  /**
   * A document left or came back (trash, restore, bundle): the list and the count under this
   * layer stay mounted, so they showed a deleted document that no longer opened.
   */
  onDocumentsChanged(): void;
}) {
  const [route, setRoute] = useState<SafetyRoute>(() => parse(window.location.hash));
  const [status, setStatus] = useState<BackupStatus | null>(null);
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const refresh = useCallback(() => api.getBackupStatus({}).then((r) => r.ok && setStatus(r.value)), [api]);
  // Daily backups: the core decides whether one is due; checked at start and every hour.
  useEffect(() => {
    const tick = () => void api.runDueBackup({}).then(() => refresh());
    tick();
    const timer = window.setInterval(tick, HOUR_MS);
    return () => window.clearInterval(timer);
  }, [api, refresh]);

  return (
    <>
      {status?.warning && route.name === 'none' && (
        <div className="safety-banner" role="status" data-testid="backup-warning">
          <span>{status.warning}</span> <a href="#/safety">Sao lưu…</a>
        </div>
      )}
      {route.name === 'safety' && (
        <SafetyPage
          api={api}
          desktop={desktop}
          status={status}
          onStatus={setStatus}
          onDocumentsChanged={onDocumentsChanged}
        />
      )}
      {route.name === 'history' && <HistoryPage api={api} id={route.id} onDocumentsChanged={onDocumentsChanged} />}
    </>
  );
}

const BUSY_BACKUP =
  'Đang sao lưu: sao chép, thu gọn, tính mã băm và kiểm tra bản sao. Với kho lớn (hàng chục nghìn văn bản) việc này mất khoảng nửa phút; xin đừng tắt máy hay rút USB.';
const BUSY_CHECK =
  'Đang kiểm tra kho: toàn vẹn tệp, chỉ mục tìm kiếm, bản gốc và nội dung so với mã băm. Với kho lớn việc này mất khoảng nửa phút.';

/**
 * One operation at a time: a double click on «Khôi phục» restored the document, then asked again
 * and showed «Không tìm thấy văn bản trong kho.» above «Đã khôi phục…».
 */
function useCall() {
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<ReactNode>(null);
  // What a long call is doing, shown while it runs: a backup or a check of 100,000 documents takes
  // about half a minute, and a second click would start a second one. '' for a short call: the
  // buttons wait for it too, with nothing to say.
  const [busy, setBusy] = useState<string | null>(null);
  const pending = useRef(false);
  const run = useCallback(
    async <T,>(
      call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
      done?: (v: T) => ReactNode,
      busyLabel?: string,
    ) => {
      if (pending.current) return undefined;
      pending.current = true;
      setError(null);
      setNote(null);
      setBusy(busyLabel ?? '');
      try {
        const r = await call();
        if (!r.ok) setError(r.error);
        else if (done) setNote(done(r.value));
        return r.ok ? r.value : undefined;
      } finally {
        pending.current = false;
        setBusy(null);
      }
    },
    [],
  );
  return { error, note, busy, run };
}

/** The running job's step, asked every half second while the page waits (the work runs off the main thread). */
function SafetyStepLine({ api }: { api: VanthuApi }) {
  const [progress, setProgress] = useState<SafetyProgress | null>(null);
  useEffect(() => {
    let live = true;
    const ask = () =>
      void api.getSafetyProgress({}).then((r) => {
        if (live && r.ok) setProgress(r.value);
      });
    ask();
    const timer = window.setInterval(ask, 500);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [api]);
  if (!progress) return null;
  const share = progress.total > 0 ? ` ${Math.floor((100 * progress.done) / progress.total)}%` : '…';
  return (
    <span className="safety-step" data-testid="safety-step">
      <br />
      {SAFETY_STEP_LABEL[progress.step]}
      {share}
    </span>
  );
}

function SafetyPage({
  api,
  desktop,
  status,
  onStatus,
  onDocumentsChanged,
}: {
  api: VanthuApi;
  desktop: boolean;
  status: BackupStatus | null;
  onStatus: (s: BackupStatus) => void;
  onDocumentsChanged(): void;
}) {
  const { error, note, busy, run } = useCall();
  const [trash, setTrash] = useState<TrashEntry[]>([]);
  const [conflicts, setConflicts] = useState<BundleConflict[]>([]);
  const [check, setCheck] = useState<CheckReport | null>(null);
  const load = useCallback(() => {
    void api.listTrash({}).then((r) => r.ok && setTrash(r.value));
    void api.listBundleConflicts({}).then((r) => r.ok && setConflicts(r.value));
    void api.getBackupStatus({}).then((r) => r.ok && onStatus(r.value));
  }, [api, onStatus]);
  useEffect(load, [load]);

  return (
    <section className="safety-page" data-testid="safety-page">
      <p>
        <a href="#/">← Về danh sách</a>
      </p>
      <h2>Sao lưu và an toàn dữ liệu</h2>
      {error && <ErrorMessage error={error} />}
      {note && (
        <p className="safety-note" role="status">
          {note}
        </p>
      )}
      {busy && (
        <p className="safety-busy" role="status" data-testid="safety-busy">
          {busy}
          <SafetyStepLine api={api} />
        </p>
      )}

      <h3>Sao lưu</h3>
      {status && (
        <dl className="safety-facts">
          <dt>Thư mục sao lưu</dt>
          <dd>
            {status.folder ? (
              <>
                <PathText path={status.folder} testId="backup-folder" />
                {status.folderAvailable ? '' : ' (không thấy — USB chưa cắm?)'}
              </>
            ) : (
              'chưa chọn'
            )}
          </dd>
          <dt>Bản mới nhất</dt>
          <dd>{status.lastBackupAt ? `${vnTime(status.lastBackupAt)} — ${status.lastBackupFile}` : 'chưa có'}</dd>
          <dt>Tự động</dt>
          <dd data-testid="backup-auto">
            {desktop ? (
              <>
                <select
                  aria-label="Sao lưu tự động"
                  value={status.mode}
                  onChange={(e) =>
                    void run(
                      () => api.setBackupSettings({ mode: e.target.value as BackupStatus['mode'] }),
                      (s) => (onStatus(s), null),
                    )
                  }
                >
                  <option value="daily">hằng ngày</option>
                  <option value="quit">khi thoát</option>
                  <option value="off">tắt</option>
                </select>{' '}
                giữ{' '}
                <select
                  aria-label="Số bản giữ lại"
                  value={status.keep}
                  onChange={(e) =>
                    void run(
                      () => api.setBackupSettings({ keep: Number(e.target.value) }),
                      (s) => (onStatus(s), null),
                    )
                  }
                >
                  {[3, 5, 7, 10, 14, 30].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>{' '}
                bản
              </>
            ) : (
              // The page over HTTP may not decide what is written to or deleted from the PC's folder.
              `${BACKUP_MODE_TEXT[status.mode]}, giữ ${status.keep} bản`
            )}
          </dd>
        </dl>
      )}
      {!desktop && status && (
        <p className="muted" data-testid="backup-settings-browser-note">
          {BACKUP_SETTINGS_ELSEWHERE}
        </p>
      )}
      {!desktop && status && !status.folder && (
        // The banner on every page sends the clerk here; in the browser there is no folder dialog.
        <p className="muted" data-testid="backup-browser-note">
          Trang này mở trong trình duyệt nên không chọn được thư mục sao lưu hay lưu tệp sao lưu. Hãy sao lưu trong ứng
          dụng Vanthu (Tệp › Sao lưu ngay, Ctrl+B) hoặc bằng lệnh «vanthu backup».
        </p>
      )}
      <div className="safety-actions">
        {status?.folder && (
          <button
            type="button"
            className="button primary"
            disabled={busy !== null}
            onClick={() =>
              void run(
                () => api.backupNow({}),
                (b) => (load(), `Đã sao lưu ${b.documents} văn bản: ${b.fileName}.`),
                BUSY_BACKUP,
              )
            }
          >
            Sao lưu ngay
          </button>
        )}
        {desktop && (
          <>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() =>
                void run(
                  () => api.chooseBackupFolder({}),
                  (s) => (onStatus(s), null),
                )
              }
            >
              Chọn thư mục sao lưu…
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() =>
                void run(
                  () => api.chooseAndBackup({}),
                  (b) => (b ? (load(), `Đã sao lưu ${b.documents} văn bản: ${b.fileName}.`) : null),
                )
              }
            >
              Sao lưu ra tệp…
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() =>
                void run(
                  () => api.chooseAndRestore({}),
                  (r) => r?.message ?? null,
                )
              }
            >
              Khôi phục từ bản sao lưu…
            </button>
          </>
        )}
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() =>
            void run(
              () => api.checkArchive({}),
              (c) => (setCheck(c), null),
              BUSY_CHECK,
            )
          }
        >
          Kiểm tra kho
        </button>
      </div>
      {check && (
        <ul className="safety-check" data-testid="check-report">
          {check.findings.map((f) => (
            <li key={f.code} className={`check-${f.level}`}>
              {f.level === 'ok' ? '✓' : f.level === 'warning' ? '!' : '✗'} {f.message}
            </li>
          ))}
        </ul>
      )}

      {desktop && (
        <>
          <h3>Trao đổi với đơn vị khác</h3>
          <div className="safety-actions">
            <button
              type="button"
              className="button"
              onClick={() =>
                void run(
                  () => api.chooseAndImportBundle({}),
                  (r) =>
                    r
                      ? (load(),
                        onDocumentsChanged(),
                        `Đã nhập ${r.imported}, đã có ${r.duplicates}, xung đột ${r.conflicts}.`)
                      : null,
                )
              }
            >
              Nhập gói văn bản…
            </button>
          </div>
        </>
      )}
      {conflicts.length > 0 && (
        <>
          <h3>Xung đột cần quyết định ({conflicts.length})</h3>
          <p>Cùng số/ký hiệu và cơ quan ban hành với văn bản đã có nhưng nội dung khác.</p>
          <ul className="safety-list" data-testid="conflicts">
            {conflicts.map((c) => (
              <li key={c.id}>
                <span>
                  {c.ref ?? '(không số)'} · {c.issuer ?? ''} · {c.date ?? ''} — {c.subject ?? ''} (gói {c.bundle}
                  {c.existingId ? (
                    <>
                      , trùng <a href={`#/doc/${c.existingId}`}>văn bản {c.existingId}</a>
                    </>
                  ) : null}
                  )
                </span>{' '}
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void run(
                      () => api.resolveBundleConflict({ id: c.id, action: 'import' }),
                      () => (load(), onDocumentsChanged(), 'Đã nhập thành văn bản riêng.'),
                    )
                  }
                >
                  Nhập thành văn bản riêng
                </button>{' '}
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void run(
                      () => api.resolveBundleConflict({ id: c.id, action: 'skip' }),
                      () => (load(), 'Đã bỏ.'),
                    )
                  }
                >
                  Bỏ
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Thùng rác ({trash.length})</h3>
      {trash.length === 0 ? (
        <p>Thùng rác trống. Văn bản bị xóa được giữ ở đây 30 ngày.</p>
      ) : (
        <>
          <ul className="safety-list" data-testid="trash">
            {trash.map((t) => (
              <li key={t.trashId}>
                <span>
                  {t.ref ?? '(không số)'} · {t.subject ?? ''} — xóa {vnTime(t.deletedAt)}, tự hủy sau{' '}
                  {vnTime(t.expiresAt)}
                </span>{' '}
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() =>
                    void run(
                      () => api.restoreFromTrash({ trashId: t.trashId }),
                      (r) => (
                        load(),
                        onDocumentsChanged(),
                        // The clerk knows a document by its number, not by the archive's id.
                        r.status === 'restored' ? (
                          <>
                            Đã khôi phục <a href={`#/doc/${r.id}`}>{t.ref ? `văn bản số ${t.ref}` : 'văn bản'}</a>.
                          </>
                        ) : (
                          <>
                            <a href={`#/doc/${r.id}`}>Văn bản này</a> đã được nhập lại vào kho nên không khôi phục thêm
                            bản thứ hai; bản trong thùng rác tự hủy sau 30 ngày.
                          </>
                        )
                      ),
                    )
                  }
                >
                  Khôi phục
                </button>{' '}
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => {
                    if (window.confirm('Xóa hẳn văn bản này? Không thể khôi phục.'))
                      void run(
                        () => api.purgeTrash({ trashIds: [t.trashId] }),
                        () => (load(), 'Đã xóa hẳn.'),
                      );
                  }}
                >
                  Xóa hẳn
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            onClick={() => {
              if (window.confirm('Xóa hẳn toàn bộ thùng rác? Không thể khôi phục.'))
                void run(
                  () => api.purgeTrash({ all: true }),
                  (r) => (load(), `Đã xóa hẳn ${r.purged} văn bản.`),
                );
            }}
          >
            Dọn sạch thùng rác
          </button>
        </>
      )}
    </section>
  );
}

function HistoryPage({ api, id, onDocumentsChanged }: { api: VanthuApi; id: number; onDocumentsChanged(): void }) {
  const { error, note, busy, run } = useCall();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  /**
   * The document's title, or 'gone' once it is no longer in the archive: the page (reached again
   * with the browser's Back after a delete) said «Chưa có thay đổi nào được ghi lại.» and offered
   * to delete it a second time.
   */
  const [title, setTitle] = useState<string | 'gone' | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api.documentHistory({ id, limit: 500 }).then((r) => !cancelled && r.ok && setEntries(r.value));
    void api.getDocument({ id }).then((r) => {
      if (cancelled) return;
      if (r.ok) setTitle(documentTitle(r.value));
      else if (r.error.code === 'NOT_FOUND') setTitle('gone');
    });
    return () => {
      cancelled = true;
    };
  }, [api, id]);
  if (title === 'gone') {
    return (
      <section className="safety-page" data-testid="history-page">
        <p>
          <a href="#/">← Về danh sách</a>
        </p>
        <h2>Lịch sử thay đổi</h2>
        {note ? (
          <p className="safety-note" role="status">
            {note}
          </p>
        ) : (
          <p data-testid="history-gone">
            Văn bản này không còn trong kho: đã được chuyển vào thùng rác hoặc xóa hẳn. Văn bản trong thùng rác khôi
            phục được trong 30 ngày ở mục <a href="#/safety">Sao lưu</a>.
          </p>
        )}
      </section>
    );
  }
  return (
    <section className="safety-page" data-testid="history-page">
      <p>
        <a href={`#/doc/${id}`}>← Về văn bản</a>
      </p>
      <h2>Lịch sử thay đổi{title ? `: ${title}` : ''}</h2>
      {error && <ErrorMessage error={error} />}
      {note && (
        <p className="safety-note" role="status">
          {note}
        </p>
      )}
      {entries && entries.length === 0 && <p>Chưa có thay đổi nào được ghi lại.</p>}
      <ol className="safety-list">
        {(entries ?? []).map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{vnTime(e.at)}</time> {e.summary}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button"
        disabled={busy !== null}
        onClick={() => {
          if (window.confirm('Chuyển văn bản này vào thùng rác? Có thể khôi phục trong 30 ngày.'))
            void run(
              () => api.deleteDocument({ id }),
              () => {
                onDocumentsChanged();
                window.location.hash = '#/safety';
                return 'Đã chuyển vào thùng rác.';
              },
            );
        }}
        data-testid="delete-document"
      >
        Chuyển vào thùng rác
      </button>
    </section>
  );
}
