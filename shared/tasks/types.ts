/** Task sheets (issue #6, docs/tasks.md): office settings, sheet items, tracking. Pure data. */
import type { TaskDeadline } from '../model/directive';

export type OfficeStyle = 'party' | 'state';

/** The longest each office field may be; the settings page caps its boxes at the same lengths. */
export const OFFICE_FIELD_MAX = {
  officeName: 300,
  superiorBody: 300,
  province: 100,
  place: 100,
  signerTitle: 200,
  signerName: 200,
} as const;

/** The longest a sheet item's text and notes may be; the sheet editor caps its boxes at the same lengths. */
export const SHEET_ITEM_MAX = { text: 50000, notes: 5000 } as const;

/** One agency the office assigns tasks to; aliases are the other ways directives write it. */
export interface Agency {
  name: string;
  short: string;
  aliases: string[];
}

export interface OfficeSettings {
  /** The office issuing the sheet, as printed in bold: "VĂN PHÒNG HUYỆN ỦY". */
  officeName: string;
  /** The body above it, in plain caps: "HUYỆN ỦY YÊN THẾ", "UBND HUYỆN YÊN THẾ". */
  superiorBody: string;
  /** Party header (ĐẢNG CỘNG SẢN VIỆT NAM, `*`) or State header (Quốc hiệu, tiêu ngữ). */
  style: OfficeStyle;
  province: string;
  /** Place in the date line: "Yên Thế, ngày … tháng … năm …". */
  place: string;
  /** Capacity above the signature: "NGƯỜI LẬP PHIẾU", "CHÁNH VĂN PHÒNG". */
  signerTitle: string;
  signerName: string;
  agencies: Agency[];
}

/** One row of a task sheet as the clerk sees it: parsed values with the clerk's edits applied. */
export interface SheetItem {
  /** Stable within the document: tracking rows refer to it. */
  key: string;
  /** The label the directive printed ("1.", "a)"). */
  label: string;
  text: string;
  lead: string[];
  cooperate: string[];
  deadline: TaskDeadline | null;
  notes: string;
  /** The parsed tasks this row comes from, by text snapshot. */
  sources: TaskSource[];
  /** True when some field differs from what the parser found. */
  edited: boolean;
  /** True when none of the row's parsed tasks exists any more (re-parse changed the text). */
  stale: boolean;
}

export interface TaskSource {
  ordinal: number;
  text: string;
}

/** What a row overrides; a missing field means "as parsed". */
export interface SheetEdit {
  key: string;
  label?: string;
  sources: TaskSource[];
  text?: string;
  lead?: string[];
  cooperate?: string[];
  deadline?: TaskDeadline | null;
  notes?: string;
}

/** Stored apart from the parser's rows (task_sheets.edits_json): survives re-parsing. */
export interface StoredSheet {
  version: 1;
  items: SheetEdit[];
  /** Fingerprints of parsed tasks the clerk removed from the sheet, so they do not come back. */
  removed: string[];
}

/** A task row of the parser, as stored in the tasks table at import. */
export interface ParsedTaskRow {
  ordinal: number;
  parentOrdinal: number | null;
  label: string;
  text: string;
  lead: string[];
  cooperate: string[];
  deadline: TaskDeadline | null;
}

export const TASK_STATUSES = ['not_started', 'in_progress', 'done_on_time', 'done_late', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The categories offices report in (domain.md §7). */
export const STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  overdue: 'Quá hạn chưa hoàn thành',
};

/** What the clerk records per task and agency; the status itself is computed. */
export interface TrackingState {
  started: boolean;
  /** ISO date the agency finished; null while open. */
  completedAt: string | null;
  /** The report document that closes the task. */
  evidenceDocumentId: number | null;
  note: string;
}

export const EMPTY_TRACKING: TrackingState = { started: false, completedAt: null, evidenceDocumentId: null, note: '' };

/** A task for one lead agency with its computed status: the unit of the dashboard and `vanthu tasks`. */
export interface TrackedTask {
  documentId: number;
  documentRef: string | null;
  documentType: string | null;
  documentDate: string | null;
  documentIssuer: string | null;
  documentSubject: string | null;
  itemKey: string;
  stt: number;
  text: string;
  /** Canonical agency name (from the office list when it matches), '' when the task names none. */
  agency: string;
  lead: string[];
  cooperate: string[];
  deadline: TaskDeadline | null;
  /** The date the task is due now (recurring: end of the current period); null when none. */
  dueDate: string | null;
  status: TaskStatus;
  tracking: TrackingState;
  evidenceRef: string | null;
}

/** A document citing a directive with relation "reports": its tasks may be closed with it. */
export interface CloseSuggestion {
  reportDocumentId: number;
  reportRef: string | null;
  reportIssuer: string | null;
  reportDate: string | null;
  documentId: number;
  itemKey: string;
  agency: string;
  text: string;
}

/**
 * The closing suggestions, most recent reports first, cut at DASHBOARD_LIST_MAX lines: every report
 * suggests every open task of what it cites, and 400 reports on a 10k archive answered 18.5 MB.
 */
export interface CloseSuggestions {
  suggestions: CloseSuggestion[];
  total: number;
}

/**
 * Which directives tracking covers unless asked otherwise: those dated in the last 12 months (or,
 * undated, received in them), and any the clerk has engaged with — a saved sheet or a recorded
 * result — whatever their age. An archive of 10 years would otherwise list every task of every old
 * directive as «quá hạn chưa hoàn thành»: thousands of lines nobody tracks, computed at each visit
 * (6 s at 10,000 directives, over two minutes at 100,000).
 */
export const TRACKING_WINDOW_DAYS = 365;

/** The dashboard's task lists are cut at this many lines; their totals are given beside them. */
export const DASHBOARD_LIST_MAX = 300;

export interface TaskDashboard {
  today: string;
  weekEnd: string;
  /** First day of the directives covered (see TRACKING_WINDOW_DAYS); null: every directive. */
  since: string | null;
  dueThisWeek: TrackedTask[];
  dueThisWeekTotal: number;
  overdue: TrackedTask[];
  overdueTotal: number;
  byAgency: { agency: string; open: number; overdue: number; done: number }[];
  byDocument: {
    documentId: number;
    ref: string | null;
    subject: string | null;
    open: number;
    overdue: number;
    done: number;
  }[];
  byDocumentTotal: number;
}

/** The directive a sheet belongs to, as the sheet header needs it. */
export interface TaskSheetDocument {
  id: number;
  ref: string | null;
  type: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
  issuerKind: string | null;
  province: string | null;
  place: string | null;
}

export interface TaskSheet {
  document: TaskSheetDocument;
  office: OfficeSettings;
  /** False until the clerk saved office settings: the header then comes from the document. */
  officeConfigured: boolean;
  items: SheetItem[];
  /** True once the clerk saved edits for this sheet. */
  edited: boolean;
  tracked: TrackedTask[];
  /** Agencies the sheet names (lead or cooperating), for per-agency printing. */
  agencies: string[];
}
