/**
 * The office's agency list: matching what directives write ("BCH Quân sự huyện", "mặt trận Tổ
 * quốc", "Công an") to one canonical name, and autocomplete. Matching is accent- and
 * case-insensitive on whole names, never on fragments: "Công an huyện" must not match
 * "Công an tỉnh".
 */
import { foldVi } from '../text/vietnamese';
import type { Agency } from './types';

/**
 * agencyKey results: a dashboard keys every task's agencies (~10 a directive, a few hundred
 * distinct names in an archive), and seven passes over each name cost more than the lookup.
 */
const KEY_CACHE = new Map<string, string>();
const KEY_CACHE_MAX = 4096;

/** Folded, punctuation as spaces, "UBND"/"Ủy ban nhân dân" and "MTTQ" spelled one way. */
export function agencyKey(name: string): string {
  let key = KEY_CACHE.get(name);
  if (key === undefined) {
    key = foldedAgencyKey(name);
    if (KEY_CACHE.size >= KEY_CACHE_MAX) KEY_CACHE.clear();
    KEY_CACHE.set(name, key);
  }
  return key;
}

function foldedAgencyKey(name: string): string {
  // foldVi decomposes first: NFC and NFD spellings of a name get one key.
  return foldVi(name)
    .replace(/[–—-]/g, ' ')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .replace(/\buy ban nhan dan\b/g, 'ubnd')
    .replace(/\bban chi huy\b/g, 'bch')
    .replace(/\buy ban mat tran to quoc( viet nam)?\b/g, 'mttq')
    .replace(/\bmat tran to quoc( viet nam)?\b/g, 'mttq')
    .replace(/\bubmttq\b/g, 'mttq')
    .replace(/\s+/g, ' ')
    .trim();
}

export class AgencyIndex {
  private readonly byKey = new Map<string, Agency>();

  constructor(readonly agencies: readonly Agency[]) {
    for (const agency of agencies) {
      for (const name of [agency.name, agency.short, ...agency.aliases]) {
        const key = agencyKey(name);
        // The first agency listed wins a shared alias; the settings form warns about duplicates
        // (duplicateAgencyNames).
        if (key && !this.byKey.has(key)) this.byKey.set(key, agency);
      }
    }
  }

  resolve(name: string): Agency | null {
    return this.byKey.get(agencyKey(name)) ?? null;
  }

  /** The office's name for it when listed, else the text as written (trimmed). */
  canonical(name: string): string {
    return this.resolve(name)?.name ?? name.replace(/\s+/g, ' ').trim();
  }

  /** Autocomplete: names, short names and aliases starting with, then containing, what was typed. */
  suggest(typed: string, limit = 8): Agency[] {
    const q = agencyKey(typed);
    if (!q) return this.agencies.slice(0, limit);
    const starts: Agency[] = [];
    const contains: Agency[] = [];
    for (const agency of this.agencies) {
      const keys = [agency.name, agency.short, ...agency.aliases].map(agencyKey);
      if (keys.some((k) => k.startsWith(q))) starts.push(agency);
      else if (keys.some((k) => k.includes(q))) contains.push(agency);
    }
    return [...starts, ...contains].slice(0, limit);
  }

  /** Names listed twice (same folded key on two agencies): shown as a warning in the settings form. */
  duplicates(): string[] {
    const seen = new Map<string, string>();
    const dups: string[] = [];
    for (const agency of this.agencies) {
      for (const name of new Set([agency.name, agency.short, ...agency.aliases].map(agencyKey).filter(Boolean))) {
        const owner = seen.get(name);
        if (owner !== undefined && owner !== agency.name) dups.push(name);
        else seen.set(name, agency.name);
      }
    }
    return dups;
  }
}

/** Same agency written two ways, in the order first seen. */
export function uniqueAgencies(names: readonly string[], index: AgencyIndex): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const canonical = index.canonical(name);
    const key = agencyKey(canonical);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(canonical);
  }
  return out;
}

/** The settings form's agency list, one agency per line: "Tên | Viết tắt | bí danh; bí danh". */
export function agenciesToLines(agencies: readonly Agency[]): string {
  return agencies.map((x) => [x.name, x.short, x.aliases.join('; ')].join(' | ')).join('\n');
}

interface AgencyLine extends Agency {
  /** 1-based, as the clerk counts lines. */
  line: number;
}

function readAgencyLines(text: string): { lines: AgencyLine[]; nameless: number[] } {
  const lines: AgencyLine[] = [];
  const nameless: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const [name = '', short = '', aliases = ''] = raw.split('|').map((s) => s.trim());
    const aliasList = aliases
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    if (name) lines.push({ line: i + 1, name, short, aliases: aliasList });
    else if (short || aliasList.length > 0) nameless.push(i + 1);
  });
  return { lines, nameless };
}

/**
 * Reads the settings form's agency list. An empty line separates nothing and is skipped; a line
 * with a short name or aliases but no name ("| CA huyện | Công an") is not an agency yet, and was
 * dropped on save without a word, its aliases with it: its 1-based number is returned so the form
 * can say which line to fix, and nothing is saved.
 */
export function linesToAgencies(text: string): { agencies: Agency[]; nameless: number[] } {
  const { lines, nameless } = readAgencyLines(text);
  return { agencies: lines.map(({ name, short, aliases }) => ({ name, short, aliases })), nameless };
}

/**
 * Names (or short names, aliases) written on two lines of the list, as first typed, with the lines:
 * a task naming one goes to the first of those agencies only (AgencyIndex), which the form says.
 */
export function duplicateAgencyNames(text: string): { name: string; lines: number[] }[] {
  const byKey = new Map<string, { name: string; lines: number[] }>();
  for (const line of readAgencyLines(text).lines) {
    for (const name of [line.name, line.short, ...line.aliases]) {
      const key = agencyKey(name);
      if (!key) continue;
      const seen = byKey.get(key);
      if (!seen) byKey.set(key, { name, lines: [line.line] });
      else if (!seen.lines.includes(line.line)) seen.lines.push(line.line);
    }
  }
  return [...byKey.values()].filter((d) => d.lines.length > 1);
}

/** The settings form's warning about names on two lines, or null. */
export function duplicateAgencyMessage(duplicates: readonly { name: string; lines: number[] }[]): string | null {
  if (duplicates.length === 0) return null;
  const shown = duplicates
    .slice(0, 5)
    .map((d) => `«${d.name}» (dòng ${d.lines.join(', ')})`)
    .join('; ');
  const more = duplicates.length > 5 ? ` và ${duplicates.length - 5} tên khác` : '';
  return `Tên có ở nhiều cơ quan: ${shown}${more}. Nhiệm vụ ghi tên đó được tính cho cơ quan ở dòng đầu tiên.`;
}

/** What the settings form says about lines without a name, or null when every line has one. */
export function namelessAgencyMessage(lines: readonly number[]): string | null {
  if (lines.length === 0) return null;
  const which = lines.length === 1 ? `Dòng ${lines[0]}` : `Các dòng ${lines.join(', ')}`;
  return `${which} của danh sách cơ quan chưa có tên cơ quan (phần trước dấu «|»). Hãy điền tên, hoặc xóa dòng nếu không dùng.`;
}

const a = (name: string, short: string, ...aliases: string[]): Agency => ({ name, short, aliases });

/** A starting list for a district office (Huyện ủy / UBND huyện); the clerk edits it in Cài đặt. */
export const DISTRICT_AGENCY_TEMPLATE: readonly Agency[] = [
  a('UBND huyện', 'UBND huyện', 'Ủy ban nhân dân huyện'),
  a('Công an huyện', 'CA huyện', 'Công an'),
  a('Ban Chỉ huy Quân sự huyện', 'BCH Quân sự huyện', 'BCH Quân sự', 'Ban CHQS huyện', 'BCHQS huyện', 'Quân sự huyện'),
  a('Trung tâm Y tế huyện', 'TTYT huyện', 'Trung tâm Y tế'),
  a('Ban Dân vận Huyện ủy', 'Ban Dân vận', 'Ban Dân vận huyện'),
  a('Ban Tuyên giáo Huyện ủy', 'Ban Tuyên giáo', 'Ban Tuyên giáo huyện'),
  a('Ban Tổ chức Huyện ủy', 'Ban Tổ chức', 'Ban Tổ chức huyện'),
  a('Ủy ban Kiểm tra Huyện ủy', 'UBKT Huyện ủy', 'Ủy ban Kiểm tra'),
  a('Văn phòng Huyện ủy', 'VP Huyện ủy'),
  a('Ủy ban MTTQ Việt Nam huyện', 'MTTQ huyện', 'MTTQ', 'Mặt trận Tổ quốc', 'Ủy ban MTTQ huyện', 'Ủy ban MTTQ'),
  a('Phòng Tài chính – Kế hoạch', 'Phòng TC-KH', 'Phòng Tài chính - Kế hoạch'),
  a('Phòng Văn hóa – Thông tin', 'Phòng VH-TT', 'phòng Văn hóa - Thông tin'),
  a('Phòng Y tế', 'Phòng Y tế'),
  a('Phòng Giáo dục và Đào tạo', 'Phòng GD&ĐT'),
  a('Phòng Lao động – Thương binh và Xã hội', 'Phòng LĐ-TB&XH'),
  a('Trung tâm Văn hóa – Thông tin và Thể thao huyện', 'Trung tâm VH-TT&TT', 'Trung tâm Văn hóa - TT&TT huyện'),
  a('Các xã, thị trấn', 'Các xã, thị trấn', 'UBND các xã, thị trấn'),
];
