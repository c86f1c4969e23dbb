#!/usr/bin/env node
// Runs a TypeScript entry point (eval, bench, generators) by bundling it with esbuild first.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
// Bundle inside the project (build/ is git-ignored) so Node resolves the externals below from
// the project's node_modules, in the main thread and in worker threads running the same bundle.
const runRoot = path.resolve('build', 'run');
mkdirSync(runRoot, { recursive: true });
const outfile = path.join(mkdtempSync(path.join(runRoot, 'entry-')), 'entry.cjs');
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Not inline: worker threads running this bundle would each hold a second copy of the sources.
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['better-sqlite3', 'electron', 'playwright-core', 'word-extractor', 'mammoth', 'unpdf', 'pdfjs-dist'],
});
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(outfile).href);
