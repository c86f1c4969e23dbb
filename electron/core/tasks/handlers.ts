/** API handlers of task sheets and tracking (issue #6), spread into electron/core/api/handlers.ts. */
import { VanthuError } from '../../../shared/api/errors';
import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api/contract';
import { renderSheetHtml, type SheetPrint } from '../../../shared/tasks/render';
import { latestCompletionDate, localIsoDate } from '../../../shared/tasks/status';
import type { taskInputSchemas } from '../../../shared/tasks/schema';
import type { Archive } from '../archive';
import type { HostContext } from '../api/handlers';
import { embeddedFontCss } from './fonts';
import { separateSheets } from './pdf-merge';
import { tasksOf } from '.';

type TaskMethod = keyof typeof taskInputSchemas & MethodName;
type TaskHandlers = { [M in TaskMethod]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M> };

export function createTaskHandlers(archive: Archive, ctx: HostContext): TaskHandlers {
  const service = () => tasksOf(archive);
  const day = (today: string | undefined) => today ?? localIsoDate(new Date());
  return {
    getOfficeSettings: () => service().officeSettings(),
    saveOfficeSettings: ({ settings }) => service().saveOfficeSettings(settings),
    getTaskSheet: ({ documentId, today }) => service().sheet(documentId, day(today)),
    saveTaskSheet: ({ documentId, items, today }) => service().saveSheet(documentId, items, day(today)),
    resetTaskSheet: ({ documentId, today }) => service().resetSheet(documentId, day(today)),
    listTrackedTasks: ({ today, ...filter }) => service().tracked(filter, day(today)),
    // A completion after today is refused here, for every host; with no today given, "today" is
    // the later of the PC's date and Vietnam's (a PC on UTC must not refuse the clerk's today).
    updateTaskTracking: ({ today, ...input }) =>
      service().updateTracking(input, day(today), today ?? latestCompletionDate(new Date())),
    taskCloseSuggestions: ({ documentId, today }) => service().suggestions(day(today), documentId),
    taskDashboard: ({ today, since }) => service().dashboard(day(today), since),
    getTaskPrint: ({ target, today }) => service().printData(target, day(today)),
    printTaskSheet: async ({ target, mode, today }) => {
      if (!ctx.printHtml) throw new VanthuError('NOT_AVAILABLE_IN_HOST');
      const { print, fileName } = service().printData(target, day(today));
      const render = (printout: SheetPrint) =>
        renderSheetHtml(printout, { fontCss: embeddedFontCss(), title: fileName });
      // The print dialog takes one document, so there page numbers continue across agencies.
      const sheets = mode === 'pdf' ? separateSheets(print).map(render) : [render(print)];
      return { saved: await ctx.printHtml(sheets, mode, `${fileName}.pdf`) };
    },
  };
}
