/** Input schemas of the task-sheet operations (used by shared/api/contract.ts). */
import { z } from 'zod';
import { isIsoDate } from './status';
import { OFFICE_FIELD_MAX, SHEET_ITEM_MAX } from './types';

const name = z.string().trim().min(1).max(300);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD');
/** Directives covered by tracking: dated from this day (TRACKING_WINDOW_DAYS when left out), null for all. */
const since = { since: isoDate.nullable().optional() };

export const AgencySchema = z
  .object({
    name,
    short: z.string().trim().max(100).default(''),
    aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  })
  .strict();

export const OfficeSettingsSchema = z
  .object({
    officeName: z.string().trim().min(1, 'cần tên cơ quan').max(OFFICE_FIELD_MAX.officeName),
    superiorBody: z.string().trim().max(OFFICE_FIELD_MAX.superiorBody).default(''),
    style: z.enum(['party', 'state']),
    province: z.string().trim().max(OFFICE_FIELD_MAX.province).default(''),
    place: z.string().trim().max(OFFICE_FIELD_MAX.place).default(''),
    signerTitle: z.string().trim().max(OFFICE_FIELD_MAX.signerTitle).default('NGƯỜI LẬP PHIẾU'),
    signerName: z.string().trim().max(OFFICE_FIELD_MAX.signerName).default(''),
    agencies: z.array(AgencySchema).max(500).default([]),
  })
  .strict();

export const DeadlineSchema = z
  .object({
    text: z.string().max(500),
    date: isoDate.nullable(),
    recurrence: z.enum(['weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'ongoing']).nullable(),
  })
  .strict();

export const SheetItemSchema = z
  .object({
    key: z.string().min(1).max(100),
    label: z.string().max(50),
    text: z.string().trim().min(1, 'nội dung nhiệm vụ không được để trống').max(SHEET_ITEM_MAX.text),
    lead: z.array(name).max(50),
    cooperate: z.array(name).max(50),
    deadline: DeadlineSchema.nullable(),
    notes: z.string().max(SHEET_ITEM_MAX.notes),
    sources: z.array(z.object({ ordinal: z.number().int().min(0), text: z.string().max(100000) }).strict()).max(200),
    edited: z.boolean().default(false),
    stale: z.boolean().default(false),
  })
  .strict();

export const PrintTargetSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('directive'),
      documentId: z.number().int().positive(),
      /** Only this agency's tasks; with perAgency, one sheet per agency in one print job. */
      agency: z.string().max(300).nullable().default(null),
      perAgency: z.boolean().default(false),
      /** BẢNG THEO DÕI with status in the last column instead of PHIẾU GIAO VIỆC. */
      tracking: z.boolean().default(false),
    })
    .strict(),
  z.object({ kind: z.literal('digest'), agency: z.string().min(1).max(300), ...since }).strict(),
  z.object({ kind: z.literal('overdue'), agency: z.string().max(300).nullable().default(null), ...since }).strict(),
]);

export const TodaySchema = isoDate.optional();
export { isoDate as IsoDateSchema };

const documentId = z.number().int().positive();
/** "Today" for status computation; the host's local date when left out (tests and reports pick a day). */
const today = { today: isoDate.optional() };

/** Operations of task sheets and tracking (issue #6), spread into shared/api/contract.ts. */
export const taskInputSchemas = {
  getOfficeSettings: z.object({}).strict(),
  saveOfficeSettings: z.object({ settings: OfficeSettingsSchema }).strict(),
  getTaskSheet: z.object({ documentId, ...today }).strict(),
  saveTaskSheet: z.object({ documentId, items: z.array(SheetItemSchema).max(500), ...today }).strict(),
  resetTaskSheet: z.object({ documentId, ...today }).strict(),
  listTrackedTasks: z
    .object({
      agency: z.string().max(300).nullable().default(null),
      overdue: z.boolean().default(false),
      open: z.boolean().default(false),
      documentId: documentId.nullable().default(null),
      ...since,
      ...today,
    })
    .strict(),
  updateTaskTracking: z
    .object({
      documentId,
      itemKey: z.string().min(1).max(100),
      agency: z.string().max(300),
      started: z.boolean().optional(),
      completedAt: isoDate.refine(isIsoDate, 'ngày hoàn thành không có thật').nullable().optional(),
      evidenceDocumentId: documentId.nullable().optional(),
      note: z.string().max(5000).optional(),
      ...today,
    })
    .strict(),
  taskCloseSuggestions: z.object({ documentId: documentId.nullable().default(null), ...today }).strict(),
  taskDashboard: z.object({ ...since, ...today }).strict(),
  /** The data of a printout; the page renders it with shared/tasks/render.ts and prints. */
  getTaskPrint: z.object({ target: PrintTargetSchema, ...today }).strict(),
  /** Desktop only: the system print dialog, or Save as PDF through a save dialog. */
  printTaskSheet: z.object({ target: PrintTargetSchema, mode: z.enum(['print', 'pdf']), ...today }).strict(),
} as const;
