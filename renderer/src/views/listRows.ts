import { useLayoutEffect, type RefObject } from 'react';

/**
 * What a key does on a row of a virtualized list (the document list, the import results): open
 * the row, or move to another row, clamped by the caller. Null for a key the list leaves alone.
 */
export function listKeyAction(key: string, index: number, pageRows: number, count: number): 'open' | number | null {
  switch (key) {
    case 'Enter':
    case ' ':
      return 'open';
    case 'ArrowDown':
      return index + 1;
    case 'ArrowUp':
      return index - 1;
    case 'PageDown':
      return index + pageRows;
    case 'PageUp':
      return index - pageRows;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * Moves the focus to the active row once it is rendered, when `wantFocusRef` asks for it: a row the
 * keys moved to may only exist after the virtualizer has scrolled to it.
 */
export function useFocusActiveRow(
  scrollRef: RefObject<HTMLElement | null>,
  active: number,
  wantFocusRef: RefObject<boolean>,
): void {
  useLayoutEffect(() => {
    if (!wantFocusRef.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      wantFocusRef.current = false;
    }
  });
}
