import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Vanthu';
export const DATABASE_FILE = 'vanthu.db';
export const ARCHIVE_ENV = 'VANTHU_ARCHIVE';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives for productName
 * "Vanthu", so the CLI, the browser host and the desktop app open the same archive.
 */
export function defaultArchiveDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_FOLDER);
}

/** `--archive DIR` wins, then $VANTHU_ARCHIVE, then the per-user data folder. */
export function resolveArchiveDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env[ARCHIVE_ENV] || defaultArchiveDir(env);
  return path.resolve(chosen);
}
