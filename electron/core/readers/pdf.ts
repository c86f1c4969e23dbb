/**
 * .pdf via unpdf (bundled pdf.js), run in a worker thread: pdf.js is ESM-only, which a worker
 * loads natively (also under Jest's CommonJS runtime), and a worker can be killed when a file
 * takes too long, so the timeout is real rather than a race the parser keeps running behind.
 */
import { Worker } from 'node:worker_threads';
import { ReaderError, WARNINGS, type RawRead } from './common';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
(async () => {
  try {
    const unpdf = await import(pathToFileURL(workerData.unpdf).href);
    const pdf = await unpdf.getDocumentProxy(workerData.bytes, { isEvalSupported: false, verbosity: 0 });
    const r = await unpdf.extractText(pdf, { mergePages: false });
    parentPort.postMessage({ ok: true, pages: r.text, totalPages: r.totalPages });
  } catch (e) {
    parentPort.postMessage({ ok: false, name: e && e.name, message: String(e && e.message || e) });
  }
})();
`;

let unpdfPath: string | null = null;
function resolveUnpdf(): string {
  unpdfPath ??= require.resolve('unpdf');
  return unpdfPath;
}

interface WorkerReply {
  ok: boolean;
  pages?: string[];
  totalPages?: number;
  name?: string;
  message?: string;
}

function extractInWorker(bytes: Uint8Array, timeoutMs: number): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const copy = new Uint8Array(bytes); // pdf.js may detach the buffer it is given
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes: copy, unpdf: resolveUnpdf() } });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new ReaderError('timeout', `PDF chưa đọc xong sau ${timeoutMs} ms`))),
      timeoutMs,
    );
    worker.once('message', (m: WorkerReply) => finish(() => resolve(m)));
    worker.once('error', (e) => finish(() => reject(new ReaderError('corrupt', `lỗi khi đọc PDF: ${e.message}`))));
    worker.once('exit', (code) =>
      finish(() => reject(new ReaderError('corrupt', `trình đọc PDF dừng bất thường (mã ${code})`))),
    );
  });
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

export async function readPdf(bytes: Uint8Array, timeoutMs: number): Promise<RawRead> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new ReaderError('corrupt', 'không có phần đầu %PDF');
  const reply = await extractInWorker(bytes, timeoutMs);
  if (!reply.ok) {
    if (reply.name === 'PasswordException') throw new ReaderError('unreadable', 'PDF có mật khẩu');
    throw new ReaderError('corrupt', `PDF hỏng: ${reply.message ?? 'không rõ lỗi'}`);
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
