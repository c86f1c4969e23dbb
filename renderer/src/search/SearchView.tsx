/**
 * Search (issue #4): the box with suggestions and history, facets that filter by adding a field
 * to the query, relevance/date sort, a virtualized result list that pages on demand (smooth through
 * 10,000 hits), saved searches, and export of the list as a register (CSV or a printable page).
 * When the box is empty the children (the plain document list) are shown instead.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import {
  SAVED_SEARCH_NAME_MAX,
  type FacetCount,
  type HistoryEntry,
  type SavedSearch,
  type SearchHit,
  type SearchResponse,
  type SearchSort,
  type Suggestion,
} from '../../../shared/search/types';
import { exportedCountText } from '../../../shared/search/export';
import { fillFilter } from '../../../shared/search/query';
import { downloadBlob } from '../download';
import { errorText, formatDate, LEVEL_LABELS } from '../format';
import { ErrorMessage } from '../views/ErrorMessage';
import './search.css';

const PAGE = 100;
const ROW_HEIGHT = 112;

interface Props {
  api: VanthuApi;
  onOpen(id: number): void;
  children?: ReactNode;
}

/** Snippet text with its highlight ranges as <mark>. */
export function Highlighted({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([a, b], i) => {
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={i}>{text.slice(a, b)}</mark>);
    at = b;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

const LEVEL_FILTER: Record<string, string> = { central: 'tw', province: 'tinh', district: 'huyen', commune: 'xa' };

function filterFor(kind: 'type' | 'issuer' | 'year' | 'level', value: string): string {
  const q = (v: string) => (/\s/.test(v) ? `"${v.replace(/"/g, '')}"` : v);
  if (kind === 'type') return `loai:${q(value)}`;
  if (kind === 'issuer') return `coquan:${q(value)}`;
  if (kind === 'year') return `nam:${value}`;
  return `cap:${LEVEL_FILTER[value] ?? value}`;
}

const phrase = (v: string) => `"${v.replace(/"/g, ' ').trim()}"`;

/** How each kind of suggestion is labelled, and what picking it searches for. */
const SUGGESTION_KINDS: Record<Suggestion['kind'], { label: string; title: string; query(s: Suggestion): string }> = {
  ref: { label: 'Số', title: 'Số, ký hiệu văn bản', query: (s) => s.text },
  issuer: { label: 'Cơ quan', title: 'Cơ quan ban hành', query: (s) => `coquan:${phrase(s.text)}` },
  // An agency is named in the text of the directives that give it tasks, not in a field, and
  // not always the same way.
  agency: {
    label: 'Đơn vị',
    title: 'Cơ quan, đơn vị được giao nhiệm vụ',
    query: (s) => [s.text, ...(s.alsoWritten ?? [])].map(phrase).join(' OR '),
  },
  subject: { label: 'Trích yếu', title: 'Trích yếu nội dung', query: (s) => s.text },
  type: { label: 'Loại', title: 'Loại văn bản', query: (s) => `loai:${phrase(s.text)}` },
  signer: { label: 'Người ký', title: 'Người ký văn bản', query: (s) => `nguoiky:${phrase(s.text)}` },
  // Offered only for a `nam:`, `cap:`, `tu:` or `den:` being typed (picking one fills in that filter).
  year: { label: 'Năm', title: 'Năm ban hành', query: (s) => `nam:${s.text}` },
  level: { label: 'Cấp', title: 'Cấp ban hành', query: (s) => `cap:${s.text}` },
  date: { label: 'Ngày', title: 'Ngày ban hành (ngày/tháng/năm)', query: (s) => `tu:${s.text}` },
};

/**
 * What picking a suggestion searches for: a value for the filter being typed completes that filter
 * and keeps the rest of the box (`bão coquan:huy` → `bão coquan:"Huyện ủy An Lão"`); any other
 * suggestion is searched for on its own.
 */
function pickedQuery(s: Suggestion, typed: string): string {
  return s.filter ? fillFilter(typed, s.filter, s.text) : SUGGESTION_KINDS[s.kind].query(s);
}

function printHtml(html: string): void {
  // A hidden frame: no new window (the desktop app refuses window.open).
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.srcdoc = html;
  frame.onload = () => {
    // The frame inherits the page's CSP (style-src 'self'), which blocks the register's <style>:
    // it printed without its table rules, title or A4 landscape page. CSSOM is allowed, so its
    // rules are applied as a constructed stylesheet (as useSheetCss does for task sheets).
    const win = frame.contentWindow as (Window & typeof globalThis) | null;
    const doc = frame.contentDocument;
    if (win && doc) {
      const css = Array.from(doc.querySelectorAll('style'), (el) => el.textContent ?? '').join('\n');
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(css);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    }
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60000);
  };
  document.body.appendChild(frame);
}

/** The name offered when saving: the query itself, cut to a readable label (a paste ran to 10,000 characters). */
function defaultSavedName(query: string, max = 80): string {
  const q = query.replace(/\s+/g, ' ').trim();
  return q.length > max ? `${q.slice(0, max - 1).trimEnd()}…` : q;
}

/**
 * The search shown on this history entry, kept in `history.state`: opening a hit leaves the page
 * (#/doc/ID), and «Quay lại» or the browser's Back returns to this entry, which shows it again.
 * A fresh visit to #/ (the Vanthu link) is a new entry and starts empty.
 */
interface RememberedSearch {
  query: string;
  sort: SearchSort;
}

function rememberedSearch(): RememberedSearch {
  const state: unknown = window.history.state;
  const saved =
    state && typeof state === 'object' ? (state as { vanthuSearch?: Partial<RememberedSearch> }).vanthuSearch : null;
  return {
    query: typeof saved?.query === 'string' ? saved.query : '',
    sort: saved?.sort === 'date' ? 'date' : 'relevance',
  };
}

function rememberSearch(search: RememberedSearch): void {
  const state: unknown = window.history.state;
  const base = state && typeof state === 'object' ? state : {};
  window.history.replaceState({ ...base, vanthuSearch: search }, '');
}

export function SearchView({ api, onOpen, children }: Props) {
  const [remembered] = useState(rememberedSearch);
  const [input, setInput] = useState(remembered.query);
  const [query, setQuery] = useState(remembered.query);
  const [sort, setSort] = useState<SearchSort>(remembered.sort);
  useEffect(() => rememberSearch({ query, sort }), [query, sort]);
  const [first, setFirst] = useState<SearchResponse | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [saved, setSaved] = useState<SavedSearch[]>([]);
  const [showDrop, setShowDrop] = useState(false);
  /** Suggestion chosen with ↑/↓ (−1: none; Enter then searches what was typed). */
  const [active, setActive] = useState(-1);
  /** The list closes a moment after the box loses focus (so a click on an item lands first); focus or typing cancels that. */
  const blurTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepDropOpen = () => {
    if (blurTimer.current) clearTimeout(blurTimer.current);
    blurTimer.current = null;
    setShowDrop(true);
  };
  const [saveName, setSaveName] = useState<string | null>(null);
  const pages = useRef(new Map<number, SearchHit[]>());
  const loading = useRef(new Set<number>());
  const [, setTick] = useState(0);
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const refreshLists = useCallback(() => {
    void api.searchHistory({ limit: 20 }).then((r) => r.ok && setHistory(r.value));
    void api.listSavedSearches({}).then((r) => r.ok && setSaved(r.value));
  }, [api]);
  useEffect(refreshLists, [refreshLists]);

  // Run a search: page 0 with facets; then, when the count was capped, the exact count in the background.
  useEffect(() => {
    const gen = ++generation.current;
    pages.current = new Map();
    loading.current = new Set();
    setError(null);
    if (!query.trim()) {
      setFirst(null);
      setTotal(0);
      return;
    }
    void api.search({ query, sort, limit: PAGE, offset: 0 }).then((r) => {
      if (gen !== generation.current) return;
      if (!r.ok) {
        setError(r.error);
        setFirst(null);
        setTotal(0);
        return;
      }
      pages.current.set(0, r.value.items);
      // A new query or order starts at its first hit, not where the previous list was scrolled to.
      if (scrollRef.current) scrollRef.current.scrollTop = 0;
      setFirst(r.value);
      setTotal(r.value.total);
      refreshLists();
      if (!r.value.totalExact) {
        void api.search({ query, sort, limit: 1, offset: 0, exactTotal: true, facets: false }).then((c) => {
          if (gen === generation.current && c.ok) setTotal(Math.min(c.value.total, 100000));
        });
      }
    });
  }, [api, query, sort, refreshLists]);

  const ensurePage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || loading.current.has(page) || !query.trim()) return;
      loading.current.add(page);
      const gen = generation.current;
      void api.search({ query, sort, limit: PAGE, offset: page * PAGE, facets: false }).then((r) => {
        if (gen !== generation.current) return;
        loading.current.delete(page);
        if (r.ok) {
          pages.current.set(page, r.value.items);
          setTick((t) => t + 1);
        }
      });
    },
    [api, query, sort],
  );

  // Suggestions as you type (debounced).
  useEffect(() => {
    if (!input.trim()) {
      setSuggestions([]);
      return;
    }
    const timer = setTimeout(() => {
      void api.suggest({ prefix: input, limit: 8 }).then((r) => r.ok && setSuggestions(r.value));
    }, 120);
    return () => clearTimeout(timer);
  }, [api, input]);

  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    for (const it of items) ensurePage(Math.floor(it.index / PAGE));
  }, [items, ensurePage]);

  const run = (q: string) => {
    setInput(q);
    setQuery(q);
    setShowDrop(false);
  };
  const addFilter = (kind: 'type' | 'issuer' | 'year' | 'level', value: string) => {
    const filter = filterFor(kind, value);
    // The facet of a filter already typed still lists its value (every hit has it): a second click
    // must not add it again.
    if (` ${query} `.includes(` ${filter} `)) return;
    run(`${query} ${filter}`.trim());
  };

  /** Said when an export holds only the first of the results (10,000 at most a time). */
  const [exportNote, setExportNote] = useState<{ query: string; text: string } | null>(null);
  /**
   * The export under way: its buttons wait for it (a double click gave two downloads or two print
   * dialogs). The ref guards clicks that come before the page re-renders.
   */
  const [exporting, setExporting] = useState<'csv' | 'html' | null>(null);
  const exportingRef = useRef(false);
  const exportAs = async (format: 'csv' | 'html') => {
    if (exportingRef.current) return;
    exportingRef.current = true;
    setExporting(format);
    try {
      await exportResultsAs(format);
    } finally {
      exportingRef.current = false;
      setExporting(null);
    }
  };
  const exportResultsAs = async (format: 'csv' | 'html') => {
    const r = await api.exportResults({ query, sort, format });
    if (!r.ok) return setError(r.error);
    const { count, total, totalExact } = r.value;
    setExportNote(
      total > count || !totalExact
        ? {
            query,
            text: `${format === 'csv' ? 'Tệp CSV' : 'Danh mục in'} chỉ có ${exportedCountText(count, { total, totalExact })} (mỗi lần xuất tối đa ${count.toLocaleString('vi-VN')} văn bản). Hãy thu hẹp tìm kiếm, ví dụ thêm nam:2021 hoặc loai:"Công văn", rồi xuất từng phần.`,
          }
        : null,
    );
    if (format === 'csv') downloadBlob(r.value.fileName, new Blob([r.value.content], { type: r.value.mimeType }));
    else printHtml(r.value.content);
  };

  const facetGroup = (title: string, kind: 'type' | 'issuer' | 'year' | 'level', values: FacetCount[]) =>
    values.length > 0 && (
      <section className="facet" data-testid={`facet-${kind}`}>
        <h4>{title}</h4>
        <ul>
          {values.map((f) => (
            <li key={f.value}>
              <button type="button" onClick={() => addFilter(kind, f.value)}>
                <span>
                  {kind === 'level' ? (LEVEL_LABELS[f.value as keyof typeof LEVEL_LABELS] ?? f.value) : f.value}
                </span>
                <span className="facet-count">{f.count.toLocaleString('vi-VN')}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    );

  const dropItems: { key: string; label: ReactNode; pick(): void; remove?(): void }[] = input.trim()
    ? suggestions.map((s, i) => ({
        key: `s${i}`,
        label: (
          <>
            <span className={`sg-kind sg-${s.kind}`} title={SUGGESTION_KINDS[s.kind].title}>
              {SUGGESTION_KINDS[s.kind].label}
            </span>{' '}
            {s.text}
            {s.note && <span className="sg-note"> — {s.note}</span>}
          </>
        ),
        pick: () => run(pickedQuery(s, input)),
      }))
    : [
        ...saved.map((s) => ({
          key: `v${s.id}`,
          label: (
            <>
              <span className="sg-kind">Đã lưu</span> {s.name}: {s.query}
            </>
          ),
          pick: () => {
            setSort(s.sort);
            run(s.query);
          },
          remove: () => void api.deleteSavedSearch({ id: s.id }).then(refreshLists),
        })),
        ...history.map((h, i) => ({
          key: `h${i}`,
          label: (
            <>
              <span className="sg-kind">Gần đây</span> {h.query}
            </>
          ),
          pick: () => run(h.query),
        })),
      ];

  const dropOpen = showDrop && dropItems.length > 0;
  useEffect(() => setActive(-1), [showDrop, input]);
  if (active >= dropItems.length && active !== -1) setActive(-1);
  const onBoxKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      // Esc closes an open list; only then would the search box's own Esc also empty the box,
      // throwing away the query and its results.
      if (dropOpen) e.preventDefault();
      setShowDrop(false);
      return;
    }
    if (!dropOpen) {
      if (e.key === 'ArrowDown') setShowDrop(true);
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = dropItems.length;
      // From the box, ↓ goes to the first item and ↑ to the last; past either end, back to the box.
      setActive((a) => (e.key === 'ArrowDown' ? (a + 2) % (n + 1) : (a + n + 1) % (n + 1)) - 1);
    } else if (e.key === 'Enter' && active >= 0 && active < dropItems.length) {
      e.preventDefault();
      dropItems[active]!.pick();
    } else if (e.key === 'Delete' && active >= 0 && dropItems[active]?.remove) {
      e.preventDefault();
      dropItems[active]!.remove!();
    }
  };

  return (
    <div className="search">
      <form
        className="search-bar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          run(input);
        }}
      >
        <div className="search-box">
          <input
            type="search"
            value={input}
            placeholder='Tìm: phong chong dich, "Ban Thường vụ", 571-CV/TU, coquan:UBND nam:2021 …'
            aria-label="Tìm văn bản"
            data-testid="search-input"
            onChange={(e) => {
              setInput(e.target.value);
              keepDropOpen();
              if (!e.target.value) setQuery('');
            }}
            onKeyDown={onBoxKey}
            role="combobox"
            aria-expanded={dropOpen}
            aria-controls="search-suggestions"
            aria-activedescendant={dropOpen && active >= 0 ? `search-sg-${active}` : undefined}
            onFocus={keepDropOpen}
            onBlur={() => {
              if (blurTimer.current) clearTimeout(blurTimer.current);
              blurTimer.current = setTimeout(() => setShowDrop(false), 150);
            }}
          />
          {dropOpen && (
            <ul className="search-drop" role="listbox" id="search-suggestions" data-testid="suggestions">
              {dropItems.map((d, i) => (
                <li
                  key={d.key}
                  id={`search-sg-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : undefined}
                  onMouseEnter={() => setActive(i)}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    d.pick();
                  }}
                >
                  {d.label}
                  {d.remove && (
                    // A saved search could be saved but never removed.
                    <button
                      type="button"
                      className="sg-remove"
                      title="Xóa tìm kiếm đã lưu (phím Delete)"
                      aria-label="Xóa tìm kiếm đã lưu"
                      tabIndex={-1}
                      onMouseDown={(e) => {
                        e.preventDefault();
                        e.stopPropagation();
                        d.remove!();
                      }}
                    >
                      Xóa
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="submit" className="button primary">
          Tìm
        </button>
        {query && (
          <>
            <select value={sort} onChange={(e) => setSort(e.target.value as SearchSort)} aria-label="Sắp xếp">
              <option value="relevance">Liên quan nhất</option>
              <option value="date">Mới nhất</option>
            </select>
            <button type="button" className="button" onClick={() => setSaveName(defaultSavedName(query))}>
              Lưu
            </button>
            <button
              type="button"
              className="button"
              disabled={exporting !== null}
              aria-busy={exporting === 'csv'}
              onClick={() => void exportAs('csv')}
            >
              {exporting === 'csv' ? 'Đang xuất…' : 'Xuất CSV'}
            </button>
            <button
              type="button"
              className="button"
              disabled={exporting !== null}
              aria-busy={exporting === 'html'}
              onClick={() => void exportAs('html')}
            >
              {exporting === 'html' ? 'Đang chuẩn bị…' : 'In danh mục'}
            </button>
          </>
        )}
      </form>
      {exportNote && exportNote.query === query && (
        <p className="search-warning" role="status" data-testid="export-note">
          {exportNote.text}
        </p>
      )}
      {saveName !== null && (
        <form
          className="search-save"
          onSubmit={(e) => {
            e.preventDefault();
            if (!saveName.trim()) return;
            void api.saveSearch({ name: saveName.trim(), query, sort }).then((r) => {
              if (!r.ok) setError(r.error);
              setSaveName(null);
              refreshLists();
            });
          }}
        >
          <label>
            Tên:{' '}
            <input
              autoFocus
              value={saveName}
              maxLength={SAVED_SEARCH_NAME_MAX}
              onChange={(e) => setSaveName(e.target.value)}
            />
          </label>
          <button type="submit" className="button primary" disabled={!saveName.trim()} title="Đặt tên cho tìm kiếm">
            Lưu tìm kiếm
          </button>
          <button type="button" className="button" onClick={() => setSaveName(null)}>
            Hủy
          </button>
        </form>
      )}

      {error &&
        (error.code === 'QUERY_INVALID' && error.detail ? (
          // What was wrong with the query is written for the clerk (shared/search/query.ts), not folded away.
          <div className="error" role="alert" data-testid="error" data-code={error.code}>
            <p>
              {errorText(error)} {error.detail}
            </p>
          </div>
        ) : (
          <ErrorMessage error={error} />
        ))}
      {!query.trim() ? (
        children
      ) : first ? (
        <div className="search-results">
          <aside className="facets">
            {facetGroup('Loại văn bản', 'type', first.facets.type)}
            {facetGroup('Cấp ban hành', 'level', first.facets.level)}
            {facetGroup('Năm', 'year', first.facets.year)}
            {facetGroup('Cơ quan ban hành', 'issuer', first.facets.issuer)}
            {!first.facetsExact && first.total > 0 && <p className="facet-note">Số đếm trên các kết quả mới nhất.</p>}
          </aside>
          <div className="results">
            <p className="results-summary" data-testid="results-summary">
              {total === 0
                ? 'Không tìm thấy văn bản nào.'
                : `${first.totalExact || total > first.total ? '' : 'Hơn '}${total.toLocaleString('vi-VN')} văn bản`}{' '}
              <span className="took">({first.tookMs.toFixed(0)} ms)</span>
            </p>
            {first.warnings.map((w) => (
              <p key={w} className="search-warning">
                {w}
              </p>
            ))}
            {first.didYouMean && (
              <p className="did-you-mean" data-testid="did-you-mean">
                Có phải bạn muốn tìm:{' '}
                <button type="button" className="link" onClick={() => run(first.didYouMean!)}>
                  {first.didYouMean}
                </button>
              </p>
            )}
            <div ref={scrollRef} className="results-scroll" data-testid="results">
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((it) => {
                  const hit = pages.current.get(Math.floor(it.index / PAGE))?.[it.index % PAGE];
                  return (
                    <article
                      key={it.key}
                      className="hit"
                      style={{
                        position: 'absolute',
                        top: 0,
                        left: 0,
                        right: 0,
                        height: ROW_HEIGHT,
                        transform: `translateY(${it.start}px)`,
                      }}
                      onClick={() => hit && onOpen(hit.id)}
                      // Tab reaches a hit and Enter opens it, as in the document list.
                      tabIndex={0}
                      onKeyDown={(e) => {
                        if (hit && (e.key === 'Enter' || e.key === ' ')) {
                          e.preventDefault();
                          onOpen(hit.id);
                        }
                      }}
                      data-testid="hit"
                    >
                      {hit ? (
                        <>
                          <div className="hit-head">
                            <span className="hit-n">{it.index + 1}.</span>
                            <strong className="hit-ref">{hit.ref ?? 'Không số'}</strong>
                            {hit.type && <span>{hit.type}</span>}
                            {hit.date && <span>{formatDate(hit.date)}</span>}
                            {hit.issuer && <span className="hit-issuer">{hit.issuer}</span>}
                          </div>
                          {hit.subject && <div className="hit-subject">{hit.subject}</div>}
                          <div className="hit-snippet">
                            <Highlighted text={hit.snippet} ranges={hit.highlights} />
                          </div>
                        </>
                      ) : (
                        <div className="hit-loading">Đang tải…</div>
                      )}
                    </article>
                  );
                })}
              </div>
            </div>
          </div>
        </div>
      ) : error ? null : (
        <p className="results-summary">Đang tìm…</p>
      )}
    </div>
  );
}
