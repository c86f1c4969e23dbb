/**
 * Parser evaluation over the labelled fixtures: tests/fixtures/samples (expectations in samples-expected),
 * tests/fixtures/corpus and the held-out set tests/fixtures/corpus-heldout.
 * Prints per-field accuracy, citation precision/recall/F1, task agreement, speed on ~5 KB documents,
 * and a final JSON line. Exits 1 when citation F1 < 0.97 or any field accuracy < 0.95.
 *
 *   npm run eval:parser                                         all labelled folders
 *   npm run eval:parser -- --dir tests/fixtures/corpus-heldout  one folder (texts and expectations side by side); repeatable
 *   npm run eval:parser -- --verbose                            every miss
 */
import path from 'node:path';
import { META_FIELDS, type MetaField } from '../shared/model/directive';
import { parseDirective } from '../shared/parser';
import { score } from '../shared/parser/evaluate';
import { fixtureDirs, loadFixtures } from '../tests/shared/parser/fixtures';

const FIELD_MIN = 0.95;
const CITATION_F1_MIN = 0.97;
/** Speed is measured on documents of about this many UTF-8 bytes (the issue's "5 KB"). */
const SPEED_DOC_BYTES = 5 * 1024;
/** Parse for at least this long, so the timing is not noise. */
const SPEED_MIN_MS = 3000;

// Run from the repository root (npm run eval:parser): the bundle's __dirname is a temporary folder.
const args = process.argv.slice(2);
const dirs: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dir' && args[i + 1]) dirs.push(args[++i]!);
  else if (args[i]!.startsWith('--dir=')) dirs.push(args[i]!.slice('--dir='.length));
}
const docs = loadFixtures(
  dirs.length
    ? dirs.map((d) => ({ texts: path.resolve(d), expected: path.resolve(d) }))
    : fixtureDirs(path.join(process.cwd(), 'tests', 'fixtures')),
);
if (docs.length === 0) {
  console.error(`no labelled documents in ${dirs.join(', ') || 'tests/fixtures'}`);
  process.exit(2);
}

const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const totals = Object.fromEntries(META_FIELDS.map((f) => [f, { ok: 0, n: 0 }])) as Record<
  MetaField,
  { ok: number; n: number }
>;
let tp = 0;
let fn = 0;
let fp = 0;
let relationOk = 0;
let tasksOk = 0;
let tasksN = 0;

for (const doc of docs) {
  const result = parseDirective(doc.text);
  const s = score(doc.text, doc.expected, result);
  for (const [f, ok] of Object.entries(s.fields) as [MetaField, boolean][]) {
    totals[f].n++;
    if (ok) totals[f].ok++;
    else if (verbose) {
      const exp = (doc.expected as Record<string, unknown>)[f];
      console.log(`  ✗ ${doc.name} ${f}: expected ${JSON.stringify(exp)} got ${JSON.stringify(result[f])}`);
    }
  }
  tp += s.matched.length;
  fn += s.missed.length;
  fp += s.spurious.length;
  relationOk += s.matched.filter((m) => !m.gold.relation || m.gold.relation === m.predicted.relation).length;
  if (verbose) {
    for (const m of s.missed) console.log(`  ✗ ${doc.name} missed citation: ${m.text}`);
    for (const c of s.spurious) console.log(`  ✗ ${doc.name} spurious citation: ${c.text}`);
    for (const m of s.matched)
      if (m.gold.relation && m.gold.relation !== m.predicted.relation)
        console.log(
          `  ✗ ${doc.name} relation of ${m.gold.text}: expected ${m.gold.relation} got ${m.predicted.relation}`,
        );
  }
  if (s.tasksOk !== null) {
    tasksN++;
    if (s.tasksOk) tasksOk++;
    else if (verbose)
      console.log(
        `  ✗ ${doc.name} tasks: expected ${JSON.stringify(doc.expected.tasks)} got ${JSON.stringify(result.tasks.map((t) => t.lead))}`,
      );
  }
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';
console.log(`Parser evaluation: ${docs.length} documents${dirs.length ? ` in ${dirs.join(', ')}` : ''}`);
console.log('Field accuracy:');
const fieldAccuracy: Record<string, number> = {};
for (const f of META_FIELDS) {
  const t = totals[f];
  const acc = t.n ? t.ok / t.n : 1;
  fieldAccuracy[f] = Number(acc.toFixed(4));
  console.log(`  ${f.padEnd(15)} ${pct(acc)}  (${t.ok}/${t.n})`);
}
const precision = tp + fp ? tp / (tp + fp) : 1;
const recall = tp + fn ? tp / (tp + fn) : 1;
const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
console.log(
  `Citations: precision ${pct(precision)}  recall ${pct(recall)}  F1 ${pct(f1)}  (tp ${tp}, fp ${fp}, fn ${fn})`,
);
console.log(`  relation agreement on matched citations: ${pct(tp ? relationOk / tp : 1)}`);
console.log(`Tasks (count and leads as labelled): ${pct(tasksN ? tasksOk / tasksN : 1)}  (${tasksOk}/${tasksN})`);

// ---- Speed ----
// Each labelled document grown to ~5 KB of UTF-8 the way long directives are long: more body
// paragraphs (numbered items, citing sentences) borrowed from the other documents, inserted before
// "Nơi nhận". Every document keeps its own header and signature, so every stage does real work.
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const bodyLines = docs.flatMap((d) =>
  d.text.split('\n').filter((l) => /^(?:\d{1,2}[.)]|[a-zđ]\)|-\s|Thực hiện|Căn cứ|Theo)/u.test(l) && l.length > 40),
);
function grow(text: string, seed: number): string {
  const lines = text.split('\n');
  let at = lines.findIndex((l) => /^\s*Nơi nhận/u.test(l));
  if (at < 0) at = lines.length;
  const extra: string[] = [];
  let size = utf8(text);
  for (let k = seed; size < SPEED_DOC_BYTES && bodyLines.length; k++) {
    const line = bodyLines[k % bodyLines.length]!;
    extra.push(line);
    size += utf8(line) + 1;
  }
  return [...lines.slice(0, at), ...extra, ...lines.slice(at)].join('\n');
}
const speedDocs = docs.map((d, i) => (utf8(d.text) >= SPEED_DOC_BYTES ? d.text : grow(d.text, i * 7)));
const avgBytes = speedDocs.reduce((n, t) => n + utf8(t), 0) / speedDocs.length;
for (const t of speedDocs) parseDirective(t); // warm-up: JIT and lazily built tables
// Shared machines run other jobs: wall time then measures the neighbours. CPU time of this
// process (user + system, GC threads included, so it errs on the slow side) is what one core
// spends; both are printed, and the pass/fail speed figure is the median of five CPU-timed rounds.
const rounds: { docs: number; cpu: number; wall: number }[] = [];
for (let r = 0; r < 5; r++) {
  let docsDone = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < SPEED_MIN_MS / 5) {
    for (const t of speedDocs) parseDirective(t);
    docsDone += speedDocs.length;
  }
  const c = process.cpuUsage(c0);
  rounds.push({ docs: docsDone, cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 });
}
const perCpu = rounds.map((r) => r.docs / r.cpu).sort((a, b) => a - b);
const perWall = rounds.map((r) => r.docs / r.wall).sort((a, b) => a - b);
const docsPerSecond = perCpu[2]!;
const wallDocsPerSecond = perWall[2]!;
const parsed = rounds.reduce((n, r) => n + r.docs, 0);
console.log(
  `Speed (one core): ${parsed} documents of avg ${(avgBytes / 1024).toFixed(1)} KB UTF-8; median of 5 rounds ${docsPerSecond.toFixed(0)} docs per CPU-second (${((docsPerSecond * avgBytes) / 1048576).toFixed(2)} MB/s), ${wallDocsPerSecond.toFixed(0)} docs per wall-second`,
);
const SPEED_MIN_DOCS = 1000;
if (docsPerSecond < SPEED_MIN_DOCS) console.log(`  below the target of ${SPEED_MIN_DOCS} documents of 5 KB per second`);

const failedFields = Object.entries(fieldAccuracy)
  .filter(([, a]) => a < FIELD_MIN)
  .map(([f]) => f);
const pass = f1 >= CITATION_F1_MIN && failedFields.length === 0;
console.log(
  JSON.stringify({
    documents: docs.length,
    fields: fieldAccuracy,
    citations: {
      precision: Number(precision.toFixed(4)),
      recall: Number(recall.toFixed(4)),
      f1: Number(f1.toFixed(4)),
      tp,
      fp,
      fn,
    },
    relationAgreement: Number((tp ? relationOk / tp : 1).toFixed(4)),
    tasks: Number((tasksN ? tasksOk / tasksN : 1).toFixed(4)),
    docsPerSecond: Math.round(docsPerSecond),
    wallDocsPerSecond: Math.round(wallDocsPerSecond),
    speedDocBytes: Math.round(avgBytes),
    pass,
    failedFields,
  }),
);
process.exit(pass ? 0 : 1);
