/**
 * Suggestion latency on the harder case the synthetic archive hides (docs/search.md §Suggestions):
 * the bench corpus has ~150 distinct subjects, a real archive one per document. Usage:
 *
 *   node --expose-gc scripts/run-ts.mjs scripts/bench-suggest.ts [--corpus DIR [--lines 19479]] [--manifest FILE] [--archive DIR] [--rounds 5]
 *
 * --corpus: a folder of bench texts (`npm run bench -- --keep`); its distinct lines of 20–200
 *   characters, in file order, first `--lines`, stand in for subjects. Each line is indexed three
 *   ways and asked the bench's SUGGEST_PREFIXES: the subject index (suggest-index.ts), MiniSearch
 *   as the names use it (name-suggest.ts), and MiniSearch with a cheaper setting (no fuzzy pass).
 * --manifest: a bench manifest.json: MiniSearch over its distinct refs and issuers (a size not
 *   imported here, e.g. the 100k corpus, whose generation takes seconds where its import takes minutes).
 * --archive: an imported archive (kept by the bench): the engine's merged suggestions, and the
 *   name index and subject index each on their own, with build time, heap and entry counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Archive } from '../electron/core/archive';
import { NameIndex, type NameEntry } from '../electron/core/search/name-suggest';
import { SuggestIndex } from '../electron/core/search/suggest-index';
import { SUGGEST_PREFIXES } from './bench/queries';

const argv = process.argv.slice(2);
const get = (name: string): string | null => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? null) : null;
};
const rounds = Number(get('rounds') ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** p50 / p95 / max over `rounds` passes of every prefix (the first pass included: a keystroke is often cold). */
/**
 * Wall time, and this process's CPU time, which a machine shared with other work disturbs much
 * less (waiting for a core is not counted; cache misses still are).
 */
function time(ask: (prefix: string) => unknown): string {
  const wall: number[] = [];
  const cpu: number[] = [];
  const perPrefix = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++)
    for (const p of SUGGEST_PREFIXES) {
      const c = process.cpuUsage();
      const t = performance.now();
      ask(p);
      const ms = performance.now() - t;
      const used = process.cpuUsage(c);
      wall.push(ms);
      cpu.push((used.user + used.system) / 1000);
      perPrefix.set(p, [...(perPrefix.get(p) ?? []), (used.user + used.system) / 1000]);
    }
  const f = (x: number) => x.toFixed(2);
  const pp = (xs: number[]) => {
    const s = xs.sort((a, b) => a - b);
    return `p50 ${f(percentile(s, 50))} / p95 ${f(percentile(s, 95))} / max ${f(s[s.length - 1]!)}`;
  };
  // The median per prefix: a garbage collection lands on any of them, the median shows the work.
  const slowest = [...perPrefix]
    .map(
      ([p, xs]) =>
        [
          p,
          percentile(
            [...xs].sort((a, b) => a - b),
            50,
          ),
        ] as const,
    )
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([p, ms]) => `"${p}" ${f(ms)}`)
    .join(', ');
  return `wall ${pp(wall)} ms; CPU ${pp(cpu)} ms (n=${wall.length}; highest median CPU: ${slowest})`;
}

/** Build time and retained heap (with --expose-gc; without it the heap figure is only indicative). */
function build<T>(make: () => T): { value: T; ms: number; heapMB: number } {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const value = make();
  const ms = performance.now() - t;
  gc?.();
  return { value, ms, heapMB: (process.memoryUsage().heapUsed - before) / 1e6 };
}

const describe = (b: { ms: number; heapMB: number }) => `build ${b.ms.toFixed(0)} ms, heap ${b.heapMB.toFixed(1)} MB`;

function lines(dir: string, count: number): string[] {
  const out = new Set<string>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    for (const raw of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const l = raw.trim();
      if (l.length >= 20 && l.length <= 200) out.add(l);
      if (out.size >= count) return [...out];
    }
  }
  return [...out];
}

const corpus = get('corpus');
if (corpus) {
  const set = lines(corpus, Number(get('lines') ?? 19479));
  console.log(`${set.length} distinct lines of 20–200 characters from ${corpus}`);
  const hand = build(() => new SuggestIndex(set.map((text, i) => ({ kind: 'subject' as const, text, doc: i }))));
  console.log(`subject index (suggest-index.ts): ${describe(hand)}; ${time((p) => hand.value.search(p, 8))}`);
  const entries: NameEntry[] = set.map((text, i) => ({ kind: 'agency', text, aka: [], uses: 1, doc: i }));
  const ms = build(() => new NameIndex(entries));
  console.log(`MiniSearch as name-suggest.ts uses it: ${describe(ms)}; ${time((p) => ms.value.search(p, 8))}`);
}

const manifest = get('manifest');
if (manifest) {
  // Names at a size not imported here: the generator's refs and issuers (agencies need the parser).
  const { documents: docs } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    documents: { ref: string; issuer: string }[];
  };
  const byText = new Map<string, NameEntry>();
  const add = (kind: 'ref' | 'issuer', text: string, doc: number): void => {
    const key = `${kind}:${kind === 'ref' ? text.toLowerCase() : text}`;
    const e = byText.get(key);
    if (e) e.uses++;
    else byText.set(key, { kind, text, aka: [], uses: 1, doc: kind === 'ref' ? doc : null });
  };
  const kinds = (get('kinds') ?? 'ref,issuer').split(',');
  docs.forEach((d, i) => {
    if (kinds.includes('ref')) add('ref', d.ref, i);
    if (kinds.includes('issuer')) add('issuer', d.issuer, i);
  });
  const ms = build(() => new NameIndex([...byText.values()]));
  console.log(
    `${docs.length} documents of ${manifest}: ${byText.size} distinct ${kinds.join(' and ')}s; ${describe(ms)}; ${time((p) => ms.value.search(p, 8))}`,
  );
}

const archiveDir = get('archive');
if (archiveDir) {
  const archive = Archive.open(archiveDir);
  const engine = archive.search;
  const warm = build(() => engine.warmSuggestions());
  const internals = engine as unknown as { suggesters: { names: NameIndex; subjects: SuggestIndex } };
  const { names, subjects } = internals.suggesters;
  const kinds = new Map<string, number>();
  for (const e of names.entries) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  console.log(
    `archive ${archiveDir}: ${describe(warm)}; names ${names.size} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}), subjects ${subjects.size}`,
  );
  console.log(`merged (engine.suggest): ${time((p) => engine.suggest(p))}`);
  console.log(`names only (MiniSearch): ${time((p) => names.search(p, 8))}`);
  console.log(`subjects only (top-k index): ${time((p) => subjects.search(p, 8))}`);
  for (const p of ['cong an', 'ban tuyen giao', 'cogn an', 'phong chong dcih', '15-KH', 'ph'])
    console.log(
      `  ${p} → ${engine
        .suggest(p)
        .map((s) => `${s.kind}:${s.text}`)
        .join(' | ')}`,
    );
  archive.close();
}
