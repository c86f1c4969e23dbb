/**
 * Parsing speed for the bench (issue #3: ≥ 1,000 documents of 5 KB per second on one core).
 * The documents are read into memory first, so only `parseDirective` is timed, on one thread, in
 * CPU time of the process (user + system, GC threads included) and in wall time; the figure is the
 * median of the rounds. It runs in a child process of the bench so its heap does not count in the
 * archive's peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDirective } from '../../shared/parser';
import { normalizeText } from '../../shared/text/vietnamese';

/** Documents measured on a generated corpus (fewer when fewer were generated). */
export const PARSE_SPEED_DOCS = 2000;
const ROUNDS = 3;
/** A small folder is parsed again (whole passes) until a round lasts this long, so timer noise stays small. */
const ROUND_MIN_MS = 1000;
/**
 * Warm-up before any round is timed: the JIT's optimizing tiers and the parser's lazily filled
 * tables. Even after a second of it the first round often comes out ~20 % slower (background
 * compiler threads count in the process's CPU time), hence the median of the rounds.
 */
const WARMUP_DOCS = 300;
const WARMUP_MS = 1000;

export interface ParseRound {
  documents: number;
  cpuSeconds: number;
  wallSeconds: number;
  docsPerCpuSecond: number;
  docsPerWallSecond: number;
}

export interface ParseSpeed {
  documents: number;
  /** .txt files left out because they are not valid UTF-8 (legacy TCVN3/VNI bytes). */
  skipped: number;
  avgBytes: number;
  docsPerCpuSecond: number;
  docsPerWallSecond: number;
  rounds: ParseRound[];
  /** 1-minute load average when the rounds ended: on a shared machine CPU time grows with it. */
  loadAverage: number;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The texts of the readable .txt files, normalized as the import stores them. */
export function readParseTexts(files: readonly string[]): { texts: string[]; skipped: number } {
  const texts: string[] = [];
  let skipped = 0;
  for (const file of files) {
    if (!file.toLowerCase().endsWith('.txt')) continue;
    try {
      texts.push(normalizeText(strictUtf8.decode(readFileSync(file))));
    } catch {
      skipped++;
    }
  }
  return { texts, skipped };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function measureParseSpeed(texts: readonly string[], skipped = 0): ParseSpeed {
  if (texts.length === 0) throw new Error('parse speed: no documents');
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const warm0 = performance.now();
  for (let i = 0; i < WARMUP_DOCS || performance.now() - warm0 < WARMUP_MS; i++)
    parseDirective(texts[i % texts.length]!);
  const rounds: ParseRound[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let parsed = 0;
    do {
      for (const text of texts) parseDirective(text);
      parsed += texts.length;
    } while (performance.now() - wall0 < ROUND_MIN_MS);
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const wallSeconds = (performance.now() - wall0) / 1000;
    rounds.push({
      documents: parsed,
      cpuSeconds: Math.round(cpuSeconds * 1000) / 1000,
      wallSeconds: Math.round(wallSeconds * 1000) / 1000,
      docsPerCpuSecond: Math.round(parsed / cpuSeconds),
      docsPerWallSecond: Math.round(parsed / wallSeconds),
    });
  }
  return {
    documents: texts.length,
    skipped,
    avgBytes: Math.round(bytes / texts.length),
    docsPerCpuSecond: median(rounds.map((r) => r.docsPerCpuSecond)),
    docsPerWallSecond: median(rounds.map((r) => r.docsPerWallSecond)),
    rounds,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

const CHILD_ENV = 'VANTHU_BENCH_PARSE';

/**
 * Measures in a child running `entry` (the bench itself), which calls runParseSpeedChildIfAny.
 * Null when no file is a readable .txt (a folder of .docx/.pdf): its readers are not the parser.
 */
export function measureParseSpeedInChild(entry: string, files: readonly string[], work: string): ParseSpeed | null {
  const list = path.join(work, 'parse-files.json');
  const out = path.join(work, 'parse-speed.json');
  writeFileSync(list, JSON.stringify(files));
  const child = spawnSync(process.execPath, [entry], {
    env: { ...process.env, [CHILD_ENV]: JSON.stringify({ list, out }) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`parse speed child failed (${child.status})`);
  return JSON.parse(readFileSync(out, 'utf8')) as ParseSpeed | null;
}

/** In the child: measure and write the result; false when this process is not that child. */
export function runParseSpeedChildIfAny(): boolean {
  const spec = process.env[CHILD_ENV];
  if (!spec) return false;
  const { list, out } = JSON.parse(spec) as { list: string; out: string };
  const { texts, skipped } = readParseTexts(JSON.parse(readFileSync(list, 'utf8')) as string[]);
  writeFileSync(out, JSON.stringify(texts.length ? measureParseSpeed(texts, skipped) : null));
  return true;
}

export function describeParseSpeed(p: ParseSpeed | null): string {
  if (!p) return 'parse (one thread): no readable .txt document to time';
  return (
    `parse (one thread): ${p.documents} documents of avg ${(p.avgBytes / 1024).toFixed(1)} KB, median of ${p.rounds.length} rounds ` +
    `${p.docsPerCpuSecond} docs per CPU-second, ${p.docsPerWallSecond} per wall-second (load ${p.loadAverage})` +
    (p.skipped ? ` (${p.skipped} non-UTF-8 .txt skipped)` : '')
  );
}
