/**
 * The start of a task's text, for a row that names the task (the tracking table, the dashboard):
 * whitespace collapsed, cut at a word before `max` characters with «…». The row's title holds the
 * whole text.
 */
export const TASK_GIST_MAX = 90;

export function taskGist(text: string, max = TASK_GIST_MAX): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const head = space >= max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–-]+$/u, '')}…`;
}

/** The whole text as a tooltip: whitespace collapsed. */
export function taskTitle(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
