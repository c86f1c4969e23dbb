#!/usr/bin/env node
// Runs a TypeScript entry point (eval, bench, generators) by bundling it with esbuild first.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'vanthu-run-')), 'entry.cjs');
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['better-sqlite3', 'electron', 'playwright-core', 'word-extractor', 'mammoth', 'unpdf', 'pdfjs-dist'],
  // Bundled code must still find the project's node_modules for the externals above.
  nodePaths: [path.resolve('node_modules')],
});
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(outfile).href);
