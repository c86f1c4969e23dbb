/**
 * electron-builder.yml against electron-builder's own JSON schema (the same ajv check
 * `electron-builder` runs before packaging), plus the decisions the installers depend on.
 * No packaging happens here: that needs Electron's binaries, which this machine cannot download.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';

// js-yaml (a dependency of electron-builder) ships no types here; this is all we use of it.

const yaml = require('js-yaml') as { load(text: string): unknown };

const root = path.resolve(__dirname, '..', '..', '..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));

function schemaErrors(candidate: unknown): string[] {
  // Same options as app-builder-lib/out/util/config/schemaValidator.js; strict: false because the
  // schema uses a non-standard `typeof` keyword for function-valued options.
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return validate(candidate) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

type TargetEntry = string | { target: string; arch?: string[] };
const targetNames = (targets: TargetEntry[]) => targets.map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  test('matches electron-builder 26 scheme.json', () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  test('the schema check is not vacuous: a misspelt option is rejected', () => {
    const broken = { ...config, nsis: { ...config.nsis, oneclick: false } };
    expect(schemaErrors(broken).join('\n')).toMatch(/additional properties/);
  });

  test("passes electron-builder's own validateConfiguration", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  test('identity, output and no auto-update', () => {
    expect(config.appId).toBe('vn.vanthu.app');
    expect(config.productName).toBe('Vanthu');
    expect(config.directories.output).toBe('release');
    expect(config).toHaveProperty('publish', null);
    expect(config.electronDist).toBeUndefined(); // offline builds pass it with -c.electronDist=…
  });

  test('ships the bundles only, asar with native modules unpacked, no in-place native rebuild', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.files.some((p: string) => /^(src|electron|shared|renderer|tests|scripts)\//.test(p))).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toContain('!**/node_modules/better-sqlite3/{build,deps,src}/**');
  });

  test('the Electron-ABI build is copied to resources/native for each platform', () => {
    for (const [key, platform] of [
      ['win', 'win32'],
      ['linux', 'linux'],
    ] as const) {
      const extra = config[key].extraResources;
      expect(extra).toEqual([
        {
          from: 'build/native',
          to: 'native',
          filter: [
            `electron-*-${platform}-\${arch}/better_sqlite3.node`,
            `electron-*-${platform}-\${arch}/build-info.json`,
          ],
        },
      ]);
    }
    expect(config.beforePack).toBe('./scripts/native-electron.mjs');
  });

  test('Windows: per-user NSIS in Vietnamese without elevation, with shortcuts, plus portable', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      installerLanguages: ['vi_VN'],
      language: '1066',
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: 'Vanthu',
      deleteAppDataOnUninstall: false,
    });
    expect(config.portable.requestExecutionLevel).toBe('user');
    expect(fs.existsSync(path.join(root, 'resources', 'icon.ico'))).toBe(true);
  });

  test('"Open with Vanthu" for .doc/.docx/.pdf never becomes the default program on Windows', () => {
    // electron-builder's NSIS fileAssociations set HKCU\Software\Classes\.ext (default); ours must not be top-level.
    expect(config.fileAssociations).toBeUndefined();
    expect(config.win.fileAssociations).toBeUndefined();
    expect(config.linux.fileAssociations.map((a: { ext: string }) => a.ext)).toEqual(['doc', 'docx', 'pdf']);
    const nsh = fs.readFileSync(path.join(root, config.nsis.include), 'utf8');
    for (const ext of ['doc', 'docx', 'pdf']) expect(nsh).toContain(`!insertmacro vanthuOpenWith "${ext}"`);
    expect(nsh).toMatch(/OpenWithProgids/);
    // No line may write the default value of a ".ext" key.
    expect(nsh).not.toMatch(/WriteRegStr\s+SHELL_CONTEXT\s+"Software\\Classes\\\.\$\{EXT\}"\s+""/);
  });

  test('Linux: AppImage and deb', () => {
    expect(targetNames(config.linux.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toBeTruthy();
    const png = fs.readFileSync(path.join(root, 'resources', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
