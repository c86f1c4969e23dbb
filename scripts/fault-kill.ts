/**
 * Fault test (issue #7): kill -9 the importer at random moments during a large import, check that
 * the archive is intact and every document whole or absent, then re-run the import to the end and
 * check it completes with no duplicates.
 *
 *   node scripts/run-ts.mjs scripts/fault-kill.ts [--files 5000] [--kills 20] [--seed 7]
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDirectives } from '../tests/electron/safety/directives';
import { checkWhole } from '../tests/electron/safety/whole';

const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const FILES = opt('files', 5000);
const KILLS = opt('kills', 20);
let seed = opt('seed', 7);
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

/**
 * A private copy of the built CLI, so a rebuild of dist/ by someone else mid-run cannot be mistaken
 * for a fault. It finds its packages through NODE_PATH.
 */
function privateCli(work: string): string {
  const dir = path.join(work, 'app');
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  cpSync(path.resolve('dist', 'cli'), path.join(dir, 'dist', 'cli'), { recursive: true });
  cpSync(path.resolve('bin'), path.join(dir, 'bin'), { recursive: true });
  return path.join(dir, 'bin', 'vanthu.js');
}
let CLI = '';

function runImport(
  folder: string,
  archive: string,
  killAfterMs: number | null,
): Promise<{ killed: boolean; code: number | null; ms: number; stderr: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, 'import', folder, '--archive', archive, '--json'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_PATH: path.resolve('node_modules') },
    });
    let killed = false;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: killed && code === null, code, ms: Date.now() - started, stderr });
    });
  });
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'vanthu-fault-'));
  const folder = writeDirectives(path.join(work, 'usb'), 0, FILES);
  const archive = path.join(work, 'kho');
  CLI = privateCli(work);
  const dbFile = path.join(archive, 'vanthu.db');
  console.log(`Fault test: ${FILES} files, ${KILLS} kills (work dir ${work})`);
  let failures = 0;
  let trial = 0;
  let present = 0;
  let restarts = 0;
  // Rough import speed (~12 ms a new file with synchronous=FULL, ~3 ms a file already stored):
  // kill somewhere between start-up and the likely end of this run.
  while (trial < KILLS) {
    // Each kill should land after about FILES/KILLS new documents, at a random point of that stretch,
    // so the kills spread over the whole import instead of all landing in its first half.
    // Skipping a stored file costs well under a millisecond; a new one about 12 ms.
    const delay = Math.round(300 + present * 0.5 + random() * ((2 * FILES) / KILLS) * 12);
    const run = await runImport(folder, archive, delay);
    if (!run.killed) {
      console.log(
        `  run ended (exit ${run.code}) before its kill at ${delay} ms (${run.ms} ms)${run.stderr ? ': ' + run.stderr.trim().slice(0, 200) : ''}`,
      );
      present = checkWhole(dbFile).documents;
      if (present >= FILES) {
        // The import completed before enough kills: start a new one, keep counting.
        console.log(`  import complete after ${trial} kills; starting it again on an empty archive`);
        rmSync(archive, { recursive: true, force: true });
        present = 0;
        restarts++;
      }
      continue;
    }
    trial++;
    const r = checkWhole(dbFile);
    present = r.documents;
    const ok = r.integrity === 'ok' && r.broken.length === 0 && r.distinctHashes === r.documents;
    if (!ok) failures++;
    console.log(
      `  kill ${String(trial).padStart(2)} at ${String(delay).padStart(6)} ms: integrity ${r.integrity}, ${r.documents} documents whole, ${r.broken.length} broken, duplicates ${r.documents - r.distinctHashes}${ok ? '' : '  ✗ ' + JSON.stringify(r.broken.slice(0, 5))}`,
    );
  }
  const final = await runImport(folder, archive, null);
  const r = checkWhole(dbFile);
  const complete =
    final.code === 0 &&
    r.integrity === 'ok' &&
    r.broken.length === 0 &&
    r.documents === FILES &&
    r.distinctHashes === FILES;
  console.log(
    `Final run: exit ${final.code} in ${final.ms} ms; ${r.documents}/${FILES} documents, ${r.broken.length} broken, duplicates ${r.documents - r.distinctHashes}, integrity ${r.integrity}`,
  );
  console.log(
    `RESULT: ${trial} kills (${restarts} restarts of the import), ${failures} failed checks, final ${complete ? 'complete' : 'INCOMPLETE'}`,
  );
  rmSync(work, { recursive: true, force: true });
  process.exitCode = failures === 0 && complete ? 0 : 1;
}

void main();
