// Entry of dist/core/safety-worker.js (scripts/build.mjs): one long safety job, then exit (offthread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { useNativeBinding } from '../db/open';
import { toVanthuError } from './backup';
import { runSafetyJobHere, type SafetyWorkerData, type SafetyWorkerMessage } from './offthread';

const { job, nativeBinding } = workerData as SafetyWorkerData;
const post = (message: SafetyWorkerMessage): void => parentPort!.postMessage(message);
useNativeBinding(nativeBinding);
runSafetyJobHere(job, (progress) => post({ progress })).then(
  (result) => post({ result }),
  (error: unknown) => {
    const e = toVanthuError(error);
    post({ error: { code: e.code, detail: e.detail } });
  },
);
