/**
 * Column values that follow from a document's text and parse alone, computed where the file is
 * prepared (an import worker) instead of on the thread that writes the batch: that thread is an
 * import's critical path (docs/import.md, "Round 5"). The writer computes the same values itself
 * when a caller has none (one document stored outside an import), so both give identical rows.
 */
import { citingSentence } from '../../../shared/graph/keys';
import type { ParseResult, Task } from '../../../shared/model/directive';

export interface DerivedColumns {
  /** tasks.text_from for each task, in the tasks table's ordinal order (depth-first, parents first). */
  taskFrom: (number | null)[];
  /** citations.sentence for each citation, in order (the graph's citing sentence). */
  citationSentences: string[];
}

/**
 * Where a task's text starts in the document text when it is the tail of the task's span (the
 * span starts at the label "1."), or null: then tasks.text holds it (migration 0110).
 */
export function taskTextFrom(task: Pick<Task, 'text' | 'start' | 'end'>, documentText: string): number | null {
  const from = task.end - task.text.length;
  return from >= task.start && task.end <= documentText.length && documentText.startsWith(task.text, from)
    ? from
    : null;
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

export function derivedColumns(parse: ParseResult, text: string): DerivedColumns {
  return {
    taskFrom: taskTextFroms(parse.tasks, text),
    citationSentences: parse.citations.map((c) => citingSentence(text, c.start, c.end)),
  };
}
