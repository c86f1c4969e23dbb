/**
 * Parser evaluation over the labelled fixtures (tests/fixtures/corpus, and tests/fixtures/samples with expectations in samples-expected).
 * Prints per-field accuracy, citation precision/recall/F1, a speed figure, and a final JSON line.
 * Exits 1 when citation F1 < 0.97 or any field accuracy < 0.95.
 */
import path from 'node:path';
import { META_FIELDS, type MetaField } from '../shared/model/directive';
import { parseDirective } from '../shared/parser';
import { score } from '../shared/parser/evaluate';
import { fixtureDirs, loadFixtures } from '../tests/shared/parser/fixtures';

const FIELD_MIN = 0.95;
const CITATION_F1_MIN = 0.97;
/** Repeat the corpus until this many bytes are parsed, so the timing is not noise. */
const SPEED_BYTES = 5 * 1024 * 1024;

// Run from the repository root (npm run eval:parser): the bundle's __dirname is a temporary folder.
const docs = loadFixtures(fixtureDirs(path.join(process.cwd(), 'tests', 'fixtures')));

const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const totals = Object.fromEntries(META_FIELDS.map((f) => [f, { ok: 0, n: 0 }])) as Record<MetaField, { ok: number; n: number }>;
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
    for (const m of s.matched) if (m.gold.relation && m.gold.relation !== m.predicted.relation) console.log(`  ✗ ${doc.name} relation of ${m.gold.text}: expected ${m.gold.relation} got ${m.predicted.relation}`);
  }
  if (s.tasksOk !== null) {
    tasksN++;
    if (s.tasksOk) tasksOk++;
    else if (verbose) console.log(`  ✗ ${doc.name} tasks: expected ${JSON.stringify(doc.expected.tasks)} got ${JSON.stringify(result.tasks.map((t) => t.lead))}`);
  }
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';
console.log(`Parser evaluation: ${docs.length} documents`);
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
console.log(`Citations: precision ${pct(precision)}  recall ${pct(recall)}  F1 ${pct(f1)}  (tp ${tp}, fp ${fp}, fn ${fn})`);
console.log(`  relation agreement on matched citations: ${pct(tp ? relationOk / tp : 1)}`);
console.log(`Tasks (count and leads as labelled): ${pct(tasksN ? tasksOk / tasksN : 1)}  (${tasksOk}/${tasksN})`);

// ---- Speed ----
const corpusBytes = docs.reduce((n, d) => n + d.text.length * 2, 0);
const rounds = Math.max(1, Math.ceil(SPEED_BYTES / Math.max(1, corpusBytes)));
const t0 = performance.now();
let parsed = 0;
for (let r = 0; r < rounds; r++) {
  for (const d of docs) {
    parseDirective(d.text);
    parsed++;
  }
}
const seconds = (performance.now() - t0) / 1000;
const avgKb = corpusBytes / docs.length / 1024;
const docsPerSecond = parsed / seconds;
console.log(`Speed: ${parsed} documents (avg ${avgKb.toFixed(1)} KB UTF-16) in ${seconds.toFixed(2)} s = ${docsPerSecond.toFixed(0)} docs/s, ${((docsPerSecond * avgKb) / 1024).toFixed(2)} MB/s`);

const failedFields = Object.entries(fieldAccuracy).filter(([, a]) => a < FIELD_MIN).map(([f]) => f);
const pass = f1 >= CITATION_F1_MIN && failedFields.length === 0;
console.log(
  JSON.stringify({
    documents: docs.length,
    fields: fieldAccuracy,
    citations: { precision: Number(precision.toFixed(4)), recall: Number(recall.toFixed(4)), f1: Number(f1.toFixed(4)), tp, fp, fn },
    relationAgreement: Number((tp ? relationOk / tp : 1).toFixed(4)),
    tasks: Number((tasksN ? tasksOk / tasksN : 1).toFixed(4)),
    docsPerSecond: Math.round(docsPerSecond),
    pass,
    failedFields,
  }),
);
process.exit(pass ? 0 : 1);
