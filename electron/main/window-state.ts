/**
 * Remembers the main window's size and position in <userData>/window-state.json. The file is
 * untrusted input (hand-edited, from another PC, from a monitor that is gone): anything malformed
 * is ignored, and a position that would put the title bar off every screen is dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeFolder } from '../core/folders';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_STATE: WindowState = { width: 1200, height: 800, maximized: false };
export const MIN_SIZE = { width: 800, height: 560 } as const;
const MAX_SIDE = 16384;
/** How much of the title bar must lie on some screen for a remembered position to be kept. */
const VISIBLE_TITLE = { width: 120, height: 24 } as const;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 100000;

function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/** Validates raw JSON against the current screens; returns a state that is always safe to apply. */
export function sanitizeWindowState(raw: unknown, workAreas: readonly Rect[]): WindowState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_STATE };
  const r = raw as Record<string, unknown>;
  const clampSide = (v: unknown, min: number, fallback: number) =>
    isInt(v) ? Math.min(Math.max(v, min), MAX_SIDE) : fallback;
  const state: WindowState = {
    width: clampSide(r.width, MIN_SIZE.width, DEFAULT_STATE.width),
    height: clampSide(r.height, MIN_SIZE.height, DEFAULT_STATE.height),
    maximized: r.maximized === true,
  };
  if (isInt(r.x) && isInt(r.y)) {
    const titleBar: Rect = { x: r.x, y: r.y, width: state.width, height: VISIBLE_TITLE.height };
    const visible = workAreas.some((area) => {
      const overlap = intersection(titleBar, area);
      return (
        overlap !== null &&
        overlap.width >= Math.min(VISIBLE_TITLE.width, state.width) &&
        overlap.height >= VISIBLE_TITLE.height / 2
      );
    });
    if (visible) {
      state.x = r.x;
      state.y = r.y;
    }
  }
  return state;
}

export function loadWindowState(dir: string, workAreas: readonly Rect[]): WindowState {
  try {
    return sanitizeWindowState(JSON.parse(fs.readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8')), workAreas);
  } catch {
    return { ...DEFAULT_STATE };
  }
}

/** Best effort: a failed write only means the next start uses the default size. */
export function saveWindowState(dir: string, bounds: Rect, maximized: boolean): void {
  const state: WindowState = { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized };
  const file = path.join(dir, WINDOW_STATE_FILE);
  try {
    makeFolder(dir);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // ignore: see above
  }
}
