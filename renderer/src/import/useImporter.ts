/**
 * Runs an import and reports its progress. Browser uploads go in batches that stay under the
 * host's request limit; each batch is an import job polled every 250 ms, and the progress shown is
 * the sum over batches, so the user sees one import of N files.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VanthuApi } from '../../../shared/api/contract';
import { MAX_UPLOAD_BASE64 } from '../../../shared/api/contract';
import { apiError, IMPORT_FAILURE_MESSAGES, type ApiError } from '../../../shared/api/errors';
import type { ImportFileResult, ImportProgress } from '../../../shared/model/archive';
import { readBase64, type PickedSet } from './files';
import { ImportResultLog } from './resultLog';

export interface ImportState {
  status: 'idle' | 'reading' | 'running' | 'done';
  total: number;
  done: number;
  current: string | null;
  /**
   * While reading: 1-based place of `current` among the picked files. Reading runs a batch ahead of
   * `done`, so the label said «Đang đọc 1/600: cv-0155.txt».
   */
  position?: number;
  imported: number;
  duplicates: number;
  failed: number;
  skipped: number;
  /** This import's per-file results, appended to in place; `resultCount` tells a render they grew. */
  results: ImportResultLog;
  resultCount: number;
  error: ApiError | null;
}

export const IDLE_IMPORT: ImportState = {
  status: 'idle',
  total: 0,
  done: 0,
  current: null,
  imported: 0,
  duplicates: 0,
  failed: 0,
  skipped: 0,
  // Never appended to: every import starts its own log.
  results: new ImportResultLog(),
  resultCount: 0,
  error: null,
};

const POLL_MS = 250;
/** Largest original file the archive accepts (same as the core's limit). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Base64 characters per request; the browser host refuses bodies over 80 MB. */
const BATCH_CHARS = 48 * 1024 * 1024;
const BATCH_FILES = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function localFailure(name: string, reasonCode: 'too_large' | 'unreadable'): ImportFileResult {
  return { path: name, status: 'failed', id: null, reasonCode, reason: IMPORT_FAILURE_MESSAGES[reasonCode] };
}

/** Totals of finished batches, to which the running job's progress is added. */
interface Base {
  done: number;
  imported: number;
  duplicates: number;
  failed: number;
  log: ImportResultLog;
}

const startBase = (): Base => ({ done: 0, imported: 0, duplicates: 0, failed: 0, log: new ImportResultLog() });

/** A file the page refuses before sending (too large, unreadable) counts as done and failed. */
function refuseLocally(base: Base, name: string, reasonCode: 'too_large' | 'unreadable'): Base {
  base.log.append([localFailure(name, reasonCode)]);
  return { ...base, done: base.done + 1, failed: base.failed + 1 };
}

// A job's results are in the log already (follow appends them); only its counters add up.
function absorb(base: Base, p: ImportProgress): Base {
  return {
    done: base.done + p.done,
    imported: base.imported + p.imported,
    duplicates: base.duplicates + p.duplicates,
    failed: base.failed + p.failed,
    log: base.log,
  };
}

/** Where following a job left off: the totals with that job's counters in, and why it stopped early. */
interface Followed {
  base: Base;
  total: number;
  error: ApiError | null;
}

/** A state whose results are the base's log; the counters are the caller's. */
function withResults(base: Base, state: Omit<ImportState, 'results' | 'resultCount'>): ImportState {
  return { ...state, results: base.log, resultCount: base.log.length };
}

export function useImporter(api: VanthuApi, onFinished: () => void) {
  const [state, setState] = useState<ImportState>(IDLE_IMPORT);
  const alive = useRef(true);
  const busy = useRef(false);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const update = useCallback((next: ImportState) => {
    if (alive.current) setState(next);
  }, []);

  /**
   * Polls one job to its end, adding its results to the base's log. Returns the base with the job's
   * counters added as far as they were seen, so that after an error the counters still match the
   * results already listed.
   */
  const follow = useCallback(
    async (jobId: string, base: Base, total: number | null, skipped: number): Promise<Followed> => {
      let received = 0;
      let last: ImportProgress | null = null;
      const ended = (error: ApiError | null): Followed => ({
        base: last ? absorb(base, last) : base,
        total: last?.total ?? 0,
        error,
      });
      for (;;) {
        const r = await api.getImportJob({ jobId, since: received });
        if (!r.ok) return ended(r.error);
        const p = r.value;
        last = p;
        base.log.append(p.results);
        received += p.results.length;
        update(
          withResults(base, {
            status: 'running',
            total: total ?? base.done + p.total,
            done: base.done + p.done,
            current: p.current,
            imported: base.imported + p.imported,
            duplicates: base.duplicates + p.duplicates,
            failed: base.failed + p.failed,
            skipped,
            error: null,
          }),
        );
        if (p.state === 'done') return ended(null);
        if (!alive.current) return ended(apiError('INTERNAL', 'đã đóng'));
        await sleep(POLL_MS);
      }
    },
    [api, update],
  );

  const finish = useCallback(
    (base: Base, total: number, skipped: number, error: ApiError | null) => {
      update(
        withResults(base, {
          status: 'done',
          total,
          done: base.done,
          current: null,
          imported: base.imported,
          duplicates: base.duplicates,
          failed: base.failed,
          skipped,
          error,
        }),
      );
      busy.current = false;
      finishedRef.current();
    },
    [update],
  );

  /** Browser host: send the files' bytes. */
  const importPicked = useCallback(
    async (picked: PickedSet) => {
      if (busy.current) return;
      busy.current = true;
      const total = picked.files.length;
      const skipped = picked.skipped;
      let base = startBase();
      if (total === 0) {
        finish(base, 0, skipped, null);
        return;
      }
      update({ ...IDLE_IMPORT, status: 'reading', total, skipped });

      let batch: { name: string; dataBase64: string }[] = [];
      let chars = 0;
      const flush = async (): Promise<ApiError | null> => {
        if (batch.length === 0) return null;
        const files = batch;
        batch = [];
        chars = 0;
        const started = await api.importUploads({ files });
        if (!started.ok) return started.error;
        const followed = await follow(started.value.jobId, base, total, skipped);
        base = followed.base;
        return followed.error;
      };

      for (const [index, { file, name }] of picked.files.entries()) {
        if (file.size > MAX_FILE_BYTES) {
          base = refuseLocally(base, name, 'too_large');
          continue;
        }
        const estimate = Math.ceil(file.size / 3) * 4;
        if (batch.length > 0 && (chars + estimate > BATCH_CHARS || batch.length >= BATCH_FILES)) {
          const error = await flush();
          if (error) {
            finish(base, total, skipped, error);
            return;
          }
        }
        update(
          withResults(base, {
            status: 'reading',
            total,
            done: base.done,
            current: name,
            position: index + 1,
            imported: base.imported,
            duplicates: base.duplicates,
            failed: base.failed,
            skipped,
            error: null,
          }),
        );
        let dataBase64: string;
        try {
          dataBase64 = await readBase64(file);
        } catch {
          base = refuseLocally(base, name, 'unreadable');
          continue;
        }
        if (dataBase64.length > MAX_UPLOAD_BASE64) {
          base = refuseLocally(base, name, 'too_large');
          continue;
        }
        batch.push({ name: name.slice(0, 1024), dataBase64 });
        chars += dataBase64.length;
      }
      const error = await flush();
      finish(base, total, skipped, error);
    },
    [api, follow, finish, update],
  );

  /** Desktop host: the main process shows the native dialog and reads the files itself. */
  const importByDialog = useCallback(
    async (mode: 'files' | 'folder') => {
      if (busy.current) return;
      busy.current = true;
      const base = startBase();
      const started = await api.chooseAndImport({ mode });
      if (!started.ok) {
        finish(base, 0, 0, started.error);
        return;
      }
      if (started.value.jobId === null) {
        // The user closed the dialog: nothing to report.
        busy.current = false;
        return;
      }
      update({ ...IDLE_IMPORT, status: 'running' });
      const followed = await follow(started.value.jobId, base, null, 0);
      finish(followed.base, followed.total, 0, followed.error);
    },
    [api, follow, finish, update],
  );

  /** Desktop host: main already started a job (files opened "with Vanthu"); show its progress. */
  const followJob = useCallback(
    async (jobId: string) => {
      if (busy.current) return;
      busy.current = true;
      const base = startBase();
      update({ ...IDLE_IMPORT, status: 'running' });
      const followed = await follow(jobId, base, null, 0);
      finish(followed.base, followed.total, 0, followed.error);
    },
    [follow, finish, update],
  );

  const reset = useCallback(() => {
    if (!busy.current) setState(IDLE_IMPORT);
  }, []);

  return { state, importPicked, importByDialog, followJob, reset };
}
