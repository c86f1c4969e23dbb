// Entry of dist/core/import-worker.js (scripts/build.mjs): nothing but the import worker.
import { runImportWorkerIfAny } from './worker';

runImportWorkerIfAny();
