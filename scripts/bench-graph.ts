/**
 * Citation graph bench (issue #5): `node scripts/run-ts.mjs scripts/bench-graph.ts [--size 10000]
 * [--extra 1000] [--seed N] [--workers N] [--samples 500] [--keep]`.
 *
 * On the search bench's synthetic corpus (scripts/bench/generate.ts, whose manifest is the citation
 * ground truth): import `size` documents through the real parallel path (each document resolved in
 * its own transaction), edges vs ground truth (precision/recall over distinct citing→cited pairs,
 * a missing target counted by its ref and year), full re-resolution time (kept sentences, and from
 * empty graph tables), upward chain and 2-hop neighbourhood latency, then `extra` more documents and
 * how many existing citations they made us look at again. Wall-clock figures on this machine.
 *
 * `--reuse DIR` (a workspace kept with --keep): no generation or import; full re-resolution of the
 * archive there (steady state, then from empty graph tables), quality vs DIR/corpus/manifest.json,
 * latency. For timing resolution changes at 100k without importing again.
 *
 * `--reuse DIR --ui`: `vanthu serve` on that archive and headless Chromium: the graph view of the
 * document with the largest 2-hop neighbourhood among the most cited (capped at 500 nodes): nodes
 * and edges drawn, time to a drawn layout, the longest frame and the page's main-thread CPU time
 * meanwhile (with its longest task), then for 60 wheel steps
 * and 60 drag steps apart: frame times (p50/p95/max), the load average, the renderer's CPU time per
 * step from a Chromium trace (thread time by phase: script, style, layout, paint, raster), the DOM
 * mutations in the canvas, and the longest frame after the last step (a deferred redraw).
 * VANTHU_BIN=…/bin/vanthu.js measures another build (an A/B on the same archive).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../electron/core/archive';
import { insertCounters } from '../electron/core/graph/resolve';
import { importFilesParallel, runImportWorkerIfAny } from '../electron/core/import/parallel';
import { yearOf } from '../shared/graph/keys';
import { refKey } from '../shared/text/ref';
import { generateCorpus, rng, type ManifestEntry } from './bench/generate';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : dflt;
};

function p95(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => Math.round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! * 1000) / 1000;
  return { p50: at(0.5), p95: at(0.95), max: Math.round(s[s.length - 1]! * 1000) / 1000 };
}

export interface GraphQuality {
  expected: number;
  actual: number;
  correct: number;
  precision: number;
  recall: number;
  placeholders: { expected: number; actual: number };
  statuses: Record<string, number>;
}

/** Edges of the archive against the manifest, as distinct (citing file → cited file | missing ref+year) pairs. */
export function measureQuality(archive: Archive, manifest: readonly ManifestEntry[]): GraphQuality {
  const expected = new Set<string>();
  const absent = new Set<string>();
  for (const e of manifest) {
    for (const c of e.citations) {
      const target = c.target ?? `P:${refKey(c.ref)}:${yearOf(c.ref, c.date)}`;
      if (!c.target) absent.add(target);
      expected.add(`${e.file}>${target}`);
    }
  }
  const actual = new Set<string>();
  const rows = archive.db
    .prepare(
      `SELECT fo.file_name AS from_file, tof.file_name AS to_file, p.ref_key AS p_ref, p.year AS p_year
       FROM graph_edges e JOIN originals fo ON fo.document_id = e.from_id
       LEFT JOIN originals tof ON tof.document_id = e.to_doc
       LEFT JOIN graph_placeholders p ON p.id = e.to_placeholder
       WHERE e.citation_id IS NOT NULL AND e.status <> 'ignored'`,
    )
    .all() as { from_file: string; to_file: string | null; p_ref: string | null; p_year: number | null }[];
  const placeholders = new Set<string>();
  for (const r of rows) {
    const target = r.to_file ?? `P:${r.p_ref}:${r.p_year}`;
    if (!r.to_file) placeholders.add(target);
    actual.add(`${r.from_file}>${target}`);
  }
  let correct = 0;
  for (const a of actual) if (expected.has(a)) correct++;
  const statuses = Object.fromEntries(
    (
      archive.db.prepare('SELECT status, count(*) AS n FROM graph_edges GROUP BY status').all() as {
        status: string;
        n: number;
      }[]
    ).map((r) => [r.status, r.n]),
  );
  const r4 = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    expected: expected.size,
    actual: actual.size,
    correct,
    precision: r4(correct / (actual.size || 1)),
    recall: r4(correct / (expected.size || 1)),
    placeholders: { expected: absent.size, actual: placeholders.size },
    statuses,
  };
}

/** Latency of the document page's queries: the upward chain and the 2-hop neighbourhood. */
export function measureLatency(
  archive: Archive,
  samples: number,
  seed: number,
): { chain: ReturnType<typeof p95>; hop2: ReturnType<typeof p95>; hop2Nodes: number } {
  const ids = (archive.db.prepare('SELECT id FROM documents').all() as { id: number }[]).map((r) => r.id);
  const r = rng(seed);
  const chain: number[] = [];
  const hop2: number[] = [];
  let nodes = 0;
  archive.graph.chain(ids[0]!); // first use: catch-up check and statement preparation
  for (let i = 0; i < samples; i++) {
    const id = ids[Math.floor(r() * ids.length)]!;
    let t = performance.now();
    archive.graph.chain(id);
    chain.push(performance.now() - t);
    t = performance.now();
    const g = archive.graph.neighbourhood(id, 'both', 2);
    hop2.push(performance.now() - t);
    nodes += g.nodes.length;
  }
  return { chain: p95(chain), hop2: p95(hop2), hop2Nodes: Math.round(nodes / samples) };
}

function reuse(work: string, samples: number, seed: number): void {
  const manifest = (
    JSON.parse(readFileSync(path.join(work, 'corpus', 'manifest.json'), 'utf8')) as { documents: ManifestEntry[] }
  ).documents;
  const archive = Archive.open(path.join(work, 'archive'));
  const documents = archive.count();
  const steady = archive.graph.resolveAll();
  archive.db.exec('DELETE FROM graph_edges; DELETE FROM graph_placeholders; DELETE FROM graph_docs;');
  const t = performance.now();
  const fromEmpty = archive.graph.resolveAll();
  const fromEmptyMs = Math.round(performance.now() - t);
  const again = archive.graph.resolveAll();
  const quality = measureQuality(archive, manifest.slice(0, documents));
  archive.db.exec('ANALYZE');
  const latency = measureLatency(archive, samples, seed);
  const out = {
    documents,
    machine: { cpus: os.cpus().length, node: process.version },
    steadyState: steady,
    fromEmptyMs,
    fromEmpty,
    again,
    quality,
    latencyMs: latency,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  archive.close();
}

/** Main-thread and raster CPU time of the renderer in a Chromium trace (thread time, so load barely moves it). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}
function traceCpu(json: Buffer): Record<string, number> {
  const events = (JSON.parse(json.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const main = [...names].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
  const sum: Record<string, number> = {};
  const add = (k: string, us: number | undefined): void => void (sum[k] = (sum[k] ?? 0) + (us ?? 0) / 1000);
  // RunTask is the thread's whole time; the phases below are parts of it.
  const phases: Record<string, string> = {
    EventDispatch: 'script',
    FunctionCall: 'script',
    FireAnimationFrame: 'script',
    TimerFire: 'script',
    UpdateLayoutTree: 'style',
    Layout: 'layout',
    PrePaint: 'prePaint',
    Paint: 'paint',
    Layerize: 'layerize',
  };
  const pidsOfMain = new Set(main.map((k) => Number(k.split(':')[0])));
  // Events of one thread nest; a phase is counted at its outermost event only (a FunctionCall inside
  // an EventDispatch is not script time twice).
  const open: Record<string, number> = {};
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph !== 'X') continue;
    const k = `${e.pid}:${e.tid}`;
    if (main.includes(k)) {
      if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') {
        add('mainThread', e.tdur);
        sum.longestTask = Math.max(sum.longestTask ?? 0, (e.tdur ?? 0) / 1000);
      }
      const phase = phases[e.name];
      if (phase && e.ts >= (open[`${k}/${phase}`] ?? 0)) {
        add(phase, e.tdur);
        open[`${k}/${phase}`] = e.ts + (e.dur ?? 0);
      }
    } else if (pidsOfMain.has(e.pid) && e.name === 'RasterTask') add('raster', e.tdur);
  }
  return Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}

async function ui(work: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  process.env.VANTHU_BIN ??= path.resolve('bin', 'vanthu.js');
  const { CHROMIUM_ARGS, findChromium, serve } = await import('../tests/browser/chromium');
  const load = (): string =>
    os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  const archive = Archive.open(path.join(work, 'archive'), { readOnly: true });
  // The most cited documents; the view opens the one whose depth-2 neighbourhood is largest.
  const top = archive.db
    .prepare(
      'SELECT to_doc AS id, count(*) AS n FROM graph_edges WHERE to_doc IS NOT NULL GROUP BY to_doc ORDER BY n DESC LIMIT 20',
    )
    .all() as { id: number }[];
  let best = { id: top[0]!.id, nodes: 0 };
  for (const t of top) {
    const n = archive.graph.neighbourhood(t.id, 'both', 2, 500).nodes.length;
    if (n > best.nodes) best = { id: t.id, nodes: n };
  }
  archive.close();
  const served = await serve(path.join(work, 'archive'), 120000);
  const browser = await chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(served.url);
    await page.waitForSelector('[data-testid="doc-count"]');
    // Every animation frame's interval, and DOM mutations inside the drawing, from here on.
    await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; mutations_: Record<string, number> };
      w.frames_ = [];
      w.mutations_ = {};
      let last = performance.now();
      const tick = (t: number): void => {
        w.frames_.push(t - last);
        last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      // By attribute: `style` is a moved picture, `viewBox` a redraw of every node, `childList` React.
      new MutationObserver((records) => {
        for (const r of records) {
          if (!(r.target instanceof Element) || !r.target.closest('.graph-canvas')) continue;
          const k = r.type === 'attributes' ? r.attributeName! : r.type;
          w.mutations_[k] = (w.mutations_[k] ?? 0) + 1;
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const frames = () =>
      page.evaluate(() => {
        const w = window as unknown as { frames_: number[]; mutations_: Record<string, number> };
        const out = { frames: w.frames_, mutations: w.mutations_ };
        w.frames_ = [];
        w.mutations_ = {};
        return out;
      });
    const t0 = Date.now();
    await page.evaluate((id) => (location.hash = `#/graph/${id}`), best.id);
    await page.waitForSelector('[data-testid="graph-svg"] [data-node]');
    const depth1Ms = Date.now() - t0;
    await page.waitForTimeout(300);
    await frames();
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'cc'] });
    const t1 = Date.now();
    await page.selectOption('[data-testid="graph-depth"]', '2');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="graph-svg"] [data-node]').length >= n,
      Math.min(best.nodes, 500),
    );
    const depth2Ms = Date.now() - t1;
    // The longest frame while the neighbourhood is fetched, laid out and drawn (the first paint of the
    // nodes comes after they are in the DOM, hence the wait): how long the page froze.
    await page.waitForTimeout(400);
    const during = (await frames()).frames;
    const layoutCpu = traceCpu(await browser.stopTracing());
    const drawn = await page.$$eval('[data-testid="graph-svg"] [data-node]', (els) => els.length);
    const edges = await page.$$eval('[data-testid="graph-svg"] path[data-edge]', (els) => els.length);
    // The canvas (a build before it had a test id: its only child, the svg) for A/B runs.
    const box = (await page.locator('[data-testid="graph-canvas"], [data-testid="graph-svg"]').first().boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.waitForTimeout(500);
    await frames();

    const STEPS = 60;
    const gesture = async (run: () => Promise<void>) => {
      const loadAvg = load();
      await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'cc'] });
      const t = Date.now();
      await run();
      const ms = Date.now() - t;
      const f = await frames();
      const cpu = traceCpu(await browser.stopTracing());
      // What is left to draw after the last input (a deferred redraw) is measured on its own.
      await page.waitForTimeout(600);
      const after = await frames();
      const perStep = Object.fromEntries(
        Object.entries(cpu).map(([k, v]) => [k, k === 'longestTask' ? v : Math.round((v / STEPS) * 100) / 100]),
      );
      return {
        loadAvg,
        steps: STEPS,
        ms,
        frameMs: p95(f.frames.slice(1)),
        frames: f.frames.length - 1,
        cpuMsPerStep: perStep,
        domMutations: f.mutations,
        settleFrameMaxMs: Math.round(Math.max(0, ...after.frames) * 10) / 10,
        settleMutations: after.mutations,
      };
    };
    // Zoom in 30 wheel notches around the centre and out again; then pan by dragging 60 steps.
    const zoom = await gesture(async () => {
      for (let i = 0; i < STEPS; i++) await page.mouse.wheel(0, i < STEPS / 2 ? -120 : 120);
    });
    const pan = await gesture(async () => {
      await page.mouse.down();
      for (let i = 0; i < STEPS; i++) await page.mouse.move(cx + i * 5, cy + i * 2);
      await page.mouse.up();
    });
    const out = {
      document: best.id,
      neighbourhoodNodes: best.nodes,
      drawnNodes: drawn,
      drawnEdges: edges,
      depth1Ms,
      depth2Ms,
      layoutLongestFrameMs: Math.round(Math.max(0, ...during) * 10) / 10,
      // Page main thread only (a worker's time is not in it); longestTask is the freeze without load.
      layoutCpuMs: layoutCpu,
      zoom,
      pan,
      machine: { cpus: os.cpus().length, node: process.version },
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } finally {
    await browser.close();
    await served.stop();
  }
}

async function main(): Promise<void> {
  const reuseDir = arg('reuse', '');
  if (reuseDir && process.argv.includes('--ui')) return ui(reuseDir);
  if (reuseDir) return reuse(reuseDir, Number(arg('samples', '500')), Number(arg('seed', '20240501')));
  const size = Number(arg('size', '10000'));
  const extra = Number(arg('extra', '1000'));
  const seed = Number(arg('seed', '20240501'));
  const workers = Number(arg('workers', String(os.cpus().length)));
  const samples = Number(arg('samples', '500'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-graph-'));
  const corpus = path.join(work, 'corpus');
  const log = (s: string): void => void process.stderr.write(s + '\n');
  log(`generating ${size + extra} documents…`);
  const manifest = generateCorpus(corpus, size + extra, seed);
  const archive = Archive.open(path.join(work, 'archive'));
  const files = (m: readonly ManifestEntry[]): string[] => m.map((e) => path.join(corpus, e.file));

  log(`importing ${size} (each batch's graph resolved before its commit)…`);
  let t = performance.now();
  await importFilesParallel(archive.db, files(manifest.slice(0, size)), { workerFile: __filename, workers });
  const importSeconds = (performance.now() - t) / 1000;
  const counters0 = { ...insertCounters };
  const incremental = measureQuality(archive, manifest.slice(0, size));

  const keepSentences = archive.graph.resolveAll();
  archive.db.exec('DELETE FROM graph_edges; DELETE FROM graph_placeholders; DELETE FROM graph_docs;');
  t = performance.now();
  const fromEmpty = archive.graph.resolveAll();
  const fromEmptyMs = Math.round(performance.now() - t);
  const full = measureQuality(archive, manifest.slice(0, size));
  archive.db.exec('ANALYZE');
  const latency = measureLatency(archive, samples, seed);

  log(`importing ${extra} more…`);
  const before = { ...insertCounters };
  t = performance.now();
  await importFilesParallel(archive.db, files(manifest.slice(size, size + extra)), { workerFile: __filename, workers });
  const extraSeconds = (performance.now() - t) / 1000;
  const after = { ...insertCounters };
  const afterExtra = measureQuality(archive, manifest.slice(0, size + extra));
  const totalCitations = (archive.db.prepare('SELECT count(*) AS n FROM citations').get() as { n: number }).n;

  const out = {
    size,
    extra,
    seed,
    machine: { cpus: os.cpus().length, node: process.version },
    importSeconds: Math.round(importSeconds * 10) / 10,
    incrementalQuality: incremental,
    resolveAllKeepSentencesMs: keepSentences.ms,
    resolveAllFromEmptyMs: fromEmptyMs,
    resolveAll: fromEmpty,
    fullQuality: full,
    latencyMs: latency,
    extraImport: {
      seconds: Math.round(extraSeconds * 10) / 10,
      documents: after.documents - before.documents,
      ownCitations: after.own - before.own,
      otherCitationsReresolved: after.touched - before.touched,
      placeholdersReplaced: after.replaced - before.replaced,
      citationsInArchive: totalCitations,
    },
    firstImportCounters: counters0,
    qualityAfterExtra: afterExtra,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  archive.close();
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}

if (!runImportWorkerIfAny()) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
