/** The printed sheet on screen: the same markup as the PDF (renderSheetBody escapes every text). */
import type { SheetPrint } from '../../../shared/tasks/render';
import { renderSheetBody } from '../../../shared/tasks/render';
import { useSheetCss } from './useSheetCss';

export function SheetPreview({ print }: { print: SheetPrint }) {
  useSheetCss();
  return (
    <div className="vt-doc" data-testid="sheet-preview" dangerouslySetInnerHTML={{ __html: renderSheetBody(print) }} />
  );
}
