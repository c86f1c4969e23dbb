/**
 * Parser output + the clerk's corrections → the effective document and what the review page shows.
 * Pure: the same function runs after a correction, on every re-parse and when a document is read,
 * so what is stored and what is shown cannot drift apart (docs/review.md).
 */
import type { Citation, MetaField, ParseResult, Task } from '../../../shared/model/directive';
import {
  DOUBTFUL_BELOW,
  EDITABLE_FIELDS,
  splitRef,
  type CitationValue,
  type DocumentReview,
  type EditableField,
  type FieldReview,
  type ItemChange,
  type RemovedItem,
  type ReviewedCitation,
  type ReviewedTask,
  type StoredCorrection,
  type TaskValue,
} from '../../../shared/model/review';

export interface Applied {
  effective: ParseResult;
  review: DocumentReview;
}

type Dated<T> = { change: ItemChange<T>; at: string };

/** Keys of parser items: their span, with a counter when two items share one. */
function spanKeys<T extends { start: number; end: number }>(prefix: string, items: readonly T[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = `${prefix}${item.start}-${item.end}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}.${n}`;
  });
}

/** Parser tasks depth-first with their keys, so nested tasks get keys too. */
function taskKeys(tasks: readonly Task[]): Map<Task, string> {
  const flat: Task[] = [];
  const walk = (items: readonly Task[]): void => {
    for (const t of items) {
      flat.push(t);
      walk(t.children ?? []);
    }
  };
  walk(tasks);
  const keys = spanKeys('t', flat);
  return new Map(flat.map((t, i) => [t, keys[i]!]));
}

const located = (item: { start: number; end: number }): boolean => item.end > item.start;

function citationFrom(value: CitationValue, parser: Citation | null): Citation {
  return {
    text: value.text,
    start: value.start,
    end: value.end,
    type: value.type,
    ref: value.ref,
    number: value.number,
    symbol: value.symbol,
    date: value.date,
    issuer: value.issuer,
    // The parser's context-qualified issuer stays while the clerk keeps the issuer it came from.
    issuerNormalized: parser && parser.issuer === value.issuer ? parser.issuerNormalized : value.issuer,
    relation: value.relation,
    shortFormOf: null,
  };
}

function taskFrom(value: TaskValue, parser: Task | null): Omit<Task, 'children'> {
  const sameDeadline = parser?.deadline && value.deadline && parser.deadline.text === value.deadline.text;
  return {
    label: value.label,
    text: value.text,
    start: value.start,
    end: value.end,
    lead: value.lead,
    cooperate: value.cooperate,
    // Recurrence is read from the phrase; keep it while the clerk keeps the phrase.
    deadline: value.deadline
      ? { ...value.deadline, recurrence: sameDeadline ? parser!.deadline!.recurrence : value.deadline.recurrence }
      : null,
  };
}

function applyFields(
  parse: ParseResult,
  corrections: ReadonlyMap<EditableField, { value: string | null; at: string }>,
) {
  const values = {} as Record<EditableField, string | null>;
  const fields: FieldReview[] = [];
  for (const field of EDITABLE_FIELDS) {
    const parsed = (parse[field as MetaField] as string | null | undefined) ?? null;
    const corrected = corrections.get(field);
    values[field] = corrected ? corrected.value : parsed;
    const confidence = parsed === null ? null : (parse.fields[field as MetaField]?.confidence ?? null);
    fields.push({
      field,
      parsed,
      confidence,
      value: values[field],
      doubtful: !corrected && (values[field] === null || confidence === null || confidence < DOUBTFUL_BELOW),
      correctedAt: corrected?.at ?? null,
    });
  }
  // A corrected number/symbol also corrects its parts, unless the clerk set those separately.
  const ref = corrections.get('ref');
  if (ref) {
    const parts = ref.value ? splitRef(ref.value) : { number: null, symbol: null };
    for (const part of ['number', 'symbol'] as const) {
      if (corrections.has(part)) continue;
      values[part] = parts[part];
      const row = fields.find((f) => f.field === part)!;
      row.value = parts[part];
      row.doubtful = false;
    }
  }
  return { values, fields };
}

function applyCitations(
  parse: ParseResult,
  changes: ReadonlyMap<string, Dated<CitationValue>>,
  removed: RemovedItem[],
): ReviewedCitation[] {
  const keys = spanKeys('p', parse.citations);
  const parserKeys = new Set(keys);
  const out: (ReviewedCitation & { parserIndex: number | null })[] = [];
  parse.citations.forEach((c, i) => {
    const key = keys[i]!;
    const dated = changes.get(key);
    if (dated?.change.op === 'remove') {
      removed.push({ key, kind: 'citation', text: c.text, correctedAt: dated.at });
      return;
    }
    if (dated) {
      out.push({
        ...citationFrom(dated.change.value, c),
        shortFormOf: c.shortFormOf ?? null,
        key,
        origin: 'parser',
        correctedAt: dated.at,
        parserIndex: i,
      });
    } else {
      out.push({ ...c, key, origin: 'parser', correctedAt: null, parserIndex: i });
    }
  });
  // Added by the clerk, and corrections of parser citations a newer parser no longer finds: the
  // clerk vouched for those, so they stay as the clerk's own.
  for (const [key, dated] of changes) {
    if (parserKeys.has(key) || dated.change.op === 'remove') continue;
    out.push({
      ...citationFrom(dated.change.value, null),
      key,
      origin: 'clerk',
      correctedAt: dated.at,
      parserIndex: null,
    });
  }
  // Document order; citations the clerk could not place in the text go last. The sort is stable.
  const order = (c: Citation) => (located(c) ? c.start : Number.MAX_SAFE_INTEGER);
  out.sort((a, b) => order(a) - order(b));
  // Short forms point at the full citation by index; indexes moved, so point again (or at nothing).
  const newIndex = new Map<number, number>();
  out.forEach((c, i) => c.parserIndex !== null && newIndex.set(c.parserIndex, i));
  return out.map(({ parserIndex: _parserIndex, ...c }) => ({
    ...c,
    shortFormOf: c.shortFormOf === null || c.shortFormOf === undefined ? null : (newIndex.get(c.shortFormOf) ?? null),
  }));
}

function applyTasks(
  parse: ParseResult,
  changes: ReadonlyMap<string, Dated<TaskValue>>,
  removed: RemovedItem[],
): ReviewedTask[] {
  const keys = taskKeys(parse.tasks);
  const parserKeys = new Set(keys.values());
  const walk = (items: readonly Task[]): ReviewedTask[] => {
    const out: ReviewedTask[] = [];
    for (const t of items) {
      const key = keys.get(t)!;
      const dated = changes.get(key);
      if (dated?.change.op === 'remove') {
        removed.push({ key, kind: 'task', text: t.text, correctedAt: dated.at });
        continue;
      }
      const own = dated ? taskFrom(dated.change.value, t) : { ...t };
      out.push({ ...own, key, origin: 'parser', correctedAt: dated?.at ?? null, children: walk(t.children ?? []) });
    }
    return out;
  };
  const tasks = walk(parse.tasks);
  for (const [key, dated] of changes) {
    if (parserKeys.has(key) || dated.change.op === 'remove') continue;
    tasks.push({ ...taskFrom(dated.change.value, null), key, origin: 'clerk', correctedAt: dated.at, children: [] });
  }
  return tasks;
}

function plainCitation(c: ReviewedCitation): Citation {
  const { key: _key, origin: _origin, correctedAt: _at, ...citation } = c;
  return citation;
}

function plainTask(t: ReviewedTask): Task {
  const { key: _key, origin: _origin, correctedAt: _at, children, ...task } = t;
  return { ...task, children: children.map(plainTask) };
}

export function applyCorrections(
  parse: ParseResult,
  corrections: readonly StoredCorrection[],
  info: { scanned: boolean; parserVersion: number },
): Applied {
  const fieldChanges = new Map<EditableField, { value: string | null; at: string }>();
  const citationChanges = new Map<string, Dated<CitationValue>>();
  const taskChanges = new Map<string, Dated<TaskValue>>();
  let lastCorrectedAt: string | null = null;
  for (const c of corrections) {
    if (c.kind === 'field') fieldChanges.set(c.field, { value: c.value, at: c.createdAt });
    else if (c.kind === 'citation') citationChanges.set(c.key, { change: c.change, at: c.createdAt });
    else taskChanges.set(c.key, { change: c.change, at: c.createdAt });
    if (lastCorrectedAt === null || c.createdAt > lastCorrectedAt) lastCorrectedAt = c.createdAt;
  }

  const { values, fields } = applyFields(parse, fieldChanges);
  const removed: RemovedItem[] = [];
  const citations = applyCitations(parse, citationChanges, removed);
  const tasks = applyTasks(parse, taskChanges, removed);

  const effective: ParseResult = {
    ...parse,
    ...(values as Pick<ParseResult, EditableField>),
    issuerLevel: values.issuerLevel as ParseResult['issuerLevel'],
    issuerKind: values.issuerKind as ParseResult['issuerKind'],
    citations: citations.map(plainCitation),
    tasks: tasks.map(plainTask),
  };
  return {
    effective,
    review: {
      scanned: info.scanned,
      parserVersion: info.parserVersion,
      fields,
      citations,
      tasks,
      removed,
      correctionCount: corrections.length,
      lastCorrectedAt,
    },
  };
}
