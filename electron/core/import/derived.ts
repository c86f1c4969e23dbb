/**
 * Column values that follow from a document's text and parse alone, computed where the file is
 * prepared (an import worker) instead of on the thread that writes the batch: that thread is an
 * import's critical path (docs/import.md, "Round 5"). The writer computes the same values itself
 * when a caller has none (one document stored outside an import), so both give identical rows.
 */
import {
  bodiesMemoFor,
  documentCitationKeys,
  citingContext,
  citingSentence,
  documentKeys,
  type BodiesMemo,
  type CitationKeys,
  type DocumentKeys,
} from '../../../shared/graph/keys';
import type { ParseResult, Task } from '../../../shared/model/directive';

export interface DerivedColumns {
  /** tasks.text_from for each task, in the tasks table's ordinal order (depth-first, parents first). */
  taskFrom: (number | null)[];
  /** citations.sentence for each citation, in order (the graph's citing sentence). */
  citationSentences: string[];
  /**
   * The graph's keys of the document and of each citation, read with the built-in issuer registry
   * alone: the writer uses them while the archive has no alias of its own (graph_issuers) and reads
   * them itself otherwise (graph/batch.ts).
   */
  graphKeys: { document: DocumentKeys; citations: CitationKeys[] };
}

// Issuer readings repeat across files (graph/batch.ts keeps the same memo on the writing side).
const MEMO_MAX = 50_000;
let memo: BodiesMemo = bodiesMemoFor([])!;

/**
 * Where a task's text starts in the document text when it is the tail of the task's span (the
 * span starts at the label "1."), or null: then tasks.text holds it (migration 0110).
 */
export function taskTextFrom(task: Pick<Task, 'text' | 'start' | 'end'>, documentText: string): number | null {
  const from = task.end - task.text.length;
  if (!(from >= task.start && task.end <= documentText.length)) return null;
  // What documentText.startsWith(task.text, from) says, at a sixth of the CPU (12 tasks a file on
  // 2,000 generated files: 3 against 20 µs): V8 compares a startsWith at an offset unit by unit,
  // while a slice shares the text's memory and === compares it in bulk.
  const at = Math.max(0, from);
  return documentText.slice(at, at + task.text.length) === task.text ? from : null;
}

/** Every task's text_from in ordinal order. */
export function taskTextFroms(
  tasks: readonly Task[],
  documentText: string,
  out: (number | null)[] = [],
): (number | null)[] {
  for (const task of tasks) {
    out.push(taskTextFrom(task, documentText));
    if (task.children?.length) taskTextFroms(task.children, documentText, out);
  }
  return out;
}

/**
 * Undefined when any of it throws: prepareFile never throws, and the writer then computes the
 * values itself, failing (or not) exactly where it did before they were computed here.
 */
export function derivedColumns(parse: ParseResult, text: string): DerivedColumns | undefined {
  if (memo.size > MEMO_MAX) memo = bodiesMemoFor([])!;
  try {
    const ctx = citingContext(parse);
    return {
      taskFrom: taskTextFroms(parse.tasks, text),
      citationSentences: parse.citations.map((c) => citingSentence(text, c.start, c.end)),
      graphKeys: {
        document: documentKeys(parse, [], memo),
        citations: documentCitationKeys(parse.citations, ctx, [], memo),
      },
    };
  } catch {
    return undefined;
  }
}
