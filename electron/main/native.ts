/**
 * Where the main process finds better-sqlite3 built for Electron's ABI.
 *
 * Two builds of the same native module exist side by side (better-sqlite3 #229): the Node build in
 * node_modules/better-sqlite3/build/Release, which Jest and the CLI load, and the Electron build
 * that scripts/native-electron.mjs writes to build/native/<dir>/ and electron-builder copies to
 * <resources>/native/<dir>/. The app passes the second one to better-sqlite3 as `nativeBinding`.
 */
import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

/** Env var: `node` (tests only, never in a packaged app) or an absolute path to a .node file. */
export const NATIVE_BINDING_ENV = 'VANTHU_NATIVE_BINDING';

/** Folder name for one build; must match scripts/native-electron.mjs. */
export function nativeDirName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export interface NativeLookup {
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  /** process.resourcesPath in the packaged app. */
  resourcesPath: string;
  /** app.getAppPath(): the project root when run with `electron .`. */
  appPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
  exists?: (file: string) => boolean;
}

export class NativeBindingMissingError extends Error {
  constructor(readonly searched: string[]) {
    super(`better_sqlite3.node for Electron not found; looked in: ${searched.join(', ')}`);
    this.name = 'NativeBindingMissingError';
  }
}

/**
 * Returns the path to pass as `nativeBinding`, or undefined to let better-sqlite3 load its own
 * (Node) build. The undefined case exists only for the plain-Node smoke test, which sets
 * VANTHU_NATIVE_BINDING=node; a packaged app ignores that value. Throws NativeBindingMissingError
 * when nothing usable is found, so the caller can show a dialog instead of crashing.
 */
export function resolveNativeBinding(lookup: NativeLookup): string | undefined {
  const exists = lookup.exists ?? ((file: string) => fs.existsSync(file));
  const override = lookup.env[NATIVE_BINDING_ENV]?.trim();
  if (override === 'node' && !lookup.isPackaged) return undefined;
  if (override && override !== 'node') {
    const file = path.resolve(override);
    if (exists(file)) return file;
    throw new NativeBindingMissingError([file]);
  }
  const dir = nativeDirName(lookup.electronVersion, lookup.platform, lookup.arch);
  const candidates = lookup.isPackaged
    ? [path.join(lookup.resourcesPath, 'native', dir, NATIVE_FILE)]
    : [path.join(lookup.appPath, 'build', 'native', dir, NATIVE_FILE)];
  const found = candidates.find((file) => exists(file));
  if (found) return found;
  throw new NativeBindingMissingError(candidates);
}

/** True when an error from loading the .node file means "built for another runtime/OS/CPU". */
export function isNativeLoadError(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${(error as { detail?: string }).detail ?? ''}` : String(error);
  return /NODE_MODULE_VERSION|not a valid Win32 application|invalid ELF header|wrong ELF class|ERR_DLOPEN_FAILED|The specified module could not be found|Module did not self-register|better_sqlite3\.node/i.test(
    text,
  );
}
