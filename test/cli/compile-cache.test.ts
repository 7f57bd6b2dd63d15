import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * bin/load-bundle.cjs: `firelens` keeps V8's compiled code of its bundle between runs, one file per command,
 * in a folder only its user can write, and answers the same with a cache, without one, or with a bad one.
 */
const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'fargate-cloudwatch.yaml');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const firelens = (args: readonly string[], env: NodeJS.ProcessEnv, nodeFlags: readonly string[] = []): Run => {
  const run = spawnSync(process.execPath, [...nodeFlags, join(ROOT, 'bin', 'firelens.cjs'), ...args], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
};

const cacheFiles = (folder: string): string[] =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.v8cache'))
    .sort();

describe('the code cache of the firelens bundle', () => {
  const work = mkdtempSync(join(tmpdir(), 'firelens-compile-cache-test-'));
  let fresh = 0;
  const newFolder = (): string => {
    fresh += 1;
    return join(work, `cache-${String(fresh)}`);
  };
  const expected = firelens(['lint', EXAMPLE, '--format', 'json'], { FIRELENS_COMPILE_CACHE: 'off' });

  it('writes one file per command on the first run and reads it back unchanged on the next', () => {
    // Arrange
    const folder = newFolder();
    const env = { FIRELENS_COMPILE_CACHE: folder };

    // Act
    const first = firelens(['lint', EXAMPLE, '--format', 'json'], env);
    const [file] = cacheFiles(folder);
    const written = statSync(join(folder, file ?? '')).mtimeMs;
    const second = firelens(['lint', EXAMPLE, '--format', 'json'], env);
    firelens(['--version'], env);

    // Assert: the same answer each time; the second lint took the file as it was (a refused one is rewritten)
    expect(expected.status).toBe(0);
    expect([first, second]).toEqual([expected, expected]);
    expect(file).toMatch(/-lint\.v8cache$/);
    expect(statSync(join(folder, file ?? '')).mtimeMs).toBe(written);
    expect(cacheFiles(folder)).toEqual([file, expect.stringMatching(/-other\.v8cache$/)].sort());
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('keeps a file per set of Node flags, which V8 checks the cache against', () => {
    // Arrange
    const folder = newFolder();
    const env = { FIRELENS_COMPILE_CACHE: folder };

    // Act
    firelens(['lint', EXAMPLE], env);
    const flagged = firelens(['lint', EXAMPLE, '--format', 'json'], env, ['--max-old-space-size=256']);

    // Assert
    expect(flagged).toEqual(expected);
    expect(cacheFiles(folder)).toHaveLength(2);
  });

  it('never gives a bundle changed in place the cache of the one before, even at the same length', () => {
    // Arrange: a copy of the package (no sources beside it, so bin runs its bundle as it is)
    const folder = newFolder();
    const env = { FIRELENS_COMPILE_CACHE: folder };
    const pkg = join(work, 'package');
    for (const file of ['bin/firelens.cjs', 'bin/load-bundle.cjs', 'dist/firelens.cjs']) {
      mkdirSync(join(pkg, dirname(file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(pkg, file));
    }
    const bundle = join(pkg, 'dist', 'firelens.cjs');
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const run = (): string =>
      spawnSync(process.execPath, [join(pkg, 'bin', 'firelens.cjs'), '--version'], { env: { ...process.env, ...env }, encoding: 'utf8' })
        .stdout;
    const before = run();
    const other = version.replace(/\d/g, '9');

    // Act: the same length, another version
    writeFileSync(bundle, readFileSync(bundle, 'utf8').replace(`"${version}"`, `"${other}"`));
    const after = run();

    // Assert
    expect([before, after]).toEqual([`${version}\n`, `${other}\n`]);
    expect(cacheFiles(folder)).toHaveLength(2);
  });

  it('answers the same over a damaged cache file, and replaces it', () => {
    // Arrange
    const folder = newFolder();
    const env = { FIRELENS_COMPILE_CACHE: folder };
    firelens(['lint', EXAMPLE], env);
    const [file = ''] = cacheFiles(folder);
    const path = join(folder, file);
    writeFileSync(path, readFileSync(path).subarray(0, 1000));

    // Act
    const run = firelens(['lint', EXAMPLE, '--format', 'json'], env);

    // Assert
    expect(run).toEqual(expected);
    expect(statSync(path).size).toBeGreaterThan(1000);
  });

  it('uses no folder that others can write or that is a link', () => {
    // Arrange
    const open = newFolder();
    mkdirSync(open);
    chmodSync(open, 0o777);
    const target = newFolder();
    mkdirSync(target, { mode: 0o700 });
    const link = newFolder();
    symlinkSync(target, link);

    // Act
    const runs = [open, link].map((folder) => firelens(['lint', EXAMPLE, '--format', 'json'], { FIRELENS_COMPILE_CACHE: folder }));

    // Assert
    expect(runs).toEqual([expected, expected]);
    expect([cacheFiles(open), cacheFiles(target)]).toEqual([[], []]);
  });

  it('is off with FIRELENS_COMPILE_CACHE=off, NODE_DISABLE_COMPILE_CACHE or source maps on', () => {
    // Arrange: the default folder is under TMPDIR
    const temp = newFolder();
    mkdirSync(temp);
    const cases = [
      { TMPDIR: temp, FIRELENS_COMPILE_CACHE: 'off' },
      { TMPDIR: temp, FIRELENS_COMPILE_CACHE: '', NODE_DISABLE_COMPILE_CACHE: '1' },
      { TMPDIR: temp, FIRELENS_COMPILE_CACHE: '', NODE_OPTIONS: '--enable-source-maps' },
    ];

    // Act
    const runs = cases.map((env) => firelens(['lint', EXAMPLE, '--format', 'json'], env));

    // Assert
    expect(runs).toEqual(cases.map(() => expected));
    expect(readdirSync(temp)).toEqual([]);
  });

  it('keeps the newest 16 files of a folder', () => {
    // Arrange: 20 files of earlier bundles, a day old
    const folder = newFolder();
    mkdirSync(folder, { mode: 0o700 });
    const dayAgo = Date.now() / 1000 - 86_400;
    for (let i = 0; i < 20; i += 1) {
      const path = join(folder, `${String(i).padStart(32, '0')}-lint.v8cache`);
      writeFileSync(path, 'old');
      utimesSync(path, dayAgo + i, dayAgo + i);
    }

    // Act
    firelens(['lint', EXAMPLE], { FIRELENS_COMPILE_CACHE: folder });

    // Assert: the new file and the 15 newest old ones
    const kept = cacheFiles(folder);
    expect(kept).toHaveLength(16);
    expect(kept.filter((name) => name.startsWith('00000000'))).toEqual(
      Array.from({ length: 15 }, (_, i) => `${String(i + 5).padStart(32, '0')}-lint.v8cache`).sort(),
    );
  });
});
