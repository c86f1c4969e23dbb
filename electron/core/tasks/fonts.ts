/**
 * The bundled Tinos files (resources/fonts) as @font-face rules with data: URLs, so a sheet's HTML
 * file is self-contained and Chromium embeds the font in the PDF whatever the PC has installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VanthuError } from '../../../shared/api/errors';
import { FONT_FILES, fontFaceCss } from '../../../shared/tasks/render';

/** dist/{cli,main} → dist/resources/fonts (build copies resources/); sources → resources/fonts. */
export function fontDirCandidates(): string[] {
  return [
    process.env.VANTHU_FONTS_DIR ?? '',
    path.join(__dirname, '..', 'resources', 'fonts'),
    path.join(__dirname, '..', '..', '..', 'resources', 'fonts'),
    path.join(process.cwd(), 'resources', 'fonts'),
  ].filter(Boolean);
}

export function findFontDir(): string {
  const probe = FONT_FILES[0].file;
  const dir = fontDirCandidates().find((d) => existsSync(path.join(d, probe)));
  if (!dir)
    throw new VanthuError('IO_ERROR', `không tìm thấy phông chữ Tinos đi kèm (${fontDirCandidates().join('; ')})`);
  return dir;
}

let cached: string | null = null;

export function embeddedFontCss(): string {
  if (cached) return cached;
  const dir = findFontDir();
  cached = fontFaceCss((file) => `data:font/woff2;base64,${readFileSync(path.join(dir, file)).toString('base64')}`);
  return cached;
}
