'use strict';
// Loads the CLI bundle with a V8 code cache kept between runs (issue #11).
//
// At every start Node compiles the bundle, then V8 compiles each function the first time the command
// calls it. On a 30-resource template that is about a third of what `firelens lint` costs beyond a bare
// Node process. V8 can serialize the code it compiled (vm.Script#createCachedData) and take it back at the
// next start (the `cachedData` option). The cache is written when the command has run, so it holds the
// functions the command compiled lazily too: measured on Node 20, lint of the 30-resource bench template
// took 113 ms without a cache, 99 ms with a cache made at load (what a compile cache keeps), 85 ms with
// one made after the run, beside 61 ms for a bare `node -e 0`.
//
// One cache file per bundle file, Node version, architecture, Node flags and command (a `--version` run
// must not leave `lint` a cache without lint's functions). V8 refuses data from another V8 version or other
// flags; the file name keeps bundles apart, as V8 itself compares only the source's length. Nothing here
// may stop the command: every failure to read, check or write the cache means running without one.
const {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const Module = require('node:module');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

/** FIRELENS_COMPILE_CACHE: a folder, or `off`; Node's own NODE_DISABLE_COMPILE_CACHE switches it off too. */
const cacheFolder = () => {
  const setting = process.env.FIRELENS_COMPILE_CACHE;
  if (setting === 'off' || setting === '0' || process.env.NODE_DISABLE_COMPILE_CACHE) {
    return undefined;
  }
  const user = typeof process.getuid === 'function' ? `-${String(process.getuid())}` : '';
  return setting || join(tmpdir(), `firelens-compile-cache${user}`);
};

/**
 * The folder, created if need be, when only this user can write it. The cache is code V8 runs: in a shared
 * temporary folder, another user must not be able to plant it (a folder they created first, or a link).
 */
const privateFolder = (folder) => {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    const ours = typeof process.getuid !== 'function' || stat.uid === process.getuid();
    return stat.isDirectory() && ours && (stat.mode & 0o022) === 0 ? folder : undefined;
  } catch {
    return undefined;
  }
};

const COMMAND = /^[a-z][a-z-]{0,31}$/;

/** FNV-1a, 32 bits: names a set of flags in a file name (not a guard: V8 checks the flags itself). */
const fnv1a = (text) => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
};

/**
 * Keyed by the bundle file's identity, and by what V8 checks the data against: its version (Node's), the
 * architecture and the flags, which `node --max-old-space-size=…` or NODE_OPTIONS change; each set of
 * flags gets its own file instead of rewriting one back and forth. The identity is the file's inode and its
 * change time in nanoseconds, which every write and rename sets and no tool can set back (`touch` sets the
 * modification time only): a rebuilt or reinstalled bundle never meets the cache of the one before. (Hashing
 * its bytes instead would load node:crypto, a tenth of what the cache saves.)
 */
const cacheFile = (folder, stat) => {
  const command = COMMAND.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const runtime = fnv1a(JSON.stringify([process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']));
  return join(folder, `${String(stat.dev)}-${String(stat.ino)}-${String(stat.ctimeNs)}-${runtime}-${command}.v8cache`);
};

/** The bundle's text and file status, read from one descriptor: a rename in between cannot mix two files. */
const readBundle = (path) => {
  const fd = openSync(path, 'r');
  try {
    return { stat: fstatSync(fd, { bigint: true }), text: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
};

const readCache = (file) => {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
};

/** Files kept per folder: each rebuild of the bundle starts new ones, so the oldest go (a few MiB in all). */
const MOST_FILES = 16;

const pruneOldest = (folder) => {
  const files = readdirSync(folder)
    .map((name) => join(folder, name))
    .map((path) => ({ path, mtime: statSync(path).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { path } of files.slice(MOST_FILES)) {
    rmSync(path, { force: true });
  }
};

/** Written under a temporary name, then renamed: a `firelens` started meanwhile never reads half a file. */
const writeCache = (file, script) => {
  try {
    const partial = `${file}.${String(process.pid)}.tmp`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, file);
    pruneOldest(dirname(file));
  } catch {
    // A full disk, a read-only folder, a file another run removed meanwhile: the next run compiles again.
  }
};

/** Runs the bundle as Node's CommonJS loader would (same wrapper, module, require) and returns its exports. */
const runScript = (script, path) => {
  const bundleModule = new Module(path, module);
  bundleModule.filename = path;
  bundleModule.paths = Module._nodeModulePaths(dirname(path));
  const requireFromBundle = Module.createRequire(path);
  script.runInThisContext().call(bundleModule.exports, bundleModule.exports, requireFromBundle, bundleModule, path, dirname(path));
  bundleModule.loaded = true;
  return bundleModule.exports;
};

/** Whether Node was started with a flag containing `text`, on its command line or in NODE_OPTIONS. */
const givenToNode = (text, execArgv, nodeOptions) => [...execArgv, nodeOptions ?? ''].some((arg) => arg.includes(text));

/** `process.sourceMapsEnabled` (Node 20.7 and later), else the flag as given. */
const sourceMapsEnabled = () =>
  process.sourceMapsEnabled ?? givenToNode('--enable-source-maps', process.execArgv, process.env.NODE_OPTIONS);

/**
 * Less inlining in V8's optimizing compiler, for a process that lives a fraction of a second. V8 runs a
 * function unoptimized until TurboFan has compiled it on a background thread, and with its default inlining
 * the line reader's functions took 10 to 27 ms each to compile (node --trace-opt): on the 936 KB bench
 * template the reader spent most of its 40 ms waiting for them, and a twice larger template took only 7 ms
 * more. Inlining callees of at most 60 bytes of bytecode (V8's default: 460) keeps the small helpers inlined
 * and compiles each function in about a millisecond: `firelens lint` of that template went from 156 ms to
 * 139 ms (bare Node: 61 ms), with no change at 30 resources (BENCHMARKS.md). A flag given to Node itself
 * (`--max-inlined-bytecode-size…`, `--no-turbo-inlining`) is left alone. Set before the bundle is compiled,
 * so a code cache is written and read under the same flags.
 */
const INLINING_FLAG = '--max-inlined-bytecode-size=60';

/** The flag to set, or undefined when Node was given one about inlining. */
const inliningFlag = (execArgv, nodeOptions) => (givenToNode('inlin', execArgv, nodeOptions) ? undefined : INLINING_FLAG);

const limitInlining = () => {
  const flag = inliningFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag !== undefined) {
    v8.setFlagsFromString(flag);
  }
};

/**
 * The bundle's exports. Plain `require` when there is no private cache folder, or when source maps are on
 * (`--enable-source-maps`): Node maps stack traces of modules it loaded itself, not of a vm.Script.
 */
const loadBundle = (path) => {
  limitInlining();
  const folder = sourceMapsEnabled() ? undefined : cacheFolder();
  const usable = folder && privateFolder(folder);
  if (!usable) {
    return require(path);
  }
  const bundle = readBundle(path);
  const file = cacheFile(usable, bundle.stat);
  const cachedData = readCache(file);
  const script = new vm.Script(Module.wrap(bundle.text), { filename: path, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => writeCache(file, script));
  }
  return runScript(script, path);
};

module.exports = { inliningFlag, loadBundle };
