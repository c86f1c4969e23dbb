/** Loads the document list page by page as rows scroll into view. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { DocumentSummary } from '../../../shared/model/archive';

export type SortOrder = 'date_desc' | 'date_asc' | 'imported_desc';

export const PAGE_SIZE = 200;

export interface DocumentPages {
  total: number | null;
  error: ApiError | null;
  /** The row at `index`, or undefined while its page is loading. */
  row(index: number): DocumentSummary | undefined;
  /** Ask for the pages covering [from, to]. */
  ensure(from: number, to: number): void;
}

interface Loaded {
  /** Sort and refresh the pages belong to; pages of an older key are not shown. */
  key: string;
  pages: Map<number, DocumentSummary[]>;
  total: number | null;
  error: ApiError | null;
}

const NO_PAGES = new Map<number, DocumentSummary[]>();

export function useDocumentPages(api: VanthuApi, sort: SortOrder, refreshKey: number): DocumentPages {
  const key = `${sort}|${refreshKey}`;
  const [data, setData] = useState<Loaded>({ key, pages: new Map(), total: null, error: null });
  const currentKey = useRef(key);
  const requested = useRef(new Set<string>());

  const load = useCallback(
    (page: number, forKey: string): Promise<void> => {
      const tag = `${forKey}#${page}`;
      if (requested.current.has(tag)) return Promise.resolve();
      requested.current.add(tag);
      return api.listDocuments({ sort, limit: PAGE_SIZE, offset: page * PAGE_SIZE }).then((r) => {
        if (currentKey.current !== forKey) return;
        if (!r.ok) {
          requested.current.delete(tag);
          setData((prev) => ({ ...prev, error: r.error }));
          return;
        }
        setData((prev) => {
          const pages = new Map(prev.key === forKey ? prev.pages : NO_PAGES);
          pages.set(page, r.value.items);
          return { key: forKey, pages, total: r.value.total, error: null };
        });
      });
    },
    [api, sort],
  );

  useEffect(() => {
    currentKey.current = key;
    requested.current = new Set();
    void load(0, key);
  }, [key, load]);

  const pages = data.key === key ? data.pages : NO_PAGES;

  const ensure = useCallback(
    (from: number, to: number) => {
      const first = Math.floor(Math.max(0, from) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, to) / PAGE_SIZE);
      for (let p = first; p <= last; p++) {
        if (!pages.has(p)) void load(p, key);
      }
    },
    [pages, load, key],
  );

  const row = useCallback((index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages]);

  return { total: data.total, error: data.error, row, ensure };
}
