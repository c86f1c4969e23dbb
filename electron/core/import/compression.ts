/**
 * Compact storage of what the import derives from a document's text (migrations 0080 and 0110).
 *
 * Originals: `originals.compression` says how a row's bytes are stored; 0 (or NULL: rows written
 * before 0080, trash restores, bundle imports) means raw, 1 raw DEFLATE, 2 raw DEFLATE with the
 * document's stored text (UTF-8) as preset dictionary, 3 the text's UTF-8 followed by the stored
 * bytes. A plain-text file is its text give or take a BOM, line ends or a trailing newline, so with
 * the text as dictionary it shrinks to a few dozen bytes of back-references, yet any byte the reader
 * changed is still spelled out: nothing is assumed about how the reader normalised it, and `vanthu
 * check` hashes the rebuilt bytes against the original SHA-256. The commonest file of all, a UTF-8
 * text whose only change was trimming the final newline, is code 3: a byte comparison finds it, and
 * the row keeps the newline alone, with no DEFLATE pass at either end. The text is never rewritten
 * after import (a trigger of 0110 refuses it).
 *
 * Parse results: `documents.parse_packed` holds the parser's output as JSON, raw DEFLATE with the
 * same dictionary (citation texts are spans of the text: they become back-references); `parse_json`
 * then keeps only the recipients, which SQL reads with json_extract. NULL parse_packed (rows before
 * 0110, trash and bundle rows) means parse_json holds the whole result. Since 0170 a task whose text
 * is the tail of its span is written with the text's length instead (withSpannedTexts): task texts
 * were 60 % of the JSON's bytes, and stringifying, encoding and deflating them cost more than the
 * back-references saved. Rows written before hold every text as a string and read as they did.
 *
 * Document text (migration 0130): `documents.text_packed` holds the text's UTF-8 as raw DEFLATE and
 * `documents.text` is ''; NULL text_packed (rows before 0130, trash and bundle rows, texts that do
 * not survive UTF-8 or do not shrink) means `text` holds it. The dictionary of the two codecs above
 * is always the decoded text, so they do not care how the text itself is stored.
 *
 * All are encoded in the import worker. The text and an original stored DEFLATE against it (code
 * 2) are checked by inflating them there, so neither is stored in a form this module does not read
 * back to the same bytes: a code 2 or 3 original is rebuilt from the text, the only copy of either.
 * Plain DEFLATE originals (code 1) never were, and the parse result no longer is (encodeParse says
 * why); `vanthu check` hashes every original and text against its import SHA-256.
 */
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';
import type { ParseResult, Task } from '../../../shared/model/directive';
import { taskTextFrom } from './derived';

export const COMPRESSION_RAW = 0;
export const COMPRESSION_DEFLATE_RAW = 1;
export const COMPRESSION_DEFLATE_TEXT = 2;
export const COMPRESSION_TEXT_THEN_TAIL = 3;

/**
 * Level 3 rather than zlib's default 6: on 3,000 generated directives the three encoders and their
 * checks cost ~20 % less CPU (0.20 against 0.25 ms a file) for 5.6 % more packed bytes (2.44
 * against 2.31 KB a document, ~1 % of an archive at 2.2 times its corpus). Levels are not recorded: raw inflate reads any level and any window up to 15 bits, so
 * rows written at level 6 and at level 3 read back alike.
 */
const LEVEL = { level: 3, strategy: constants.Z_DEFAULT_STRATEGY };

/** Beyond this a tail after the text is worth a DEFLATE pass to find out whether it shrinks. */
const MAX_TAIL = 64;

// Only a surrogate code unit can be lone; a text without any is well-formed UTF-16.
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The dictionary for a text (its UTF-8), or null when the text would not read back from SQLite as
 * the same string (a lone surrogate becomes U+FFFD on the way in) or is empty (zlib refuses an
 * empty one). The three encoders share one: prepare.ts computes it once per file and passes it on.
 */
export function textDictionary(text: string): Buffer | null {
  return dictionaryIn(text, null);
}

/**
 * Calls `use` with textDictionary(text) held in a buffer reused from call to call: `use` must not
 * keep it, nor anything that shares its memory. An import encodes every text's UTF-8, and writing
 * it into a buffer kept for the purpose costs a third of Buffer.from (~5 against ~14 µs for a
 * 6 KB text), which also leaves one more buffer a file for the collector.
 */
export function withTextDictionary<T>(text: string, use: (dict: Buffer | null) => T): T {
  if (dictionaryScratch.lent) return use(textDictionary(text));
  dictionaryScratch.lent = true;
  try {
    return use(dictionaryIn(text, dictionaryScratch));
  } finally {
    dictionaryScratch.lent = false;
  }
}

/** A buffer for UTF-8 that lives only as long as one call; `lent` while withTextDictionary's caller holds it. */
interface Scratch {
  bytes: Buffer;
  lent: boolean;
}
/** Larger texts get a buffer of their own rather than keeping one this size for the thread's life. */
const MAX_SCRATCH = 1 << 22;
const dictionaryScratch: Scratch = { bytes: Buffer.alloc(0), lent: false };
const jsonScratch: Scratch = { bytes: Buffer.alloc(0), lent: false };

/** The UTF-8 of `s`: a view of `scratch` when given and large enough, else a buffer of its own. */
function utf8Of(s: string, scratch: Scratch | null): Buffer {
  // A UTF-16 unit never takes more than three bytes of UTF-8.
  const most = 3 * s.length;
  if (!scratch || most > MAX_SCRATCH) return Buffer.from(s, 'utf8');
  if (scratch.bytes.byteLength < most) scratch.bytes = Buffer.allocUnsafe(Math.max(most, 1 << 16));
  return scratch.bytes.subarray(0, scratch.bytes.write(s, 'utf8'));
}

function dictionaryIn(text: string, scratch: Scratch | null): Buffer | null {
  if (text === '') return null;
  const dict = utf8Of(text, scratch);
  // Decoding the bytes again to compare cost as much as encoding them; it can only differ for a
  // text with surrogates, so only such a text (an emoji, a lone surrogate) pays for it.
  if (!SURROGATE.test(text)) return dict;
  return dict.toString('utf8') === text ? dict : null;
}

/** `dict` as passed by a caller that computed textDictionary(text) already, else computed here. */
function dictionaryOf(text: string, dict: Buffer | null | undefined): Buffer | null {
  return dict === undefined ? textDictionary(text) : dict;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return (
    Buffer.compare(
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    ) === 0
  );
}

/**
 * The text and a short tail when the file is that (no DEFLATE pass), else the smallest of raw,
 * DEFLATE and DEFLATE against the text. Compression is only kept when it saves at least 10 %
 * (scans and .docx are compressed already).
 */
export function encodeOriginal(
  bytes: Uint8Array,
  text = '',
  dictionary?: Buffer | null,
): { bytes: Uint8Array; compression: number } {
  if (bytes.byteLength < 64) return { bytes, compression: COMPRESSION_RAW };
  let best: { bytes: Uint8Array; compression: number } = { bytes, compression: COMPRESSION_RAW };
  const limit = bytes.byteLength * 0.9;
  const dict = dictionaryOf(text, dictionary);
  const tail = dict ? bytes.byteLength - dict.byteLength : -1;
  if (dict && tail >= 0 && tail <= Math.min(MAX_TAIL, limit)) {
    if (sameBytes(bytes.subarray(0, dict.byteLength), dict))
      return { bytes: new Uint8Array(bytes.subarray(dict.byteLength)), compression: COMPRESSION_TEXT_THEN_TAIL };
  }
  // A file much larger than its text (a PDF, a .docx with images) is not its text: one pass only.
  if (dict && bytes.byteLength <= 2 * dict.byteLength + 4096) {
    const packed = deflateRawSync(bytes, { ...LEVEL, dictionary: dict });
    if (packed.byteLength <= limit && sameBytes(inflateRawSync(packed, { dictionary: dict }), bytes)) {
      best = { bytes: new Uint8Array(packed), compression: COMPRESSION_DEFLATE_TEXT };
    }
  }
  // Worth trying alone only when the text did not explain the file (a .doc, a legacy encoding).
  if (best.compression === COMPRESSION_RAW || best.bytes.byteLength > 256) {
    const packed = deflateRawSync(bytes, LEVEL);
    if (packed.byteLength <= Math.min(limit, best.bytes.byteLength - 1)) {
      best = { bytes: new Uint8Array(packed), compression: COMPRESSION_DEFLATE_RAW };
    }
  }
  // Each kept result is a copy with its own ArrayBuffer: the worker transfers it, and zlib's output may share a pool.
  return best;
}

/**
 * The original file's bytes as imported, whatever the row's storage. `text` is the document's
 * stored text, needed by rows stored against it. Throws on an unknown codec or damaged bytes.
 */
export function decodeOriginal(stored: Buffer, compression: number | null | undefined, text?: string | null): Buffer {
  if (!compression) return stored;
  if (compression === COMPRESSION_DEFLATE_RAW) return inflateRawSync(stored);
  if (compression === COMPRESSION_DEFLATE_TEXT || compression === COMPRESSION_TEXT_THEN_TAIL) {
    if (typeof text !== 'string' || text === '') throw new Error('an original stored against its text has no text');
    const utf8 = Buffer.from(text, 'utf8');
    if (compression === COMPRESSION_TEXT_THEN_TAIL) return Buffer.concat([utf8, stored]);
    return inflateRawSync(stored, { dictionary: utf8 });
  }
  throw new Error(`unknown compression ${compression} of an original`);
}

/**
 * What documents.parse_json and parse_packed hold for a parse result of `text`; `dictionary` is
 * textDictionary(text) when the caller has it already.
 */
export function encodeParse(
  parse: ParseResult,
  text: string,
  dictionary?: Buffer | null,
): { json: string; packed: Uint8Array | null } {
  const dict = dictionaryOf(text, dictionary);
  if (!dict) return { json: JSON.stringify(parse), packed: null };
  const { recipients, ...rest } = parse;
  const stored = { ...rest, tasks: withSpannedTexts(parse.tasks, text) };
  // Kept by nothing past this call (zlib copies its input and its dictionary), so a scratch serves.
  // Not inflated again to check it, unlike the text and the original (~10 us a file): raw DEFLATE
  // is lossless by zlib's contract, and the one deflate defect known to have corrupted output
  // (CVE-2018-25032, fixed in 1.2.12; Node 20 bundles 1.3.1) came with the Z_FIXED strategy, which
  // this module does not use. The check would only guard against such a defect, and a parse
  // result is derived from the text: `vanthu reparse` writes it again.
  // tests/electron/import/stored-forms.test.ts round-trips every stored form.
  const packed = deflateRawSync(utf8Of(JSON.stringify(stored), jsonScratch), { ...LEVEL, dictionary: dict });
  return { json: JSON.stringify({ recipients }), packed: new Uint8Array(packed) };
}

/**
 * The tasks as parse_packed holds them (migration 0170): a task whose text is the tail of its span,
 * text[end - n, end), has the length n as its `text`, so the JSON no longer spells out ~70 % of
 * itself; any other text stays a string. Spread rather than rebuilt, so the keys keep the parser's
 * order and the decoder's JSON.stringify writes what the parser's would have.
 */
function withSpannedTexts(tasks: readonly Task[], text: string): StoredTask[] {
  return tasks.map((task) => ({
    ...task,
    text: taskTextFrom(task, text) === null ? task.text : task.text.length,
    // Left as it came when empty or missing, so the decoder writes out what was given.
    children: task.children?.length ? withSpannedTexts(task.children, text) : task.children,
  }));
}

type StoredTask = Omit<Task, 'text' | 'children'> & { text: string | number; children: StoredTask[] };

/** The reverse of withSpannedTexts, in place on a freshly parsed copy. */
function expandSpannedTexts(tasks: StoredTask[] | undefined, text: string): void {
  if (!Array.isArray(tasks)) return;
  for (const task of tasks) {
    if (typeof task.text === 'number') task.text = text.slice(task.end - task.text, task.end);
    expandSpannedTexts(task.children, text);
  }
}

/**
 * A task text stored as its length: `"text":` then a digit. A JSON string escapes every quote, so
 * this can only be a key and its value; rows written before 0170 never have it.
 */
const SPANNED_TEXT = /"text":\d/;

/** The packed part of a parse result as JSON, its task texts spelled out again. */
function restJson(packed: Buffer, text: string): string {
  const rest = inflateRest(packed, text);
  return SPANNED_TEXT.test(rest) ? JSON.stringify(expanded(rest, text)) : rest;
}

function inflateRest(packed: Buffer, text: string): string {
  return inflateRawSync(packed, { dictionary: Buffer.from(text, 'utf8') }).toString('utf8');
}

function expanded(restJson: string, text: string): Record<string, unknown> {
  const rest = JSON.parse(restJson) as { tasks?: StoredTask[] };
  expandSpannedTexts(rest.tasks, text);
  return rest;
}

function recipientsOf(json: string): unknown {
  return (JSON.parse(json) as { recipients?: unknown }).recipients ?? [];
}

/** The parse result's JSON as the parser wrote it (keys may come in another order). Throws when damaged. */
export function decodeParseJson(json: string, packed: Buffer | null | undefined, text: string): string {
  if (!packed) return json;
  const rest = restJson(packed, text);
  // Spliced rather than parsed and re-serialised: readers parse it once anyway.
  const head = JSON.stringify({ recipients: recipientsOf(json) }).slice(0, -1);
  return rest === '{}' ? `${head}}` : `${head},${rest.slice(1)}`;
}

/** JSON.parse(decodeParseJson(…)), without writing out and reading again a JSON that had spans. */
export function decodeParse(json: string, packed: Buffer | null | undefined, text: string): unknown {
  if (!packed) return JSON.parse(json);
  return { recipients: recipientsOf(json), ...expanded(inflateRest(packed, text), text) };
}

/**
 * documents.text_packed for a text, or null when the text is to be stored as it is; `dictionary`
 * is textDictionary(text) when the caller has it already.
 */
export function encodeText(text: string, dictionary?: Buffer | null): Uint8Array | null {
  const raw = dictionaryOf(text, dictionary);
  if (!raw) return null;
  const packed = deflateRawSync(raw, LEVEL);
  // Checked (~13 us a file) though zlib does not need it (encodeParse): a defect would lose the
  // text, and with it an original stored against the text, and `vanthu check` would only find it
  // after the file that came in is gone.
  if (packed.byteLength >= raw.byteLength || !sameBytes(inflateRawSync(packed), raw)) return null;
  return new Uint8Array(packed);
}

/** A documents row's text, whichever way it is stored. Throws when the packed bytes are damaged. */
export function decodeText(text: string, packed: Buffer | null | undefined): string {
  return packed ? inflateRawSync(packed).toString('utf8') : text;
}
