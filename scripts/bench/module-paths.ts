/**
 * scripts/run-ts.mjs bundles into the OS temp folder, where Node cannot find the project's
 * node_modules for the externals (better-sqlite3). Imported first by scripts/bench.ts, this adds the
 * project's node_modules to the lookup path before any external is required — in the main thread
 * and in the import workers, which run the same bundle.
 */
import Module from 'node:module';
import path from 'node:path';

const extra = path.resolve('node_modules');
process.env.NODE_PATH = [extra, process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
(Module as unknown as { _initPaths(): void })._initPaths();
