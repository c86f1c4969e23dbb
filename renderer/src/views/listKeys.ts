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
