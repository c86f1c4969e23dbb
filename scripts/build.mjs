#!/usr/bin/env node
// Builds the three bundles with esbuild: main + preload (Electron), the CLI (Node), and the renderer (browser).
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const production = process.env.NODE_ENV === 'production';
// `--release` (npm run dist): the renderer gets React's production build, minified. Without it the
// installers shipped development React: twice the renderer's CPU and 2.5 times its heap while a
// 30,000-file import listed its results. Main and CLI stay readable for clerks' error reports.
const release = production || process.argv.includes('--release');

// Native and Electron modules stay outside the bundles: they are loaded from node_modules at run time.
const nodeExternals = [
  'better-sqlite3',
  'electron',
  'playwright-core',
  'word-extractor',
  'mammoth',
  'unpdf',
  'pdfjs-dist',
];

async function main() {
  await rm(dist, { recursive: true, force: true });
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', minify: production, absWorkingDir: root };
  await Promise.all([
    build({
      ...common,
      entryPoints: { 'main/index': 'electron/main/index.ts' },
      outdir: dist,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: nodeExternals,
    }),
    build({
      ...common,
      entryPoints: { 'preload/index': 'electron/preload/index.ts' },
      outdir: dist,
      // A sandboxed preload gets only a small require(); bundle everything but electron.
      platform: 'browser',
      target: 'chrome120',
      format: 'cjs',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: { 'cli/index': 'electron/cli/index.ts' },
      outdir: dist,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: nodeExternals,
    }),
    // The import worker (electron/core/import/pool.ts): found by the CLI and main beside them, in dist/core.
    build({
      ...common,
      entryPoints: { 'core/import-worker': 'electron/core/import/worker-entry.ts' },
      outdir: dist,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: nodeExternals,
    }),
    // The safety worker (electron/core/backup/offthread.ts): backup copies, verifying, checking.
    build({
      ...common,
      entryPoints: { 'core/safety-worker': 'electron/core/backup/safety-worker-entry.ts' },
      outdir: dist,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: nodeExternals,
    }),
    build({
      ...common,
      entryPoints: { 'renderer/app': 'renderer/src/main.tsx' },
      outdir: dist,
      platform: 'browser',
      target: 'chrome120',
      format: 'esm',
      jsx: 'automatic',
      loader: { '.woff2': 'file', '.woff': 'file' },
      assetNames: 'renderer/assets/[name]-[hash]',
      minify: release,
      define: { 'process.env.NODE_ENV': JSON.stringify(release ? 'production' : 'development') },
    }),
  ]);
  await mkdir(path.join(dist, 'renderer'), { recursive: true });
  await cp(path.join(root, 'renderer', 'index.html'), path.join(dist, 'renderer', 'index.html'));
  // The graph view's layout worker (renderer/src/graph/layout.ts), loaded from beside app.js.
  await cp(
    path.join(root, 'node_modules', 'elkjs', 'lib', 'elk-worker.min.js'),
    path.join(dist, 'renderer', 'elk-worker.min.js'),
  );
  if (existsSync(path.join(root, 'resources'))) {
    await cp(path.join(root, 'resources'), path.join(dist, 'resources'), { recursive: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
