#!/usr/bin/env node
/**
 * better-sqlite3 for Electron's ABI, built beside (never over) the Node build.
 *
 *   node scripts/native-electron.mjs build  [options]   always (re)build
 *   node scripts/native-electron.mjs ensure [options]   build only if missing or wrong
 *   node scripts/native-electron.mjs check  [options]   report what is there; non-zero if unusable
 *
 * Output: build/native/electron-<electronVersion>-<platform>-<arch>/better_sqlite3.node (+ build-info.json).
 * The Node build in node_modules/better-sqlite3/build/Release, which Jest and the CLI load, is not
 * touched: the package is copied to a temporary folder and compiled there.
 *
 * Options (each also readable from the environment, for CI and offline machines):
 *   --arch <x64|ia32|arm64>        target CPU (default: this machine's)           VANTHU_NATIVE_ARCH
 *   --platform <win32|linux|darwin> target OS; only with --prebuilt (default: this OS)
 *   --devdir <dir>                 node-gyp header cache (default: build/electron-gyp) VANTHU_GYP_DEVDIR
 *   --nodedir <dir>                already-extracted Electron headers (offline)   VANTHU_ELECTRON_NODEDIR
 *   --headers-tarball <file>       Electron's node-v<ver>-headers.tar.gz (offline, not Windows)
 *                                                                                 VANTHU_ELECTRON_HEADERS_TARBALL
 *   --dist-url <url>               header mirror (default: https://electronjs.org/headers)
 *   --prebuilt                     download better-sqlite3's own prebuilt Electron binary instead of
 *                                  compiling (needs internet or a filled prebuild-install cache)
 *
 * npm_config_nodedir is deliberately NOT honoured: on build machines it usually points at *Node's*
 * headers (as ~/.npmrc does here), which would silently produce a Node-ABI file. Every result is
 * checked for the Electron ABI before it is installed.
 *
 * Also exported as an electron-builder `beforePack` hook: packaging stops if the target
 * platform/arch has no matching build.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

export const NATIVE_FILE = 'better_sqlite3.node';
export const DEFAULT_DIST_URL = 'https://electronjs.org/headers';

/** Electron version and module ABI from the installed electron package (no binary needed). */
export function electronInfo() {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  let abi = null;
  try {
    abi = Number.parseInt(fs.readFileSync(path.join(pkgDir, 'abi_version'), 'utf8').trim(), 10);
  } catch {
    try {
      abi = Number.parseInt(require('node-abi').getAbi(version, 'electron'), 10);
    } catch {
      abi = null;
    }
  }
  return { version, abi: Number.isFinite(abi) ? abi : null };
}

/** Must match electron/main/native.ts nativeDirName(). */
export function nativeDirName(version, platform, arch) {
  return `electron-${version}-${platform}-${arch}`;
}

export function nativeOutput(version, platform, arch) {
  const dir = path.join(root, 'build', 'native', nativeDirName(version, platform, arch));
  return { dir, file: path.join(dir, NATIVE_FILE), info: path.join(dir, 'build-info.json') };
}

const ELF_MACHINES = { 0x03: 'ia32', 0x28: 'arm', 0x3e: 'x64', 0xb7: 'arm64' };
const PE_MACHINES = { 0x014c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64', 0x01c4: 'arm' };
const MACHO_CPUS = { 0x01000007: 'x64', 0x0100000c: 'arm64', 0x00000007: 'ia32' };

/**
 * Reads what a .node file is without loading it: the OS format and CPU from its header, and the
 * module ABI from the `node_register_module_v<ABI>` symbol every non-N-API addon exports.
 */
export function inspectNative(file) {
  const bytes = fs.readFileSync(file);
  let platform = null;
  let arch = null;
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    platform = 'linux';
    const little = bytes[5] === 1;
    const machine = little ? bytes.readUInt16LE(18) : bytes.readUInt16BE(18);
    arch = ELF_MACHINES[machine] ?? `elf-0x${machine.toString(16)}`;
  } else if (bytes.readUInt16LE(0) === 0x5a4d) {
    platform = 'win32';
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 <= bytes.length && bytes.readUInt32BE(pe) === 0x50450000) {
      const machine = bytes.readUInt16LE(pe + 4);
      arch = PE_MACHINES[machine] ?? `pe-0x${machine.toString(16)}`;
    }
  } else if (bytes.readUInt32LE(0) === 0xfeedfacf || bytes.readUInt32LE(0) === 0xfeedface) {
    platform = 'darwin';
    const cpu = bytes.readUInt32LE(4);
    arch = MACHO_CPUS[cpu] ?? `macho-0x${cpu.toString(16)}`;
  } else if (bytes.readUInt32BE(0) === 0xcafebabe) {
    platform = 'darwin';
    arch = 'universal';
  }
  const text = bytes.toString('latin1');
  const match = /node_register_module_v(\d+)/.exec(text);
  const abi = match ? Number.parseInt(match[1], 10) : /napi_register_module_v1/.test(text) ? 'napi' : null;
  return { platform, arch, abi, size: bytes.length };
}

/** Problems that make a file unusable for the given target; empty when it is fine. */
export function verifyNative(file, { abi, platform, arch }) {
  if (!fs.existsSync(file)) return [`missing: ${file}`];
  const found = inspectNative(file);
  const problems = [];
  if (abi != null && found.abi !== abi) problems.push(`ABI ${found.abi ?? 'unknown'} ≠ Electron ABI ${abi}`);
  if (found.platform !== platform) problems.push(`built for ${found.platform ?? 'unknown OS'}, target is ${platform}`);
  if (found.arch !== arch && found.arch !== 'universal')
    problems.push(`built for ${found.arch ?? 'unknown CPU'}, target is ${arch}`);
  return problems;
}

function parseArgs(argv) {
  const [first, ...others] = argv;
  // `--help` alone, or options before the command, still work.
  const [command, rest] = first === '-h' || first === '--help' ? ['help', others] : [first, others];
  const opts = {
    arch: process.env.VANTHU_NATIVE_ARCH || process.arch,
    platform: process.platform,
    devdir: process.env.VANTHU_GYP_DEVDIR || path.join(root, 'build', 'electron-gyp'),
    nodedir: process.env.VANTHU_ELECTRON_NODEDIR || null,
    headersTarball: process.env.VANTHU_ELECTRON_HEADERS_TARBALL || null,
    distUrl: DEFAULT_DIST_URL,
    prebuilt: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, null];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v == null) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--arch':
        opts.arch = value();
        break;
      case '--platform':
        opts.platform = value();
        break;
      case '--devdir':
        opts.devdir = path.resolve(value());
        break;
      case '--nodedir':
        opts.nodedir = path.resolve(value());
        break;
      case '--headers-tarball':
        opts.headersTarball = path.resolve(value());
        break;
      case '--dist-url':
        opts.distUrl = value();
        break;
      case '--prebuilt':
        opts.prebuilt = true;
        break;
      case '-h':
      case '--help':
        return { command: 'help', opts };
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return { command, opts };
}

class UsageError extends Error {}

/** Runs a command, streaming its output and keeping it for diagnosis. */
function run(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (stream, sink) =>
      child[stream].on('data', (chunk) => {
        output += chunk.toString();
        sink.write(chunk);
      });
    keep('stdout', process.stdout);
    keep('stderr', process.stderr);
    child.on('error', (error) => resolve({ code: -1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Environment for node-gyp with every inherited npm/node-gyp target setting removed. */
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|devdir|tarball|build_from_source|platform)$/i.test(
        key,
      )
    )
      delete env[key];
  }
  return env;
}

const NETWORK_ERROR =
  /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|fetch failed|socket hang up|unable to get local issuer|self[- ]signed certificate|\b(403|404|407|5\d\d) (status code|response)/i;
const TOOLCHAIN_ERROR =
  /ERR! find Python|Could not find any Python|Could not find any Visual Studio|not found: make|make: not found|g\+\+: not found|No Xcode or CLT|gyp: .*not found/i;

class BuildError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind; // 'network' | 'toolchain' | 'abi' | 'other'
  }
}

function classify(output) {
  if (NETWORK_ERROR.test(output)) return 'network';
  if (TOOLCHAIN_ERROR.test(output)) return 'toolchain';
  return 'other';
}

async function copyPackage(tmp) {
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  const dest = path.join(tmp, 'better-sqlite3');
  // Leave the Node build and nested node_modules behind: only sources, deps and binding.gyp are needed.
  await fs.promises.cp(src, dest, {
    recursive: true,
    filter: (from) => {
      const rel = path.relative(src, from);
      const top = rel.split(path.sep)[0];
      return top !== 'build' && top !== 'node_modules' && top !== 'prebuilds';
    },
  });
  return { dest, version: JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8')).version };
}

async function compile(pkgDir, electron, opts) {
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const env = cleanEnv();
  const common = [
    `--target=${electron.version}`,
    `--arch=${opts.arch}`,
    `--dist-url=${opts.distUrl}`,
    `--devdir=${opts.devdir}`,
  ];
  if (opts.headersTarball && !opts.nodedir) {
    if (process.platform === 'win32')
      throw new BuildError(
        'other',
        '--headers-tarball does not work on Windows (node-gyp still downloads node.lib); carry over the --devdir folder instead, see docs/desktop.md',
      );
    const installed = await run(process.execPath, [nodeGyp, 'install', ...common, `--tarball=${opts.headersTarball}`], {
      cwd: pkgDir,
      env,
    });
    if (installed.code !== 0)
      throw new BuildError(classify(installed.output), 'node-gyp install from the headers tarball failed');
  }
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--jobs=${Math.max(1, os.cpus().length)}`,
    ...common,
  ];
  if (opts.nodedir) args.push(`--nodedir=${opts.nodedir}`);
  console.log(`[native-electron] node-gyp ${args.slice(1).join(' ')}`);
  const result = await run(process.execPath, args, { cwd: pkgDir, env });
  if (result.code !== 0) throw new BuildError(classify(result.output), `node-gyp exited with ${result.code}`);
  return path.join(pkgDir, 'build', 'Release', NATIVE_FILE);
}

async function fetchPrebuilt(pkgDir, electron, opts) {
  const bin = require.resolve('prebuild-install/bin.js');
  const args = [
    bin,
    '--runtime=electron',
    `--target=${electron.version}`,
    `--arch=${opts.arch}`,
    `--platform=${opts.platform}`,
    '--verbose',
  ];
  console.log(`[native-electron] prebuild-install ${args.slice(1).join(' ')}`);
  const result = await run(process.execPath, args, { cwd: pkgDir, env: cleanEnv() });
  if (result.code !== 0)
    throw new BuildError(
      classify(result.output) === 'other' && /download|http/i.test(result.output) ? 'network' : classify(result.output),
      `prebuild-install exited with ${result.code}`,
    );
  return path.join(pkgDir, 'build', 'Release', NATIVE_FILE);
}

async function build(opts) {
  const electron = electronInfo();
  if (opts.platform !== process.platform && !opts.prebuilt) {
    throw new BuildError(
      'other',
      `node-gyp cannot compile for ${opts.platform} on ${process.platform}; build on a ${opts.platform} machine or add --prebuilt`,
    );
  }
  const out = nativeOutput(electron.version, opts.platform, opts.arch);
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'vanthu-bsq-'));
  try {
    const pkg = await copyPackage(tmp);
    const produced = opts.prebuilt
      ? await fetchPrebuilt(pkg.dest, electron, opts)
      : await compile(pkg.dest, electron, opts);
    const problems = verifyNative(produced, { abi: electron.abi, platform: opts.platform, arch: opts.arch });
    if (problems.length) {
      throw new BuildError(
        'abi',
        `the result is not an Electron ${electron.version} build: ${problems.join('; ')} (were Node's headers used? see --nodedir)`,
      );
    }
    await fs.promises.mkdir(out.dir, { recursive: true });
    await fs.promises.copyFile(produced, `${out.file}.tmp`);
    await fs.promises.rename(`${out.file}.tmp`, out.file);
    const found = inspectNative(out.file);
    const info = {
      electron: electron.version,
      abi: found.abi,
      platform: found.platform,
      arch: found.arch,
      betterSqlite3: pkg.version,
      source: opts.prebuilt ? 'prebuild-install' : 'node-gyp',
      builtAt: new Date().toISOString(),
    };
    await fs.promises.writeFile(out.info, `${JSON.stringify(info, null, 2)}\n`);
    await pruneStale(electron.version, opts.platform, opts.arch);
    console.log(
      `[native-electron] OK ${path.relative(root, out.file)} (Electron ${electron.version}, ABI ${found.abi}, ${found.platform}-${found.arch})`,
    );
    return out.file;
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

/** Removes builds for other Electron versions of the same platform/arch, so packaging cannot pick one up. */
async function pruneStale(version, platform, arch) {
  const base = path.join(root, 'build', 'native');
  const keep = nativeDirName(version, platform, arch);
  const suffix = `-${platform}-${arch}`;
  for (const name of await fs.promises.readdir(base)) {
    if (name !== keep && name.startsWith('electron-') && name.endsWith(suffix)) {
      await fs.promises.rm(path.join(base, name), { recursive: true, force: true });
      console.log(`[native-electron] removed stale ${name}`);
    }
  }
}

function check(opts, { quiet = false } = {}) {
  const electron = electronInfo();
  const out = nativeOutput(electron.version, opts.platform, opts.arch);
  const problems = verifyNative(out.file, { abi: electron.abi, platform: opts.platform, arch: opts.arch });
  if (!quiet) {
    console.log(
      `Electron ${electron.version} (ABI ${electron.abi ?? 'unknown'}), target ${opts.platform}-${opts.arch}`,
    );
    if (fs.existsSync(out.file)) {
      const found = inspectNative(out.file);
      console.log(
        `${path.relative(root, out.file)}: ABI ${found.abi ?? 'unknown'}, ${found.platform ?? '?'}-${found.arch ?? '?'}, ${found.size} bytes`,
      );
    } else {
      console.log(`${path.relative(root, out.file)}: missing`);
    }
    console.log(problems.length ? `NOT USABLE: ${problems.join('; ')}` : 'OK');
  }
  return problems.length === 0;
}

function offlineHelp(electron, opts) {
  const v = electron.version;
  return `
[native-electron] Không tải được tệp tiêu đề (headers) của Electron ${v}: máy này không có mạng.
  Cách khắc phục — trên một máy CÓ mạng, trong thư mục dự án, chạy:
      node scripts/native-electron.mjs build
  rồi chép thư mục build/native/ (kết quả) hoặc build/electron-gyp/ (bộ đệm headers) sang máy này.
  Hoặc tải ${DEFAULT_DIST_URL}/v${v}/node-v${v}-headers.tar.gz, chép sang máy này và chạy:
      node scripts/native-electron.mjs build --headers-tarball <đường dẫn tệp .tar.gz>
  (Windows: chép thư mục bộ đệm build/electron-gyp/ từ máy có mạng.) Xem docs/desktop.md.

[native-electron] Could not download the Electron ${v} headers: this machine has no network.
  Fix — on a machine WITH internet, in the project folder, run:
      node scripts/native-electron.mjs build
  then copy build/native/ (the result) or build/electron-gyp/ (the header cache) to this machine.
  Or fetch ${DEFAULT_DIST_URL}/v${v}/node-v${v}-headers.tar.gz, carry it over and run:
      node scripts/native-electron.mjs build --headers-tarball <path to the .tar.gz>
  (Windows: carry over the build/electron-gyp/ cache from the online machine.) See docs/desktop.md.
  Header cache used: ${opts.devdir}
`;
}

function toolchainHelp() {
  return `
[native-electron] Thiếu công cụ biên dịch (Python 3 và trình biên dịch C++: Visual Studio Build Tools trên Windows,
  build-essential trên Linux). Cài đặt chúng, hoặc dùng bản dựng sẵn: node scripts/native-electron.mjs build --prebuilt
[native-electron] A compiler toolchain is missing (Python 3 and a C++ compiler: Visual Studio Build Tools on Windows,
  build-essential on Linux). Install it, or use the prebuilt binary: node scripts/native-electron.mjs build --prebuilt
`;
}

function usage() {
  return fs
    .readFileSync(fileURLToPath(import.meta.url), 'utf8')
    .split('\n')
    .slice(2, 27)
    .map((line) => line.replace(/^ \*\/?\s?/, ''))
    .join('\n');
}

export async function cli(argv) {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    console.error(`[native-electron] ${error.message}\n\n${usage()}`);
    return 64;
  }
  const { command, opts } = parsed;
  if (command === 'help' || command === undefined) {
    console.log(usage());
    return command === undefined ? 64 : 0;
  }
  if (command === 'check') return check(opts) ? 0 : 1;
  if (command !== 'build' && command !== 'ensure') {
    console.error(`[native-electron] unknown command ${command}\n\n${usage()}`);
    return 64;
  }
  if (command === 'ensure' && check(opts, { quiet: true })) {
    const electron = electronInfo();
    console.log(
      `[native-electron] ${path.relative(root, nativeOutput(electron.version, opts.platform, opts.arch).file)} is up to date`,
    );
    return 0;
  }
  try {
    await build(opts);
    return 0;
  } catch (error) {
    const kind = error instanceof BuildError ? error.kind : 'other';
    console.error(`\n[native-electron] build failed: ${error.message}`);
    if (kind === 'network') console.error(offlineHelp(electronInfo(), opts));
    else if (kind === 'toolchain') console.error(toolchainHelp());
    return kind === 'network' ? 2 : 1;
  }
}

const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/**
 * electron-builder hook (electron-builder.yml `beforePack`): refuses to package a platform/arch
 * whose Electron-ABI build is missing or wrong, instead of shipping an app that cannot open its
 * archive.
 */
export async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const electron = electronInfo();
  const out = nativeOutput(electron.version, platform, arch);
  const problems = verifyNative(out.file, { abi: electron.abi, platform, arch });
  if (problems.length) {
    const hint =
      platform === process.platform
        ? `node scripts/native-electron.mjs build --arch ${arch}`
        : `node scripts/native-electron.mjs build --prebuilt --platform ${platform} --arch ${arch}  (or build on a ${platform} machine)`;
    throw new Error(
      `Vanthu: no usable better-sqlite3 build for Electron ${electron.version} ${platform}-${arch}: ${problems.join('; ')}.\nRun: ${hint}`,
    );
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  cli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
