/**
 * The task sheet of one directive: the parser's tasks as rows, with the clerk's edits kept apart
 * (StoredSheet) and applied on top. Edits name their parsed tasks by text, so a re-parse that
 * renumbers tasks keeps every edit on its task; a task whose text changed goes to the most similar
 * unclaimed parsed task (word overlap at least REWORDED_MIN), and a row whose tasks are all gone
 * stays, marked stale, with the clerk's text.
 */
import type { TaskDeadline } from '../model/directive';
import { foldVi } from '../text/vietnamese';
import type { ParsedTaskRow, SheetEdit, SheetItem, StoredSheet } from './types';

/**
 * Blanks that `/\s+/g → ' '` would change: a run of two or more, or one that is not a space. Single
 * spaces, most of a text's blanks, are left alone instead of each replaced by itself (5× faster on
 * task texts; a dashboard at 100k keys ~120,000 of them).
 */
const BLANKS_TO_SQUEEZE = /[^\S ]\s*|\s{2,}/g;

/** foldVi decomposes before it strips marks, so NFC and NFD spellings of a text fold alike. */
export function fingerprint(text: string): string {
  return foldVi(text).replace(BLANKS_TO_SQUEEZE, ' ').trim();
}

/** FNV-1a, 32 bits, hex: short stable keys from task text. */
function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The order of a sheet's rows: each task followed by its sub-tasks, so a child's label stays visible
 * under its parent's STT. Generic so that the dashboard can number rows it reads without their text.
 */
export function sheetOrder<R extends { ordinal: number; parentOrdinal: number | null }>(rows: readonly R[]): R[] {
  const children = new Map<number, R[]>();
  const top: R[] = [];
  for (const row of [...rows].sort((x, y) => x.ordinal - y.ordinal)) {
    if (row.parentOrdinal === null) top.push(row);
    else children.set(row.parentOrdinal, [...(children.get(row.parentOrdinal) ?? []), row]);
  }
  const out: R[] = [];
  const walk = (row: R) => {
    out.push(row);
    for (const child of children.get(row.ordinal) ?? []) walk(child);
  };
  top.forEach(walk);
  // Orphans (a parent ordinal that does not exist) still appear.
  if (out.length < rows.length) {
    const placed = new Set(out);
    for (const row of rows) if (!placed.has(row)) out.push(row);
  }
  return out;
}

/**
 * Share of words two versions of a task have in common (Jaccard over folded words) above which a
 * re-parsed task is taken to be the same task reworded: a corrected OCR word or a changed
 * deadline keeps well above it; two different tasks of one directive rarely reach it.
 */
const REWORDED_MIN = 0.6;

function words(text: string): Set<string> {
  return new Set(
    fingerprint(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
}

function similarity(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  const total = a.size + b.size - common;
  return total === 0 ? 0 : common / total;
}

function seedKey(row: ParsedTaskRow, used: Set<string>): string {
  let key = 't' + hash32(fingerprint(row.text));
  if (used.has(key)) key = `${key}-${row.ordinal}`;
  used.add(key);
  return key;
}

function union(lists: readonly string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of lists.flat()) {
    const k = fingerprint(name);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(name);
    }
  }
  return out;
}

/** Values a row inherits from its parsed tasks (several when rows were merged). */
function inherited(found: readonly ParsedTaskRow[]): {
  label: string;
  text: string;
  lead: string[];
  cooperate: string[];
  deadline: TaskDeadline | null;
} {
  return {
    label: found[0]?.label ?? '',
    text: found.map((r) => r.text.trim()).join('\n'),
    lead: union(found.map((r) => r.lead)),
    cooperate: union(found.map((r) => r.cooperate)),
    deadline: found.find((r) => r.deadline)?.deadline ?? null,
  };
}

function fromParsed(row: ParsedTaskRow, key: string): SheetItem {
  return {
    key,
    label: row.label,
    text: row.text.trim(),
    lead: [...row.lead],
    cooperate: [...row.cooperate],
    deadline: row.deadline,
    notes: '',
    sources: [{ ordinal: row.ordinal, text: row.text }],
    edited: false,
    stale: false,
  };
}

/** The rows of a sheet: parsed tasks in order, or the stored edits applied to the current parse. */
export function resolveSheet(parsed: readonly ParsedTaskRow[], stored: StoredSheet | null): SheetItem[] {
  const rows = sheetOrder(parsed);
  const used = new Set<string>();
  if (!stored) return rows.map((row) => fromParsed(row, seedKey(row, used)));

  const byPrint = new Map<string, ParsedTaskRow>();
  for (const row of rows) if (!byPrint.has(fingerprint(row.text))) byPrint.set(fingerprint(row.text), row);
  const claimed = new Set<ParsedTaskRow>();

  // Exact text matches first for every row, then reworded ones, so an unchanged task is never taken.
  const exact = stored.items.map((edit) =>
    edit.sources.map((s) => {
      const row = byPrint.get(fingerprint(s.text));
      if (row) claimed.add(row);
      return row ?? null;
    }),
  );
  const items: SheetItem[] = stored.items.map((edit, i) => {
    const found: ParsedTaskRow[] = [];
    edit.sources.forEach((s, j) => {
      let row = exact[i]![j] ?? null;
      if (!row) {
        const mine = words(s.text);
        let best: { row: ParsedTaskRow; score: number } | null = null;
        for (const candidate of rows) {
          if (claimed.has(candidate)) continue;
          const score = similarity(mine, words(candidate.text));
          if (score >= REWORDED_MIN && (!best || score > best.score)) best = { row: candidate, score };
        }
        if (best) {
          claimed.add(best.row);
          row = best.row;
        }
      }
      if (row && !found.includes(row)) found.push(row);
    });
    const base =
      found.length > 0
        ? inherited(found)
        : {
            label: edit.label ?? '',
            text: edit.sources.map((s) => s.text.trim()).join('\n'),
            lead: [],
            cooperate: [],
            deadline: null,
          };
    used.add(edit.key);
    const item: SheetItem = {
      key: edit.key,
      label: edit.label ?? base.label,
      text: edit.text ?? base.text,
      lead: edit.lead ?? base.lead,
      cooperate: edit.cooperate ?? base.cooperate,
      deadline: edit.deadline !== undefined ? edit.deadline : base.deadline,
      notes: edit.notes ?? '',
      sources: found.length > 0 ? found.map((r) => ({ ordinal: r.ordinal, text: r.text })) : edit.sources,
      edited: false,
      stale: found.length === 0 && edit.sources.length > 0,
    };
    item.edited = isEdited(item, found);
    return item;
  });

  // Tasks the parser found that the stored sheet does not know: new after a re-parse.
  const removed = new Set(stored.removed);
  for (const row of rows) {
    if (claimed.has(row) || removed.has(fingerprint(row.text))) continue;
    items.push(fromParsed(row, seedKey(row, used)));
  }
  return items;
}

const sameList = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
const sameDeadline = (x: TaskDeadline | null, y: TaskDeadline | null) =>
  x === y || (x !== null && y !== null && x.text === y.text && x.date === y.date && x.recurrence === y.recurrence);

function isEdited(item: SheetItem, found: readonly ParsedTaskRow[]): boolean {
  if (found.length !== 1) return true;
  const base = inherited(found);
  return (
    item.text !== base.text ||
    !sameList(item.lead, base.lead) ||
    !sameList(item.cooperate, base.cooperate) ||
    !sameDeadline(item.deadline, base.deadline) ||
    item.notes !== ''
  );
}

/** The clerk's rows → what to store: only the fields that differ from the parsed tasks. */
export function toStoredSheet(items: readonly SheetItem[], parsed: readonly ParsedTaskRow[]): StoredSheet {
  const byPrint = new Map(parsed.map((r) => [fingerprint(r.text), r]));
  const referenced = new Set<string>();
  const edits: SheetEdit[] = items.map((item) => {
    const found = item.sources
      .map((s) => byPrint.get(fingerprint(s.text)))
      .filter((r): r is ParsedTaskRow => Boolean(r));
    found.forEach((r) => referenced.add(fingerprint(r.text)));
    const base = found.length > 0 ? inherited(found) : null;
    const edit: SheetEdit = { key: item.key, sources: item.sources.map((s) => ({ ordinal: s.ordinal, text: s.text })) };
    if (!base || item.label !== base.label) edit.label = item.label;
    if (!base || item.text !== base.text) edit.text = item.text;
    if (!base || !sameList(item.lead, base.lead)) edit.lead = [...item.lead];
    if (!base || !sameList(item.cooperate, base.cooperate)) edit.cooperate = [...item.cooperate];
    if (!base || !sameDeadline(item.deadline, base.deadline)) edit.deadline = item.deadline;
    if (item.notes) edit.notes = item.notes;
    return edit;
  });
  const removed = parsed.map((r) => fingerprint(r.text)).filter((f) => !referenced.has(f));
  return { version: 1, items: edits, removed: [...new Set(removed)] };
}

// Editor operations: pure, on the row list; the view keeps the list and saves it whole.

export function moveItem(items: readonly SheetItem[], index: number, delta: number): SheetItem[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const out = [...items];
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item!);
  return out;
}

/** Splits a row at a character offset of its text; both halves keep the row's tasks and agencies. */
export function splitItem(items: readonly SheetItem[], index: number, at: number, newKey: string): SheetItem[] {
  const item = items[index];
  if (!item) return [...items];
  const first = item.text.slice(0, at).trim();
  const second = item.text.slice(at).trim();
  if (!first || !second) return [...items];
  const out = [...items];
  out.splice(
    index,
    1,
    { ...item, text: first, edited: true },
    { ...item, key: newKey, label: '', text: second, notes: '', edited: true },
  );
  return out;
}

/** Merges a row into the one before it: texts joined, agencies united, the first deadline kept. */
export function mergeWithPrevious(items: readonly SheetItem[], index: number): SheetItem[] {
  const prev = items[index - 1];
  const item = items[index];
  if (!prev || !item) return [...items];
  const merged: SheetItem = {
    ...prev,
    text: `${prev.text}\n${item.text}`,
    lead: union([prev.lead, item.lead]),
    cooperate: union([prev.cooperate, item.cooperate]),
    deadline: prev.deadline ?? item.deadline,
    notes: [prev.notes, item.notes].filter(Boolean).join('; '),
    sources: [
      ...prev.sources,
      ...item.sources.filter((s) => !prev.sources.some((p) => p.ordinal === s.ordinal && p.text === s.text)),
    ],
    edited: true,
  };
  const out = [...items];
  out.splice(index - 1, 2, merged);
  return out;
}

export function removeItem(items: readonly SheetItem[], index: number): SheetItem[] {
  return items.filter((_, i) => i !== index);
}
