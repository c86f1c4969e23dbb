/**
 * Task sheets and tracking over one archive (issue #6, docs/tasks.md). Pure logic lives in
 * shared/tasks; SQL in db/tasks-store.ts; this joins them and is what every host calls.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { VanthuError } from '../../../shared/api/errors';
import { AgencyIndex, agencyKey, DISTRICT_AGENCY_TEMPLATE, uniqueAgencies } from '../../../shared/tasks/agencies';
import {
  TITLE_ASSIGN,
  TITLE_TRACK,
  type SheetPrint,
  type SheetRow,
  type SheetSection,
  type SheetSource,
} from '../../../shared/tasks/render';
import { OfficeSettingsSchema, type PrintTargetSchema } from '../../../shared/tasks/schema';
import { fingerprint, resolveSheet, sheetOrder, toStoredSheet } from '../../../shared/tasks/sheet';
import {
  completionDateProblem,
  computeStatus,
  deadlineLabel,
  isOpen,
  periodOf,
  trackingScopeLine,
  trackingSince,
  vnDate,
} from '../../../shared/tasks/status';
import type {
  CloseSuggestion,
  CloseSuggestions,
  OfficeSettings,
  SheetItem,
  TaskSheet,
  StoredSheet,
  TaskDashboard,
  TaskStatus,
  TrackedTask,
  TrackingState,
} from '../../../shared/tasks/types';
import { DASHBOARD_LIST_MAX, EMPTY_TRACKING, STATUS_LABELS } from '../../../shared/tasks/types';
import { refKey } from '../../../shared/text/ref';
import * as store from '../db/tasks-store';

export type PrintTarget = z.output<typeof PrintTargetSchema>;
export type { TaskSheet };

const nowIso = () => new Date().toISOString();

/** The superior body for a header built from the document when no settings were saved. */
function defaultOffice(doc: store.TaskDocumentRow | null): OfficeSettings {
  return {
    officeName: 'Văn phòng',
    superiorBody: doc?.issuer ?? '',
    style: doc?.issuerKind === 'state' ? 'state' : 'party',
    province: doc?.province ?? '',
    place: doc?.place ?? '',
    signerTitle: 'Người lập phiếu',
    signerName: '',
    agencies: DISTRICT_AGENCY_TEMPLATE.map((a) => ({ ...a, aliases: [...a.aliases] })),
  };
}

interface TrackedFilter {
  agency?: string | null;
  overdue?: boolean;
  documentId?: number | null;
  open?: boolean;
  since?: string | null;
}

/** A tracked task before its text and key are read (TaskService.lines): enough to count, filter and sort. */
interface TaskLine {
  doc: store.TaskDocumentRow;
  stt: number;
  agency: string;
  dueDate: string | null;
  status: TaskStatus;
  /** Already whole: the directive's sheet or tracking decided it. */
  task: TrackedTask | null;
}

/** `compute(key)`, computed once per key while `known` lives. */
function remembered<T>(known: Map<string, T>, key: string, compute: () => T): T {
  let value = known.get(key);
  if (value === undefined) known.set(key, (value = compute()));
  return value;
}

const trackingKey = (documentId: number, itemKey: string, agency: string) =>
  `${documentId}\u0000${itemKey}\u0000${agency}`;

export class TaskService {
  constructor(private readonly db: Database) {}

  // ── Office settings ────────────────────────────────────────────────────────────────────

  officeSettings(): { settings: OfficeSettings | null; defaults: OfficeSettings } {
    const json = store.getOfficeSettingsJson(this.db);
    let settings: OfficeSettings | null = null;
    if (json) {
      const parsed = OfficeSettingsSchema.safeParse(JSON.parse(json));
      settings = parsed.success ? parsed.data : null;
    }
    return { settings, defaults: defaultOffice(null) };
  }

  saveOfficeSettings(input: OfficeSettings): OfficeSettings {
    const settings = OfficeSettingsSchema.parse(input);
    store.saveOfficeSettingsJson(this.db, JSON.stringify(settings), nowIso());
    return settings;
  }

  private office(doc: store.TaskDocumentRow | null): { office: OfficeSettings; configured: boolean } {
    const { settings } = this.officeSettings();
    return settings ? { office: settings, configured: true } : { office: defaultOffice(doc), configured: false };
  }

  private agencyIndex(): AgencyIndex {
    return new AgencyIndex(this.office(null).office.agencies);
  }

  // ── Sheets ─────────────────────────────────────────────────────────────────────────────

  private document(documentId: number): store.TaskDocumentRow {
    const doc = store.taskDocument(this.db, documentId);
    if (!doc) throw new VanthuError('NOT_FOUND', `#${documentId}`);
    return doc;
  }

  private stored(documentId: number): StoredSheet | null {
    const json = store.getSheetEditsJson(this.db, documentId);
    return json ? (JSON.parse(json) as StoredSheet) : null;
  }

  items(documentId: number): SheetItem[] {
    return resolveSheet(store.parsedTasks(this.db, documentId), this.stored(documentId));
  }

  sheet(documentId: number, today: string): TaskSheet {
    const document = this.document(documentId);
    const { office, configured } = this.office(document);
    const items = this.items(documentId);
    return {
      document,
      office,
      officeConfigured: configured,
      items,
      edited: this.stored(documentId) !== null,
      tracked: this.trackedFor(document, items, this.trackingMap(documentId), new AgencyIndex(office.agencies), today),
      agencies: uniqueAgencies(
        items.flatMap((i) => [...i.lead, ...i.cooperate]),
        new AgencyIndex(office.agencies),
      ),
    };
  }

  saveSheet(documentId: number, items: SheetItem[], today: string): TaskSheet {
    this.document(documentId);
    const keys = new Set<string>();
    for (const item of items) {
      if (keys.has(item.key)) throw new VanthuError('INVALID_INPUT', `hai dòng cùng khóa ${item.key}`);
      keys.add(item.key);
    }
    const stored = toStoredSheet(items, store.parsedTasks(this.db, documentId));
    store.saveSheetEditsJson(this.db, documentId, JSON.stringify(stored), nowIso());
    return this.sheet(documentId, today);
  }

  resetSheet(documentId: number, today: string): TaskSheet {
    this.document(documentId);
    store.deleteSheetEdits(this.db, documentId);
    return this.sheet(documentId, today);
  }

  // ── Tracking ───────────────────────────────────────────────────────────────────────────

  private trackingMap(documentId?: number): Map<string, store.TrackingRow> {
    return new Map(
      store.trackingRows(this.db, documentId).map((r) => [trackingKey(r.documentId, r.itemKey, r.agency), r]),
    );
  }

  private trackedFor(
    doc: store.TaskDocumentRow,
    items: readonly SheetItem[],
    tracking: Map<string, store.TrackingRow>,
    index: AgencyIndex,
    today: string,
  ): TrackedTask[] {
    const out: TrackedTask[] = [];
    items.forEach((item, i) => {
      const agencies = uniqueAgencies(item.lead, index);
      for (const agency of agencies.length > 0 ? agencies : ['']) {
        const row = tracking.get(trackingKey(doc.id, item.key, agency));
        const state: TrackingState = row
          ? {
              started: row.started,
              completedAt: row.completedAt,
              evidenceDocumentId: row.evidenceDocumentId,
              note: row.note,
            }
          : { ...EMPTY_TRACKING };
        const { status, dueDate } = computeStatus(item.deadline, state, today, doc.date);
        out.push({
          documentId: doc.id,
          documentRef: doc.ref,
          documentType: doc.type,
          documentDate: doc.date,
          documentIssuer: doc.issuer,
          documentSubject: doc.subject,
          itemKey: item.key,
          stt: i + 1,
          text: item.text,
          agency,
          lead: item.lead,
          cooperate: item.cooperate,
          deadline: item.deadline,
          dueDate,
          status,
          tracking: state,
          evidenceRef: state.evidenceDocumentId !== null ? store.documentRef(this.db, state.evidenceDocumentId) : null,
        });
      }
    });
    return out;
  }

  /**
   * Tracked tasks, optionally one agency's (aliases recognised) or only overdue ones: of one
   * directive, or of those `since` covers (TRACKING_WINDOW_DAYS before `today` when left out; null:
   * every directive).
   */
  tracked(filter: TrackedFilter, today: string): TrackedTask[] {
    return this.materialize(this.filteredLines(filter, today), today);
  }

  private filteredLines(filter: TrackedFilter, today: string): TaskLine[] {
    const index = this.agencyIndex();
    const wanted = filter.agency ? agencyKey(index.canonical(filter.agency)) : null;
    return this.lines(filter, today, index).filter(
      (t) =>
        (wanted === null || agencyKey(t.agency) === wanted) &&
        (!filter.overdue || t.status === 'overdue') &&
        (!filter.open || isOpen(t.status)),
    );
  }

  /**
   * One line per task and lead agency of the directives a filter covers, in sheet order. A directive
   * the clerk has not touched (no saved sheet, no tracking row) is its parsed tasks as they stand, so
   * its lines are read without the task texts and keys: 1.26 million tasks at 100,000 directives,
   * where decoding every text and keying every task took 27 s. `materialize` completes the lines
   * that are shown.
   */
  private lines(filter: Pick<TrackedFilter, 'documentId' | 'since'>, today: string, index: AgencyIndex): TaskLine[] {
    const docs = filter.documentId
      ? [this.document(filter.documentId)]
      : store.documentsWithTasks(this.db, trackingSince(filter.since, today));
    const engaged = store.engagedDocumentIds(this.db);
    const tracking = engaged.size > 0 ? this.trackingMap() : new Map<string, store.TrackingRow>();
    // Many tasks share a lead list and a deadline: both are worked out once per call.
    const agenciesByLead = new Map<string, string[]>();
    const statusByDeadline = new Map<string, ReturnType<typeof computeStatus>>();
    const out: TaskLine[] = [];
    for (const doc of docs) {
      if (engaged.has(doc.id)) {
        for (const task of this.trackedFor(doc, this.items(doc.id), tracking, index, today)) {
          out.push({ doc, stt: task.stt, agency: task.agency, dueDate: task.dueDate, status: task.status, task });
        }
        continue;
      }
      sheetOrder(store.taskOutlines(this.db, doc.id)).forEach((outline, i) => {
        const recurrence = outline.deadline?.recurrence ?? '';
        // computeStatus reads a document's date only for a recurring deadline.
        const deadlineKey = `${outline.deadline?.date ?? ''}|${recurrence}|${recurrence ? (doc.date ?? '') : ''}`;
        const { status, dueDate } = remembered(statusByDeadline, deadlineKey, () =>
          computeStatus(outline.deadline, EMPTY_TRACKING, today, doc.date),
        );
        const agencies = remembered(agenciesByLead, outline.leadJson, () =>
          uniqueAgencies(JSON.parse(outline.leadJson) as string[], index),
        );
        for (const agency of agencies.length > 0 ? agencies : ['']) {
          out.push({ doc, stt: i + 1, agency, dueDate, status, task: null });
        }
      });
    }
    return out;
  }

  /** The tracked tasks of lines: those of untouched directives are computed whole, a directive at a time. */
  private materialize(lines: readonly TaskLine[], today: string): TrackedTask[] {
    const index = this.agencyIndex();
    const byDocument = new Map<number, Map<string, TrackedTask>>();
    const lineKey = (stt: number, agency: string) => `${stt}\u0000${agency}`;
    return lines.map((line) => {
      if (line.task) return line.task;
      let tasks = byDocument.get(line.doc.id);
      if (!tasks) {
        const tracked = this.trackedFor(line.doc, this.items(line.doc.id), new Map(), index, today);
        tasks = new Map(tracked.map((t) => [lineKey(t.stt, t.agency), t]));
        byDocument.set(line.doc.id, tasks);
      }
      const task = tasks.get(lineKey(line.stt, line.agency));
      // The outline and the sheet are read from the same rows in one synchronous call.
      if (!task) throw new VanthuError('INTERNAL', `nhiệm vụ ${line.stt} của văn bản #${line.doc.id}`);
      return task;
    });
  }

  updateTracking(
    input: {
      documentId: number;
      itemKey: string;
      agency: string;
      started?: boolean;
      completedAt?: string | null;
      evidenceDocumentId?: number | null;
      note?: string;
    },
    today: string,
    /** The latest completion date accepted: today, or (when the caller gave no today) latestCompletionDate. */
    latest: string = today,
  ): TrackedTask {
    const future = completionDateProblem(input.completedAt, latest);
    if (future) throw new VanthuError('INVALID_INPUT', future);
    const doc = this.document(input.documentId);
    const index = this.agencyIndex();
    const items = this.items(doc.id);
    if (!items.some((i) => i.key === input.itemKey)) throw new VanthuError('NOT_FOUND', `nhiệm vụ ${input.itemKey}`);
    const agency = input.agency === '' ? '' : index.canonical(input.agency);
    if (input.evidenceDocumentId != null && !store.documentExists(this.db, input.evidenceDocumentId)) {
      throw new VanthuError('NOT_FOUND', `văn bản báo cáo #${input.evidenceDocumentId}`);
    }
    const current = this.trackingMap(doc.id).get(trackingKey(doc.id, input.itemKey, agency));
    const next: store.TrackingRow = {
      documentId: doc.id,
      itemKey: input.itemKey,
      agency,
      started: input.started ?? current?.started ?? false,
      completedAt: input.completedAt !== undefined ? input.completedAt : (current?.completedAt ?? null),
      evidenceDocumentId:
        input.evidenceDocumentId !== undefined ? input.evidenceDocumentId : (current?.evidenceDocumentId ?? null),
      note: input.note ?? current?.note ?? '',
    };
    store.upsertTracking(this.db, next, nowIso());
    const found = this.trackedFor(doc, items, this.trackingMap(doc.id), index, today).find(
      (t) => t.itemKey === input.itemKey && t.agency === agency,
    );
    if (!found) throw new VanthuError('NOT_FOUND', `cơ quan ${input.agency} không chủ trì nhiệm vụ này`);
    return found;
  }

  /**
   * Reports that cite a directive (relation "reports") suggest closing its open tasks: those whose
   * lead agency is the report's issuer when it is one of them, else every open task of the directive.
   * Latest reports first, cut at `limit` lines with the total beside them (CloseSuggestions).
   */
  suggestions(today: string, documentId?: number | null, limit = DASHBOARD_LIST_MAX): CloseSuggestions {
    const cites = store.reportCitations(this.db);
    const docs = store.documentsWithTasksByRefKey(
      this.db,
      new Set(cites.map((c) => refKey(c.citedRef))),
      documentId || null,
    );
    const byRef = new Map<string, store.TaskDocumentRow[]>();
    for (const doc of docs) byRef.set(refKey(doc.ref!), [...(byRef.get(refKey(doc.ref!)) ?? []), doc]);
    const index = this.agencyIndex();
    const tracking = this.trackingMap();
    // Many reports cite the same directive: its tasks are computed once, not once per report.
    const openOf = new Map<number, TrackedTask[]>();
    const openTasks = (doc: store.TaskDocumentRow) => {
      let open = openOf.get(doc.id);
      if (!open) {
        open = this.trackedFor(doc, this.items(doc.id), tracking, index, today).filter((t) => isOpen(t.status));
        openOf.set(doc.id, open);
      }
      return open;
    };
    const out: CloseSuggestion[] = [];
    let total = 0;
    // A report names its directive in its title and again in its body: one suggestion per pair.
    const paired = new Set<string>();
    for (const cite of cites) {
      for (const doc of byRef.get(refKey(cite.citedRef)) ?? []) {
        if (doc.id === cite.citingId) continue;
        const pair = `${cite.citingId}|${doc.id}`;
        if (paired.has(pair)) continue;
        // Same number/symbol recurs every year (domain.md §2.4): a cited date must agree.
        if (cite.citedDate && doc.date && cite.citedDate !== doc.date) continue;
        paired.add(pair);
        const open = openTasks(doc).filter((t) => t.tracking.evidenceDocumentId !== cite.citingId);
        const issuerKey = cite.citingIssuer ? agencyKey(index.canonical(cite.citingIssuer)) : null;
        const mine = issuerKey ? open.filter((t) => agencyKey(t.agency) === issuerKey) : [];
        const lines = mine.length > 0 ? mine : open;
        total += lines.length;
        for (const t of lines.slice(0, Math.max(0, limit - out.length))) {
          out.push({
            reportDocumentId: cite.citingId,
            reportRef: cite.citingRef,
            reportIssuer: cite.citingIssuer,
            reportDate: cite.citingDate,
            documentId: doc.id,
            itemKey: t.itemKey,
            agency: t.agency,
            text: t.text,
          });
        }
      }
    }
    return { suggestions: out, total };
  }

  dashboard(today: string, since?: string | null): TaskDashboard {
    const from = trackingSince(since, today);
    const all = this.lines({ since: from }, today, this.agencyIndex());
    const weekEnd = periodOf('weekly', today).end;
    const byDue = (a: TaskLine, b: TaskLine) =>
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.doc.id - b.doc.id || a.stt - b.stt;
    const count = <K extends string | number>(key: (t: TaskLine) => K) => {
      const m = new Map<K, { open: number; overdue: number; done: number }>();
      for (const t of all) {
        const c = m.get(key(t)) ?? { open: 0, overdue: 0, done: 0 };
        if (t.status === 'overdue') c.overdue++;
        else if (isOpen(t.status)) c.open++;
        else c.done++;
        m.set(key(t), c);
      }
      return m;
    };
    const docs = new Map(all.map((t) => [t.doc.id, t.doc]));
    const dueThisWeek = all
      .filter(
        (t) =>
          isOpen(t.status) &&
          t.status !== 'overdue' &&
          t.dueDate !== null &&
          t.dueDate >= today &&
          t.dueDate <= weekEnd,
      )
      .sort(byDue);
    const overdue = all.filter((t) => t.status === 'overdue').sort(byDue);
    const byDocument = [...count((t) => t.doc.id)].map(([documentId, c]) => ({
      documentId,
      ref: docs.get(documentId)!.ref,
      subject: docs.get(documentId)!.subject,
      ...c,
    }));
    // The directives with most to do first when the list is cut; else in date order, as before.
    if (byDocument.length > DASHBOARD_LIST_MAX) byDocument.sort((a, b) => b.overdue - a.overdue || b.open - a.open);
    return {
      today,
      weekEnd,
      since: from,
      dueThisWeek: this.materialize(dueThisWeek.slice(0, DASHBOARD_LIST_MAX), today),
      dueThisWeekTotal: dueThisWeek.length,
      overdue: this.materialize(overdue.slice(0, DASHBOARD_LIST_MAX), today),
      overdueTotal: overdue.length,
      byAgency: [...count((t) => t.agency)]
        .map(([agency, c]) => ({ agency, ...c }))
        .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.agency.localeCompare(b.agency, 'vi')),
      byDocument: byDocument.slice(0, DASHBOARD_LIST_MAX),
      byDocumentTotal: byDocument.length,
    };
  }

  // ── Printing ───────────────────────────────────────────────────────────────────────────

  /** The data of a printout; shared/tasks/render.ts turns it into HTML. */
  printData(target: PrintTarget, today: string): { print: SheetPrint; fileName: string } {
    if (target.kind === 'directive') return this.directivePrint(target, today);
    const agency = target.agency ? this.agencyIndex().canonical(target.agency) : null;
    const since = trackingSince(target.since, today);
    const tasks = this.tracked({ agency, open: true, overdue: target.kind === 'overdue', since }, today).sort(
      (a, b) =>
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        (a.documentDate ?? '').localeCompare(b.documentDate ?? '') ||
        a.stt - b.stt,
    );
    const rows: SheetRow[] = tasks.map((t, i) => ({
      stt: String(i + 1),
      text: t.text,
      source: `${sourceText({ type: t.documentType, ref: t.documentRef, date: t.documentDate, issuer: t.documentIssuer, subject: null })}, mục ${t.stt}`,
      lead: t.agency ? [t.agency] : [],
      cooperate: t.cooperate,
      deadline:
        t.dueDate && t.deadline?.recurrence && t.deadline.recurrence !== 'ongoing'
          ? `${deadlineLabel(t.deadline)} (hạn ${vnDate(t.dueDate)})`
          : deadlineLabel(t.deadline),
      result: STATUS_LABELS[t.status] + (t.tracking.note ? `. ${t.tracking.note}` : ''),
    }));
    const { office } = this.office(null);
    const section: SheetSection = {
      title: TITLE_TRACK,
      agency: agency ?? (target.kind === 'overdue' ? 'tất cả (nhiệm vụ quá hạn)' : null),
      source: null,
      scope: trackingScopeLine(since),
      rows,
      recipients: agency ? [agency] : [],
    };
    const slug = agency ? fileSlug(agency) : 'tat-ca';
    return {
      print: { office, date: today, sections: [section] },
      fileName: `${target.kind === 'overdue' ? 'qua-han' : 'theo-doi'}-${slug}`,
    };
  }

  private directivePrint(
    target: Extract<PrintTarget, { kind: 'directive' }>,
    today: string,
  ): { print: SheetPrint; fileName: string } {
    const sheet = this.sheet(target.documentId, today);
    const index = new AgencyIndex(sheet.office.agencies);
    const source: SheetSource = {
      type: sheet.document.type,
      ref: sheet.document.ref,
      date: sheet.document.date,
      issuer: sheet.document.issuer,
      subject: sheet.document.subject,
    };
    const statusOf = (item: SheetItem, agency: string | null): string => {
      if (!target.tracking) return item.notes;
      const rows = sheet.tracked.filter(
        (t) =>
          t.itemKey === item.key && (agency === null || agencyKey(t.agency) === agencyKey(agency) || t.agency === ''),
      );
      const statuses = rows.map(
        (t) =>
          (rows.length > 1 && t.agency ? `${t.agency}: ` : '') +
          STATUS_LABELS[t.status] +
          (t.tracking.completedAt ? ` (${vnDate(t.tracking.completedAt)})` : ''),
      );
      return [...statuses, item.notes].filter(Boolean).join('; ');
    };
    const rowOf = (item: SheetItem, stt: number, agency: string | null): SheetRow => ({
      stt: String(stt),
      text: item.text,
      lead: item.lead.length > 0 ? uniqueAgencies(item.lead, index) : ['Các cơ quan, đơn vị'],
      cooperate: uniqueAgencies(item.cooperate, index),
      deadline: deadlineLabel(item.deadline),
      result: statusOf(item, agency),
    });
    const title = target.tracking ? TITLE_TRACK : TITLE_ASSIGN;
    const concerns = (item: SheetItem, agency: string) => {
      const key = agencyKey(agency);
      return (
        item.lead.length === 0 || [...item.lead, ...item.cooperate].some((n) => agencyKey(index.canonical(n)) === key)
      );
    };
    const agencySection = (agency: string): SheetSection => ({
      title,
      agency,
      source,
      // STT stays the row's number on the whole sheet, so the agency can quote it.
      rows: sheet.items.flatMap((item, i) => (concerns(item, agency) ? [rowOf(item, i + 1, agency)] : [])),
      recipients: [agency],
    });
    const base = fileSlug(sheet.document.ref ?? `van-ban-${sheet.document.id}`);
    if (target.agency) {
      const agency = index.canonical(target.agency);
      return {
        print: { office: sheet.office, date: today, sections: [agencySection(agency)] },
        fileName: `${base}-${fileSlug(agency)}`,
      };
    }
    if (target.perAgency) {
      const agencies = uniqueAgencies(
        sheet.items.flatMap((i) => [...i.lead, ...i.cooperate]),
        index,
      );
      return {
        print: { office: sheet.office, date: today, sections: agencies.map(agencySection) },
        fileName: `${base}-theo-co-quan`,
      };
    }
    const section: SheetSection = {
      title,
      agency: null,
      source,
      rows: sheet.items.map((item, i) => rowOf(item, i + 1, null)),
      recipients: uniqueAgencies(
        sheet.items.flatMap((i) => i.lead),
        index,
      ),
    };
    return { print: { office: sheet.office, date: today, sections: [section] }, fileName: base };
  }

  /** Agencies a sheet names, for the per-agency print menu. */
  agenciesOf(documentId: number): string[] {
    const index = this.agencyIndex();
    return uniqueAgencies(
      this.items(documentId).flatMap((i) => [...i.lead, ...i.cooperate]),
      index,
    );
  }
}

function sourceText(s: SheetSource): string {
  const parts = [s.type ?? 'Văn bản'];
  if (s.ref) parts.push(`số ${s.ref}`);
  if (s.date) parts.push(`ngày ${vnDate(s.date)}`);
  if (s.issuer) parts.push(`của ${s.issuer}`);
  return parts.join(' ');
}

/** ASCII file name part: "Công an huyện" → "cong-an-huyen", "571-CV/TU" → "571-cv-tu". */
export function fileSlug(s: string): string {
  return (
    fingerprint(s)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'phieu'
  );
}
