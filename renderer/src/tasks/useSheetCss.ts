/**
 * Applies the sheet's print CSS (shared/tasks/render.ts) while a sheet is on screen, as a
 * constructed stylesheet: the app's CSP (style-src 'self') allows CSSOM, not <style> elements.
 * For printing, the app's own header, footer and the editor are hidden.
 */
import { useEffect } from 'react';
import { SHEET_CSS } from '../../../shared/tasks/render';

const PRINT_ONLY_SHEET = `@media print { .app-header, .app-footer, .vt-no-print { display: none !important; } .app-main { padding: 0 !important; }
  .vt-doc { width: auto !important; padding: 0 !important; margin: 0 !important; } }`;

export function useSheetCss(): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`${SHEET_CSS}\n${PRINT_ONLY_SHEET}`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, []);
}
