/** Shell: header, hash routing (#/ and #/doc/ID), import panel and drag-and-drop. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VanthuApi } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import type { ArchiveInfo } from '../../shared/model/archive';
import { fromDrop, type PickedSet } from './import/files';
import { useImporter } from './import/useImporter';
import { DocumentList } from './views/DocumentList';
import { DocumentView } from './views/DocumentView';
import { ErrorMessage } from './views/ErrorMessage';
import { ImportPanel } from './views/ImportPanel';
import { SearchView } from './search/SearchView';
import { SafetyLayer } from './safety/SafetyLayer';
import { GraphLayer } from './graph/GraphPages';
import { SettingsView } from './settings/SettingsView';
import { DashboardView } from './tasks/DashboardView';
import { TaskSheetView } from './tasks/TaskSheetView';
import type { SortOrder } from './views/useDocumentPages';
// Desktop habits (issue #8): application menu, first run, About.
import { useDesktopMenu } from './desktop/useDesktopMenu';
import { FirstRun } from './desktop/FirstRun';
import { AboutView } from './desktop/AboutView';

type Route =
  | { name: 'list' }
  | { name: 'doc'; id: number }
  // Task sheets (issue #6): renderer/src/tasks, renderer/src/settings.
  | { name: 'tasksheet'; id: number }
  | { name: 'tasks' }
  | { name: 'settings' }
  | { name: 'about' };

function parseHash(hash: string): Route {
  const sheet = /^#\/tasksheet\/(\d+)\/?$/.exec(hash);
  if (sheet && Number.isSafeInteger(Number(sheet[1])) && Number(sheet[1]) > 0)
    return { name: 'tasksheet', id: Number(sheet[1]) };
  if (/^#\/tasks\/?$/.test(hash)) return { name: 'tasks' };
  if (/^#\/settings\/?$/.test(hash)) return { name: 'settings' };
  if (/^#\/about\/?$/.test(hash)) return { name: 'about' };
  const m = /^#\/doc\/(\d+)\/?$/.exec(hash);
  if (m) {
    const id = Number(m[1]);
    if (Number.isSafeInteger(id) && id > 0) return { name: 'doc', id };
  }
  return { name: 'list' };
}

function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/**
 * Whether the list (and the import panel above it) is on screen. The route is 'list' under the
 * pages that cover it (#/safety, #/history/ID, #/pending, #/missing, #/graph/ID), where «Nhập văn
 * bản», Ctrl+O or a drop opened the panel unseen and the import ran without a word.
 */
function showsList(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#/';
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function App({ api }: { api: VanthuApi }) {
  const route = useRoute();
  const [info, setInfo] = useState<ArchiveInfo | null>(null);
  const [infoError, setInfoError] = useState<ApiError | null>(null);
  const [sort, setSort] = useState<SortOrder>('date_desc');
  const [refreshKey, setRefreshKey] = useState(0);
  const [showImport, setShowImport] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [lastOpened, setLastOpened] = useState<number | null>(null);
  const [safetyKey, setSafetyKey] = useState(0);
  /**
   * The document page the list opened, while the history entry before it is still the list. Any
   * other page visited since (history, task sheet, graph, a linked document) clears it: «Quay lại»
   * then went back one step to that page — after «Chuyển vào thùng rác», to the deleted document's
   * history.
   */
  const openedFromList = useRef<string | null>(null);

  const loadInfo = useCallback(
    () =>
      api.getArchiveInfo({}).then((r) => {
        if (r.ok) {
          setInfo(r.value);
          setInfoError(null);
        } else {
          setInfoError(r.error);
        }
      }),
    [api],
  );

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  const documentsChanged = useCallback(() => {
    setRefreshKey((k) => k + 1);
    void loadInfo();
  }, [loadInfo]);

  const importer = useImporter(api, documentsChanged);

  const open = useCallback((id: number) => {
    setLastOpened(id);
    openedFromList.current = `#/doc/${id}`;
    window.location.hash = `#/doc/${id}`;
  }, []);

  useEffect(() => {
    const onChange = () => {
      if (window.location.hash !== openedFromList.current) openedFromList.current = null;
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const back = useCallback(() => {
    if (openedFromList.current) {
      openedFromList.current = null;
      window.history.back();
    } else {
      window.location.hash = '#/';
    }
  }, []);

  const { importPicked, importByDialog, followJob } = importer;
  const startPicked = useCallback(
    (picked: PickedSet) => {
      setShowImport(true);
      if (!showsList(window.location.hash)) window.location.hash = '#/';
      void importPicked(picked);
    },
    [importPicked],
  );

  // Desktop menu (renderer/src/desktop): imports, files opened "with Vanthu", Ctrl+F/P, About, Ctrl+B.
  const showImportPanel = () => {
    setShowImport(true);
    if (!showsList(window.location.hash)) window.location.hash = '#/';
  };
  useDesktopMenu({
    importDialog: (mode) => {
      showImportPanel();
      void importByDialog(mode);
    },
    followJob: (jobId) => {
      showImportPanel();
      void followJob(jobId);
    },
    backupDone: () => {
      setSafetyKey((k) => k + 1);
      void loadInfo();
    },
  });

  // Drag-and-drop anywhere on the window. Always cancel the browser's default, which would
  // navigate away to the dropped file.
  useEffect(() => {
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (!e.dataTransfer) return;
      void fromDrop(e.dataTransfer).then((picked) => {
        if (picked.files.length > 0 || picked.skipped > 0) startPicked(picked);
      });
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [startPicked]);

  const canPickPaths = info?.canPickPaths ?? false;
  const busy = importer.state.status === 'reading' || importer.state.status === 'running';

  // In the browser the page itself reads and sends the files: a reload or a closed tab mid-import
  // dropped the files not yet sent, and the reloaded page said nothing. Chromium asks first. Not on
  // the desktop, where the main process reads the files and Electron would silently refuse to close.
  const uploading = busy && info !== null && info.host !== 'desktop';
  useEffect(() => {
    if (!uploading) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [uploading]);
  const panelOpen = showImport || importer.state.status !== 'idle';

  const panel = (closable: boolean) => (
    <ImportPanel
      canPickPaths={canPickPaths}
      state={importer.state}
      onPicked={startPicked}
      onDialog={(mode) => {
        setShowImport(true);
        void importByDialog(mode);
      }}
      onOpen={open}
      onClose={
        closable
          ? () => {
              setShowImport(false);
              importer.reset();
            }
          : undefined
      }
    />
  );

  const emptyScreen = (
    <FirstRun api={api} info={info}>
      {!panelOpen && panel(false)}
    </FirstRun>
  );

  const documentCount = info?.documentCount;

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <a href="#/" className="brand-name">
            Vanthu
          </a>
          <span className="brand-sub">Kho văn bản chỉ đạo</span>
        </div>
        <div className="header-actions">
          <a href="#/safety" className="button" data-testid="safety-link">
            Sao lưu
          </a>
          <a href="#/tasks" className="button">
            Theo dõi nhiệm vụ
          </a>
          <a href="#/settings" className="button">
            Cơ quan
          </a>
          {/* Citation graph (issue #5): renderer/src/graph. */}
          <a href="#/missing" className="button" data-testid="missing-link">
            Văn bản còn thiếu
          </a>
          <a href="#/pending" className="button" data-testid="pending-link">
            Cần xác nhận
          </a>
          {documentCount !== undefined && (
            <span className="doc-count" data-testid="doc-count">
              {documentCount.toLocaleString('vi-VN')} văn bản
            </span>
          )}
          <button
            type="button"
            className="button primary"
            onClick={() => {
              if (!showsList(window.location.hash)) {
                window.location.hash = '#/';
                setShowImport(true);
              } else if (panelOpen && !busy) {
                setShowImport(false);
                importer.reset();
              } else {
                setShowImport(true);
              }
            }}
            aria-expanded={panelOpen}
            data-testid="import-toggle"
          >
            Nhập văn bản
          </button>
        </div>
      </header>

      <main className="app-main">
        {infoError && <ErrorMessage error={infoError} />}
        {/* Safety (issue #7): stale-backup banner; #/safety and #/history/ID cover the page. */}
        <SafetyLayer
          key={safetyKey}
          api={api}
          desktop={info?.host === 'desktop'}
          onDocumentsChanged={documentsChanged}
        />
        {/* Citation graph (issue #5): #/graph/ID, #/missing and #/pending cover the page. */}
        <GraphLayer api={api} />
        {route.name === 'tasksheet' ? (
          <TaskSheetView api={api} documentId={route.id} desktop={info?.host === 'desktop'} />
        ) : route.name === 'tasks' ? (
          <DashboardView api={api} />
        ) : route.name === 'settings' ? (
          <SettingsView api={api} />
        ) : route.name === 'about' ? (
          <AboutView api={api} />
        ) : route.name === 'doc' ? (
          <DocumentView
            api={api}
            id={route.id}
            onBack={back}
            onDeleted={() => {
              documentsChanged();
              back();
            }}
          />
        ) : (
          <div className="list-page">
            {panelOpen && panel(true)}
            <SearchView api={api} onOpen={open}>
              <DocumentList
                api={api}
                sort={sort}
                onSortChange={setSort}
                onOpen={open}
                refreshKey={refreshKey}
                focusId={lastOpened}
                empty={emptyScreen}
              />
            </SearchView>
          </div>
        )}
      </main>

      {info && (
        <footer className="app-footer">
          <span title={info.location}>Kho: {info.location}</span>
          <a href="#/about" data-testid="about-link">
            Vanthu {info.appVersion}
          </a>
        </footer>
      )}

      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">Thả tệp hoặc thư mục vào đây để nhập vào kho</div>
        </div>
      )}
    </div>
  );
}
