/**
 * Search bench (issue #4): `npm run bench [-- --sizes 1000,10000,100000] [--corpus DIR] [--queries FILE]
 * [--out FILE] [--rounds N] [--workers N] [--seed N] [--keep] [--reuse ARCHIVE_DIR]`. Any folder and query list, e.g.
 * `npm run bench -- --corpus tests/fixtures/corpus --queries scripts/bench/sample-queries.json`.
 *
 * For each corpus: import through the real path (worker threads read+parse+tokenize, the main
 * thread writes), archive size, open-to-first-result, search latency over the query list (with
 * snippets and facets), suggestion latency, and the same queries on a bare FTS5 table
 * (unicode61 remove_diacritics 2, ORDER BY rank LIMIT 20, snippet()). Prints a table and writes JSON.
 * Timings are wall-clock on this machine; nothing here is a test.
 */
import Database from 'better-sqlite3';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Archive } from '../electron/core/archive';
import { storedText } from '../electron/core/db/text';
import { importSources } from '../electron/core/import/pipeline';
import { WORKER_BUNDLE, setImportWorkerFile } from '../electron/core/import/pool';
import { parseQuery, type Atom } from '../shared/search/query';
import { generateCorpus, type ManifestEntry } from './bench/generate';
import {
  describeParseSpeed,
  measureParseSpeedInChild,
  PARSE_SPEED_DOCS,
  runParseSpeedChildIfAny,
  type ParseSpeed,
} from './bench/parse-speed';
import { FIXED_QUERIES, SUGGEST_PREFIXES, refQueries } from './bench/queries';

interface Args {
  sizes: number[];
  corpus: string | null;
  queries: string | null;
  out: string;
  rounds: number;
  workers: number;
  seed: number;
  keep: boolean;
  /** An archive already imported (kept by --keep): measure queries only. */
  reuse: string | null;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string | null => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1]! : null;
  };
  return {
    sizes: (get('sizes') ?? '1000,10000,100000')
      .split(',')
      .map((s) => Number.parseInt(s, 10))
      .filter((n) => n > 0),
    corpus: get('corpus'),
    queries: get('queries'),
    out: get('out') ?? path.join(os.tmpdir(), 'vanthu-bench', 'results.json'),
    // 3 rounds (1 cold + 2 warm) keep the percentiles stable over 58 queries and the bench short.
    rounds: Number.parseInt(get('rounds') ?? '3', 10),
    workers: Number.parseInt(get('workers') ?? String(os.cpus().length), 10),
    seed: Number.parseInt(get('seed') ?? '20240501', 10),
    keep: argv.includes('--keep'),
    reuse: get('reuse'),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function stats(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1] ?? NaN),
    mean: r(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

/** dist/core/import-worker.js, built by `npm run build` (which `npm run bench` runs first). */
function productWorkerFile(): string {
  const file = path.resolve('dist', 'core', WORKER_BUNDLE);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

let gcFunction: (() => void) | undefined;
/** V8's full collection, exposed at run time for the bench's retained-heap figure. */
function fullCollection(): void {
  if (!gcFunction) {
    v8.setFlagsFromString('--expose-gc');
    gcFunction = vm.runInNewContext('gc') as () => void;
  }
  gcFunction();
}

function fileSize(f: string): number {
  return existsSync(f) ? statSync(f).size : 0;
}

/** The same query for a bare FTS5 table: words and phrases as typed, no filters, no folding of đ. */
function bareMatch(query: string): string | null {
  let q;
  try {
    q = parseQuery(query);
  } catch {
    return null;
  }
  const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const atom = (a: Atom): string => {
    switch (a.kind) {
      case 'word':
        return quote(a.word.text);
      case 'phrase':
      case 'long':
        return quote(a.words.map((w) => w.text).join(' '));
      case 'ref':
        return quote([a.parts.number, ...(a.parts.year ? [a.parts.year] : []), ...a.parts.codes].join(' '));
    }
  };
  const clauses = q.must.map((c) => (c.any.length === 1 ? atom(c.any[0]!) : `(${c.any.map(atom).join(' OR ')})`));
  if (clauses.length === 0) return null;
  const nots = q.not.map(atom);
  return clauses.join(' AND ') + (nots.length ? ` NOT (${nots.join(' OR ')})` : '');
}

interface SizeResult {
  documents: number;
  corpus: string;
  corpusBytes: number;
  import: {
    seconds: number;
    docsPerSecond: number;
    imported: number;
    duplicates: number;
    failed: number;
    workers: number;
    mainThreadWriteMsPerDoc: number;
    /**
     * CPU of the whole process (every thread: main, import workers, V8's helpers) over the import,
     * per file: unlike docs/s it does not move with how busy the cores were kept.
     */
    cpuMsPerDoc: number;
    /** That CPU over the import's wall time: 2 means both cores of a 2-core machine were busy throughout. */
    coresBusy: number;
    /** Peak RSS of the process when the import ends (the later "peak RSS" includes searching). */
    peakRssMB: number;
  };
  archive: { bytes: number; ratioToCorpus: number; breakdown: Record<string, number> | null };
  openToFirstResultMs: number;
  /** Peak RSS of the process (main + import workers) after import and our searches, before the bare table. */
  peakRssMB: number;
  search: ReturnType<typeof stats> & { cold: ReturnType<typeof stats> };
  searchByQuery: { query: string; p50: number; total: number; totalExact: boolean }[];
  suggest: ReturnType<typeof stats> & { buildMs: number; heapMB: number };
  /** Loading the facet cache of every document (the app does it in the background). */
  facetWarmMs: number;
  bare: (ReturnType<typeof stats> & { buildSeconds: number; queries: number; skipped: string[] }) | null;
  ratio: { p50: number; p95: number; p99: number } | null;
}

type Measured = Pick<
  SizeResult,
  'openToFirstResultMs' | 'peakRssMB' | 'search' | 'searchByQuery' | 'suggest' | 'facetWarmMs' | 'bare' | 'ratio'
>;

/** Everything measured on an imported archive: first result, warm-up, our queries, suggestions, bare FTS5. */
function measureArchive(label: string, dir: string, queries: string[], args: Args, work: string): Measured {
  // Open → first result, as a user would: a fresh process would also pay the page cache, which we cannot drop here.
  const t2 = performance.now();
  const archive = Archive.open(dir);
  archive.search.search({ query: 'phòng chống dịch' });
  const openToFirstResultMs = performance.now() - t2;

  const engine = archive.search;
  // The app warms both in the background after the first search; here they are timed on their own.
  const tw = performance.now();
  engine.warmFacets();
  const facetWarmMs = performance.now() - tw;
  // Retained heap, not allocation: a full collection on either side (without one the difference
  // was whatever the collector happened to free meanwhile, negative at 100k).
  fullCollection();
  const heapBefore = process.memoryUsage().heapUsed;
  const tb = performance.now();
  engine.warmSuggestions();
  const suggestBuildMs = performance.now() - tb;
  fullCollection();
  const suggestHeapMB = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e5) / 10;
  const samples: number[] = [];
  const cold: number[] = [];
  const perQuery = new Map<string, { times: number[]; total: number; totalExact: boolean }>();
  for (let round = 0; round < args.rounds; round++) {
    for (const q of queries) {
      const t = performance.now();
      let total = 0;
      let totalExact = true;
      try {
        const r = engine.search({ query: q });
        total = r.total;
        totalExact = r.totalExact;
      } catch (error) {
        process.stderr.write(`  ! ${q}: ${(error as Error).message}\n`);
      }
      const ms = performance.now() - t;
      (round === 0 ? cold : samples).push(ms);
      const e = perQuery.get(q) ?? { times: [], total, totalExact };
      e.times.push(ms);
      perQuery.set(q, e);
    }
  }
  if (args.rounds === 1) samples.push(...cold);

  const suggestSamples: number[] = [];
  for (let round = 0; round < args.rounds; round++) {
    for (const p of SUGGEST_PREFIXES) {
      const t = performance.now();
      engine.suggest(p);
      suggestSamples.push(performance.now() - t);
    }
  }

  // Peak so far: generation ran in a child; the bare table below is the bench's, not the app's.
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);

  // Bare FTS5 over the same texts.
  let bare: SizeResult['bare'] = null;
  let ratio: SizeResult['ratio'] = null;
  {
    const bareFile = path.join(work, `bare-${label}.db`);
    rmSync(bareFile, { force: true });
    const bdb = new Database(bareFile);
    bdb.pragma('journal_mode = WAL');
    bdb.exec(`CREATE VIRTUAL TABLE bare USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')`);
    const tbuild = performance.now();
    const insert = bdb.prepare('INSERT INTO bare (rowid, text) VALUES (?, ?)');
    // Plain text, as a bare FTS5 table would be fed (new rows keep it packed: db/text.ts).
    const stored = archive.db.prepare('SELECT id, text, text_packed FROM documents').iterate() as Iterable<{
      id: number;
      text: string;
      text_packed: Buffer | null;
    }>;
    const rows = (function* () {
      for (const r of stored) yield { id: r.id, text: storedText(r) };
    })();
    let batch: { id: number; text: string }[] = [];
    const flush = bdb.transaction((items: { id: number; text: string }[]) => {
      for (const r of items) insert.run(r.id, r.text);
    });
    for (const r of rows) {
      batch.push(r);
      if (batch.length >= 1000) {
        flush(batch);
        batch = [];
      }
    }
    flush(batch);
    const buildSeconds = (performance.now() - tbuild) / 1000;
    const stmt = bdb.prepare(
      `SELECT rowid, snippet(bare, 0, '[', ']', '…', 16) AS s FROM bare WHERE bare MATCH ? ORDER BY rank LIMIT 20`,
    );
    const bareSamples: number[] = [];
    const skipped: string[] = [];
    const ran = queries.map((q) => ({ q, m: bareMatch(q) }));
    for (const { q, m } of ran) if (!m) skipped.push(q);
    // One warm-up round, as for ours.
    for (let round = 0; round < args.rounds; round++) {
      for (const { m } of ran) {
        if (!m) continue;
        const t = performance.now();
        try {
          stmt.all(m);
        } catch {
          // A query the bare table cannot run is skipped, not timed.
        }
        if (round > 0 || args.rounds === 1) bareSamples.push(performance.now() - t);
      }
    }
    bdb.close();
    if (!args.keep) rmSync(bareFile, { force: true });
    rmSync(`${bareFile}-wal`, { force: true });
    rmSync(`${bareFile}-shm`, { force: true });
    bare = {
      ...stats(bareSamples),
      buildSeconds: Math.round(buildSeconds * 10) / 10,
      queries: ran.length - skipped.length,
      skipped,
    };
    const ours = stats(samples);
    ratio = {
      p50: Math.round((ours.p50 / bare.p50) * 1000) / 1000,
      p95: Math.round((ours.p95 / bare.p95) * 1000) / 1000,
      p99: Math.round((ours.p99 / bare.p99) * 1000) / 1000,
    };
  }
  archive.close();
  return {
    openToFirstResultMs: Math.round(openToFirstResultMs),
    peakRssMB,
    search: { ...stats(samples), cold: stats(cold) },
    searchByQuery: [...perQuery].map(([query, e]) => ({
      query,
      p50: stats(e.times).p50,
      total: e.total,
      totalExact: e.totalExact,
    })),
    suggest: { ...stats(suggestSamples), buildMs: Math.round(suggestBuildMs), heapMB: suggestHeapMB },
    facetWarmMs: Math.round(facetWarmMs),
    bare,
    ratio,
  };
}

async function benchCorpus(
  label: string,
  files: string[],
  queries: string[],
  args: Args,
  work: string,
): Promise<SizeResult> {
  const corpusBytes = files.reduce((n, f) => n + fileSize(f), 0);
  const dir = path.join(work, `archive-${label}`);
  rmSync(dir, { recursive: true, force: true });
  const archive = Archive.open(dir);

  process.stderr.write(`[${label}] importing ${files.length} files with ${args.workers} workers…\n`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let lastShown = 0;
  // The same path and the same worker bundle as `vanthu import` and the app. This bench bundle
  // could be its own worker, but each worker would then load the whole bench (with its tables,
  // the generator and the query code): ~90 MB more peak RSS at 10k than the product uses.
  setImportWorkerFile(productWorkerFile());
  const writeStats = { writeMs: 0 };
  const report = await importSources(
    archive.db,
    files.map((f) => ({ kind: 'path' as const, path: f })),
    ({ done, total }) => {
      if (done - lastShown >= 10000 || (done === total && done !== lastShown)) {
        lastShown = done;
        process.stderr.write(`  ${done}/${total} (${Math.round(done / ((performance.now() - t0) / 1000))}/s)\n`);
      }
    },
    [],
    { workers: args.workers, minFilesForWorkers: 1, stats: writeStats, rows: 'problems' },
  );
  const importSeconds = (performance.now() - t0) / 1000;
  const importCpu = process.cpuUsage(cpu0);
  const importCpuSeconds = (importCpu.user + importCpu.system) / 1e6;
  const importPeakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);

  // No FTS5 'optimize' here: the product never runs one, so searches are measured on the index
  // as an import leaves it (FTS5's automerge keeps its segments few).
  archive.db.pragma('wal_checkpoint(TRUNCATE)');
  let breakdown: Record<string, number> | null = null;
  try {
    const rows = archive.db
      .prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`)
      .all() as { name: string; bytes: number }[];
    breakdown = {};
    for (const r of rows) {
      const group = r.name.startsWith('search_fts')
        ? 'search_fts (FTS5 index)'
        : r.name.startsWith('sqlite_autoindex_search') || r.name === 'search_docs'
          ? 'search_docs'
          : r.name;
      breakdown[group] = (breakdown[group] ?? 0) + r.bytes;
    }
  } catch {
    breakdown = null;
  }
  archive.close();
  const archiveBytes = fileSize(path.join(dir, 'vanthu.db')) + fileSize(path.join(dir, 'vanthu.db-wal'));
  const dbFile = readdirSync(dir).find((f) => f.endsWith('.db') || f.endsWith('.sqlite')) ?? 'vanthu.db';
  const archiveTotal = readdirSync(dir).reduce((n, f) => n + fileSize(path.join(dir, f)), 0);
  void archiveBytes;
  void dbFile;

  const measured = measureArchive(label, dir, queries, args, work);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });

  return {
    documents: files.length,
    corpus: label,
    corpusBytes,
    import: {
      seconds: Math.round(importSeconds * 10) / 10,
      docsPerSecond: Math.round(report.imported / importSeconds),
      imported: report.imported,
      duplicates: report.duplicates,
      failed: report.failed,
      workers: args.workers,
      mainThreadWriteMsPerDoc: Math.round((writeStats.writeMs / Math.max(1, files.length)) * 100) / 100,
      cpuMsPerDoc: Math.round(((importCpuSeconds * 1000) / Math.max(1, files.length)) * 1000) / 1000,
      coresBusy: Math.round((importCpuSeconds / importSeconds) * 100) / 100,
      peakRssMB: importPeakRssMB,
    },
    archive: { bytes: archiveTotal, ratioToCorpus: Math.round((archiveTotal / corpusBytes) * 100) / 100, breakdown },
    ...measured,
  };
}

function table(results: SizeResult[]): string {
  const rows: [string, ...string[]][] = [
    ['documents', ...results.map((r) => String(r.documents))],
    ['import docs/s (workers)', ...results.map((r) => `${r.import.docsPerSecond} (${r.import.workers})`)],
    ['import s', ...results.map((r) => String(r.import.seconds))],
    ['failed', ...results.map((r) => String(r.import.failed))],
    ['main-thread write ms/doc', ...results.map((r) => String(r.import.mainThreadWriteMsPerDoc))],
    [
      'import CPU ms/doc, all threads (cores busy)',
      ...results.map((r) => `${r.import.cpuMsPerDoc} (${r.import.coresBusy})`),
    ],
    ['peak RSS MB at the end of the import', ...results.map((r) => String(r.import.peakRssMB))],
    [
      'archive / corpus',
      ...results.map(
        (r) =>
          `${(r.archive.bytes / 1e6).toFixed(1)} MB / ${(r.corpusBytes / 1e6).toFixed(1)} MB = ${r.archive.ratioToCorpus}×`,
      ),
    ],
    ['open → first result ms', ...results.map((r) => String(r.openToFirstResultMs))],
    ['peak RSS MB (before bare)', ...results.map((r) => String(r.peakRssMB))],
    ['search p50/p95/p99 ms', ...results.map((r) => `${r.search.p50} / ${r.search.p95} / ${r.search.p99}`)],
    ['search cold round p50/p95', ...results.map((r) => `${r.search.cold.p50} / ${r.search.cold.p95}`)],
    [
      'bare FTS5 p50/p95/p99 ms',
      ...results.map((r) => (r.bare ? `${r.bare.p50} / ${r.bare.p95} / ${r.bare.p99}` : '—')),
    ],
    ['ours ÷ bare p50/p95', ...results.map((r) => (r.ratio ? `${r.ratio.p50} / ${r.ratio.p95}` : '—'))],
    [
      'suggest p50/p95 ms (build ms, heap MB)',
      ...results.map((r) => `${r.suggest.p50} / ${r.suggest.p95} (${r.suggest.buildMs}, ${r.suggest.heapMB})`),
    ],
    ['facet cache warm ms', ...results.map((r) => String(r.facetWarmMs))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ')).join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  if (process.env.VANTHU_BENCH_MEMORY) {
    // Where the memory goes over the run (RSS vs JS heap vs native/external), every 10 s on stderr.
    setInterval(() => {
      const m = process.memoryUsage();
      const mb = (x: number): number => Math.round(x / 1e6);
      process.stderr.write(
        `  [mem ${Math.round((performance.now() - started) / 1000)} s] rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} MB\n`,
      );
    }, 10000).unref();
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-'));
  const results: SizeResult[] = [];
  const queries = args.queries ? (JSON.parse(readFileSync(args.queries, 'utf8')) as string[]) : FIXED_QUERIES;
  if (!Array.isArray(queries) || !queries.every((q) => typeof q === 'string'))
    throw new Error('--queries: a JSON array of strings');

  if (args.reuse) {
    // Re-measure a kept archive (after a search change) without importing again.
    const measured = measureArchive(path.basename(args.reuse), args.reuse, queries, { ...args, keep: true }, work);
    mkdirSync(path.dirname(args.out), { recursive: true });
    writeFileSync(
      args.out,
      JSON.stringify({ when: new Date().toISOString(), reuse: args.reuse, ...measured }, null, 2),
    );
    const m = measured;
    process.stdout.write(
      [
        `open → first result ${m.openToFirstResultMs} ms; facet warm ${m.facetWarmMs} ms; peak RSS ${m.peakRssMB} MB`,
        `search p50/p95/p99 ${m.search.p50} / ${m.search.p95} / ${m.search.p99} ms (cold ${m.search.cold.p50} / ${m.search.cold.p95})`,
        `bare FTS5 p50/p95/p99 ${m.bare?.p50} / ${m.bare?.p95} / ${m.bare?.p99} ms; ratio ${m.ratio?.p50} / ${m.ratio?.p95} / ${m.ratio?.p99}`,
        `suggest p50/p95 ${m.suggest.p50} / ${m.suggest.p95} ms (build ${m.suggest.buildMs} ms, heap ${m.suggest.heapMB} MB)`,
        `JSON: ${args.out}`,
      ].join('\n') + '\n',
    );
    rmSync(work, { recursive: true, force: true });
    return;
  }
  let parse: ParseSpeed | null;
  if (args.corpus) {
    const files = readdirSync(args.corpus, { recursive: true, withFileTypes: false })
      .map((f) => path.join(args.corpus!, String(f)))
      .filter((f) => statSync(f).isFile() && !f.endsWith('manifest.json') && !f.endsWith('bench-plan.json'))
      .sort();
    parse = measureParseSpeedInChild(__filename, files, work);
    results.push(await benchCorpus(path.basename(args.corpus), files, queries, args, work));
  } else {
    const max = Math.max(...args.sizes);
    const corpusDir = path.join(work, `corpus-${max}`);
    process.stderr.write(`generating ${max} documents (seed ${args.seed}) in ${corpusDir}…\n`);
    const tg = performance.now();
    // Generated in a child process, so the generator's memory (the manifest of 100k documents) is
    // not counted in the archive's peak RSS; the child hands back only file names and ref queries.
    const sizes = [...args.sizes].sort((a, b) => a - b);
    const child = spawnSync(process.execPath, [__filename], {
      env: {
        ...process.env,
        VANTHU_BENCH_GENERATE: JSON.stringify({ dir: corpusDir, count: max, seed: args.seed, sizes }),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`generator failed (${child.status})`);
    const plan = JSON.parse(readFileSync(path.join(corpusDir, 'bench-plan.json'), 'utf8')) as {
      files: string[];
      refs: Record<string, string[]>;
    };
    process.stderr.write(`  ${((performance.now() - tg) / 1000).toFixed(1)} s\n`);
    const parseFiles = plan.files.slice(0, PARSE_SPEED_DOCS).map((f) => path.join(corpusDir, f));
    parse = measureParseSpeedInChild(__filename, parseFiles, work);
    for (const size of sizes) {
      const withRefs = args.queries ? queries : [...queries, ...(plan.refs[String(size)] ?? [])];
      results.push(
        await benchCorpus(
          String(size),
          plan.files.slice(0, size).map((f) => path.join(corpusDir, f)),
          withRefs,
          args,
          work,
        ),
      );
    }
    if (!args.keep) rmSync(corpusDir, { recursive: true, force: true });
    else process.stderr.write(`corpus kept in ${corpusDir} (manifest.json = citation ground truth)\n`);
  }
  if (!args.keep) rmSync(work, { recursive: true, force: true });

  const output = {
    when: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? '',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    rounds: args.rounds,
    queries: queries.length,
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    parse,
    results,
  };
  mkdirSync(path.dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(output, null, 2));
  process.stdout.write(table(results) + '\n');
  process.stdout.write(describeParseSpeed(parse) + '\n');
  process.stdout.write(`peak RSS ${output.peakRssMB} MB; total ${output.totalSeconds} s; JSON: ${args.out}\n`);
}

/** The generator child: writes the corpus, its manifest, and a small plan for the parent. */
function generateOnly(spec: { dir: string; count: number; seed: number; sizes: number[] }): void {
  const manifest: ManifestEntry[] = generateCorpus(spec.dir, spec.count, spec.seed);
  const refs: Record<string, string[]> = {};
  for (const size of spec.sizes) refs[String(size)] = refQueries(manifest.slice(0, size));
  writeFileSync(path.join(spec.dir, 'bench-plan.json'), JSON.stringify({ files: manifest.map((m) => m.file), refs }));
}

if (process.env.VANTHU_BENCH_GENERATE) {
  generateOnly(
    JSON.parse(process.env.VANTHU_BENCH_GENERATE) as { dir: string; count: number; seed: number; sizes: number[] },
  );
} else if (!runParseSpeedChildIfAny()) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
