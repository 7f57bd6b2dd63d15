import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

import { TEXT_CASES, type TextCase, type TextEntry } from './cases';
import {
  CHILD_HEAP_MB,
  CHILD_TIMEOUT_MS,
  CLI_MESSAGE_LIMIT,
  expectClear,
  type ProcessRun,
  removeScratch,
  ROOT,
  runCliProcess,
  scratchFile,
} from './harness';

/**
 * The heavy inputs (alias bomb, 10,000 levels, more than 1 MB) through the real `firelens` executable
 * with a 128 MB heap: each finishes on its own with the documented exit code and a clear message, not
 * killed by the 20 s guard and not out of memory. Time is not asserted; the guard only stops a runaway.
 */
const casesFor = (entry: TextEntry): (readonly [string, TextCase])[] =>
  TEXT_CASES.filter((c) => c.entries.includes(entry)).map((c) => [c.name, c] as const);

const fileFor = (c: TextCase): string => scratchFile(`${c.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.yaml`, c.input());

/** Finished by itself: no signal, no kill, no V8 heap or stack report. */
const expectFinished = (run: ProcessRun): void => {
  expect(run.timedOut).toBe(false);
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(/heap out of memory|Allocation failed|FATAL ERROR|Maximum call stack/);
};

afterAll(removeScratch);

describe(`firelens as a process (--max-old-space-size=${String(CHILD_HEAP_MB)})`, () => {
  it.concurrent.each(casesFor('process-lint'))(
    'lint: %s',
    async (_name, c) => {
      // Act
      const run = await runCliProcess(['lint', fileFor(c)]);

      // Assert
      expectFinished(run);
      expect(run.stderr).toBe('');
      if (c.error === undefined) {
        expect(run.code).toBeLessThan(32);
        expect(run.stdout).not.toMatch(/^FL000\d /m);
        return;
      }
      expect(run.code).toBe(c.error.lintExit ?? 2);
      const [head = ''] = run.stdout.split('\n');
      expect(head.slice('FL0000 '.length)).toMatch(c.error.message);
      expectClear(head, CLI_MESSAGE_LIMIT);
    },
    CHILD_TIMEOUT_MS + 10_000,
  );

  it.concurrent.each(casesFor('process-expand'))(
    'expand: %s',
    async (_name, c) => {
      // Act
      const run = await runCliProcess(['expand', '--format', 'json', fileFor(c)]);

      // Assert
      expectFinished(run);
      if (c.error === undefined) {
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
        expect(Object.keys((JSON.parse(run.stdout) as { Resources: object }).Resources).length).toBeGreaterThan(0);
        return;
      }
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const line = run.stderr.trimEnd();
      expectClear(line, CLI_MESSAGE_LIMIT);
      expect(line.slice(line.indexOf('cannot parse the template: ') + 'cannot parse the template: '.length)).toMatch(c.error.message);
    },
    CHILD_TIMEOUT_MS + 10_000,
  );
});

describe('firelens started several times at once with a stale bundle', () => {
  it(
    'rebuilds without any of them loading a half-written bundle',
    async () => {
      // Regression: every process rebuilt dist/firelens.cjs in place, and one required it mid-write
      // ("require(...).main is not a function"). Now each writes a temporary file and renames it.
      const bundle = join(ROOT, 'dist', 'firelens.cjs');
      if (existsSync(bundle)) {
        utimesSync(bundle, new Date(0), new Date(0));
      }

      // Act
      const runs = await Promise.all(Array.from({ length: 4 }, () => runCliProcess(['rules'])));

      // Assert
      for (const run of runs) {
        expectFinished(run);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout).toContain('FL1001');
      }
    },
    CHILD_TIMEOUT_MS + 10_000,
  );
});
