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

export function useDocumentPages(api: VanthuApi, sort: SortOrder, refreshKey: number): DocumentPages {
  const [pages, setPages] = useState<Map<number, DocumentSummary[]>>(() => new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const loading = useRef(new Set<number>());

  const load = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const r = await api.listDocuments({ sort, limit: PAGE_SIZE, offset: page * PAGE_SIZE });
      if (gen !== generation.current) return;
      loading.current.delete(page);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setError(null);
      setTotal(r.value.total);
      setPages((prev) => {
        const next = new Map(prev);
        next.set(page, r.value.items);
        return next;
      });
    },
    [api, sort],
  );

  useEffect(() => {
    const gen = ++generation.current;
    loading.current = new Set();
    setPages(new Map());
    void load(0, gen);
  }, [load, refreshKey]);

  const ensure = useCallback(
    (from: number, to: number) => {
      const first = Math.floor(Math.max(0, from) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, to) / PAGE_SIZE);
      for (let p = first; p <= last; p++) {
        if (!pages.has(p)) void load(p, generation.current);
      }
    },
    [pages, load],
  );

  const row = useCallback(
    (index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  );

  return { total, error, row, ensure };
}
