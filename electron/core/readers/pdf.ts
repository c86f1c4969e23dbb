/**
 * .pdf via unpdf (bundled pdf.js), run in a worker thread: pdf.js is ESM-only, which a worker
 * loads natively (also under Jest's CommonJS runtime), and a worker can be killed when a file
 * takes too long, so the timeout is real rather than a race the parser keeps running behind.
 */
import { Worker } from 'node:worker_threads';
import { ReaderError, WARNINGS, type RawRead } from './common';
import { accentedTokens } from './text';

// One long-lived worker serves PDFs one at a time: loading pdf.js costs ~100 ms, too much to
// pay per file in a bulk import. A request that overruns its time kills the worker; the next
// request starts a fresh one.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const loading = import(pathToFileURL(workerData.unpdf).href);
parentPort.on('message', async ({ id, bytes }) => {
  try {
    const unpdf = await loading;
    const pdf = await unpdf.getDocumentProxy(bytes, { isEvalSupported: false, verbosity: 0 });
    try {
      const r = await unpdf.extractText(pdf, { mergePages: false });
      parentPort.postMessage({ id, ok: true, pages: r.text, totalPages: r.totalPages });
    } finally {
      pdf.destroy();
    }
  } catch (e) {
    parentPort.postMessage({ id, ok: false, name: e && e.name, message: String((e && e.message) || e) });
  }
});
`;

/** Heap cap for the PDF worker: a hostile file exhausts the worker, not the app. */
const WORKER_HEAP_MB = 768;

let unpdfPath: string | null = null;
function resolveUnpdf(): string {
  unpdfPath ??= require.resolve('unpdf');
  return unpdfPath;
}

interface WorkerReply {
  id: number;
  ok: boolean;
  pages?: string[];
  totalPages?: number;
  name?: string;
  message?: string;
}

interface Job {
  bytes: Uint8Array;
  timeoutMs: number;
  resolve: (r: WorkerReply) => void;
  reject: (e: unknown) => void;
}

let worker: Worker | null = null;
let busy = false;
let nextId = 1;
const queue: Job[] = [];

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { unpdf: resolveUnpdf() },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // An idle worker must not keep the process (CLI, tests) alive.
    worker.unref();
  }
  return worker;
}

function killWorker(): void {
  const w = worker;
  worker = null;
  if (w) void w.terminate();
}

function pump(): void {
  if (busy) return;
  const job = queue.shift();
  if (!job) return;
  busy = true;
  const id = nextId++;
  let w: Worker;
  try {
    w = getWorker();
  } catch {
    busy = false;
    job.reject(new ReaderError('unreadable', 'không khởi động được trình đọc PDF'));
    pump();
    return;
  }
  const done = (fn: () => void): void => {
    clearTimeout(timer);
    w.off('message', onMessage);
    w.off('error', onError);
    w.off('exit', onExit);
    busy = false;
    fn();
    pump();
  };
  const onMessage = (m: WorkerReply): void => {
    if (m.id === id) done(() => job.resolve(m));
  };
  const onError = (): void => {
    killWorker();
    done(() => job.reject(new ReaderError('corrupt', 'trình đọc PDF gặp lỗi')));
  };
  const onExit = (code: number): void => {
    if (worker === w) worker = null;
    done(() => job.reject(new ReaderError('corrupt', `trình đọc PDF dừng bất thường (mã ${code})`)));
  };
  const timer = setTimeout(() => {
    killWorker();
    done(() => job.reject(new ReaderError('timeout', `PDF chưa đọc xong sau ${job.timeoutMs} ms`)));
  }, job.timeoutMs);
  w.on('message', onMessage);
  w.once('error', onError);
  w.once('exit', onExit);
  // A copy: pdf.js takes ownership of the buffer it is given.
  const copy = new Uint8Array(job.bytes);
  w.postMessage({ id, bytes: copy }, [copy.buffer]);
}

function extractInWorker(bytes: Uint8Array, timeoutMs: number): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    queue.push({ bytes, timeoutMs, resolve, reject });
    pump();
  });
}

/** Stops the PDF worker (on app shutdown; it is unref'd, so this is optional). */
export async function closePdfWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

/** Marks left alone after a space ("quy e \u0300n" style splits) are joined back to their letter. */
function joinSplitMarks(s: string): { text: string; joined: number } {
  let joined = 0;
  const text = s.replace(/[ \t]+(\p{M})/gu, (_m, mark: string) => {
    joined++;
    return mark;
  });
  return { text, joined };
}

/**
 * A broken ToUnicode map in an embedded font turns letters into wrong ones ("VĂN PHỊNG",
 * "thơng tin"): many accented tokens are then not Vietnamese syllables. Only reported.
 */
export function looksLikeBrokenGlyphs(text: string): boolean {
  const { accented, malformed } = accentedTokens(text);
  if (accented >= 20 && malformed / accented > 0.15) return true;
  // Well-formed but non-existent spellings of very frequent words (ô→ơ, ò→ị, oá→ố).
  let tells = 0;
  for (const token of text.toLowerCase().split(/[\s,.;:()]+/)) if (GLYPH_TELLS.has(token)) tells++;
  return tells >= 2;
}
const GLYPH_TELLS = new Set(['khơng', 'cơng', 'thơng', 'phịng']);

export async function readPdf(bytes: Uint8Array, timeoutMs: number): Promise<RawRead> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new ReaderError('corrupt', 'không có phần đầu %PDF');
  const reply = await extractInWorker(bytes, timeoutMs);
  if (!reply.ok) {
    if (reply.name === 'PasswordException') throw new ReaderError('unreadable', 'PDF có mật khẩu');
    // pdf.js's message is English («Invalid PDF structure.»): the clerk reads the row's reason.
    throw new ReaderError('corrupt', 'PDF hỏng, cấu trúc tệp không đọc được');
  }
  const pages = reply.pages ?? [];
  const warnings: string[] = [];
  const split = joinSplitMarks(pages.join('\n\f\n').replace(/\n\f\n/g, '\n'));
  if (split.joined > 0) warnings.push(WARNINGS.pdfSplit);
  const letters = split.text.match(/\p{L}/gu)?.length ?? 0;
  // A scan has no text layer, or a few stray characters (page numbers stamped by the scanner).
  const scanned = letters < 20 * Math.max(1, Math.min(pages.length, 3)) && letters < 200;
  if (scanned)
    return { text: letters === 0 ? '' : split.text, encoding: 'pdf', warnings: [WARNINGS.scanned], scanned: true };
  return { text: split.text, encoding: 'pdf', warnings };
}
