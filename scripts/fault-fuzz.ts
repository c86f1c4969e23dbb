/**
 * Bad-input fuzz (issue #7): 2,000+ generated bad files (random bytes, truncated .docx/.pdf/.doc, zip
 * bombs disguised as .docx, a 200 MB text, NUL bytes, invalid UTF-8, deeply nested HTML, names with
 * ../ and Windows-reserved names) through the real import path, with a time limit per file.
 *
 *   NODE_PATH=node_modules node scripts/run-ts.mjs scripts/fault-fuzz.ts [--files 2400] [--seed 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../electron/core/archive';
import { closePdfWorker } from '../electron/core/readers';
import { badFiles } from '../tests/fuzz/generate';
import { feed, summarize, type FuzzOutcome } from '../tests/fuzz/harness';

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const FILES = opt('files', 2400);
const SEED = opt('seed', 3);
const LIMIT_MS = 30000;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'vanthu-fuzz-'));
  const archive = Archive.open(path.join(work, 'kho'));
  const outcomes: FuzzOutcome[] = [];
  const started = Date.now();
  try {
    for (const file of badFiles(FILES, SEED, { bigText: 200 * 1024 * 1024 })) {
      const o = await feed(archive.db, file, work, LIMIT_MS);
      outcomes.push(o);
      if (o.status !== 'failed' || o.changed)
        console.log(
          `  ✗ ${o.kind} ${JSON.stringify(o.name)}: ${o.status} ${o.reason ?? ''}${o.changed ? ' (archive changed)' : ''}`,
        );
      if (outcomes.length % 250 === 0) console.log(`  ${outcomes.length} files…`);
    }
  } finally {
    archive.close();
    await closePdfWorker();
  }
  const byKind = summarize(outcomes);
  console.log(
    `\nFuzz: ${outcomes.length} files in ${((Date.now() - started) / 1000).toFixed(0)} s, limit ${LIMIT_MS / 1000} s per file`,
  );
  for (const [kind, counts] of Object.entries(byKind)) {
    const ms = outcomes.filter((o) => o.kind === kind).map((o) => o.ms);
    console.log(
      `  ${kind.padEnd(15)} ${String(ms.length).padStart(5)} files, max ${Math.max(...ms)
        .toFixed(0)
        .padStart(5)} ms  ${JSON.stringify(counts)}`,
    );
  }
  const refused = outcomes.filter((o) => o.status === 'failed').length;
  const bad = outcomes.filter((o) => o.status === 'crash' || o.status === 'hang').length;
  const changed = outcomes.filter((o) => o.changed).length;
  const noReason = outcomes.filter((o) => o.status === 'failed' && !o.reason).length;
  console.log(
    `RESULT: ${outcomes.length} files, ${refused} refused with a reason, ${outcomes.length - refused - bad} accepted, ${bad} crashes/hangs, ${changed} changed the archive, ${noReason} without reason`,
  );
  rmSync(work, { recursive: true, force: true });
  process.exitCode = refused === outcomes.length && changed === 0 && noReason === 0 ? 0 : 1;
}

void main();
