import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

import {
  CHILD_TIMEOUT_MS,
  expectHookAnswered,
  type HookBench,
  invokeHook,
  jsonFindings,
  type ProcessRun,
  removeScratch,
  resourceEvent,
  runCliProcess,
  scratchFile,
  startHookBench,
} from './harness';
import { aliasFanOutTemplate, deepPathTemplate, hashFloodTemplate, LONG_ID, routerlessTask } from './inputs';

/**
 * The loader's bounds (#11), each through the real `firelens` executable (128 MB heap, killed after 20 s)
 * and the hook handler. Outcomes are asserted, never times: the process guard only stops a runaway.
 * Before #11 the hash-flood key took 7–13 s, the alias fan-out 6–10 s, `lint /dev/zero` never ended and
 * 40,000 findings took the hook 54 s.
 */

const expectFinished = (run: ProcessRun): void => {
  expect(run.timedOut).toBe(false);
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(/heap out of memory|Allocation failed|FATAL ERROR|Maximum call stack/);
};

const GUARD = CHILD_TIMEOUT_MS + 10_000;

/** POSIX `mkfifo` (coreutils): Node has no call that makes a FIFO. */
const MKFIFO = 'mkfifo';

afterAll(removeScratch);

describe('firelens lint stays bounded on hostile templates (a process)', () => {
  it(
    'places a finding under a 17,000-character key with 4,000 values below it',
    async () => {
      // Act
      const run = await runCliProcess(['lint', '--format', 'json', scratchFile('flood.json', hashFloodTemplate())]);

      // Assert
      expectFinished(run);
      expect(run.code).toBe(2);
      const [finding] = jsonFindings(run.stdout);
      expect(finding?.Rule.Id).toBe('FL1001');
      expect(finding?.Location.Path.slice(0, 2)).toEqual(['Resources', LONG_ID]);
      expect(finding?.Location.Start).toEqual({ LineNumber: 11, ColumnNumber: 8 });
    },
    GUARD,
  );

  it(
    'reads 190 levels of 1,000-character keys',
    async () => {
      // Act
      const run = await runCliProcess(['lint', '--format', 'json', scratchFile('deep.json', deepPathTemplate())]);

      // Assert
      expectFinished(run);
      expect(run.code).toBe(2);
      expect(jsonFindings(run.stdout).map((f) => f.Rule.Id)).toEqual(['FL1001']);
    },
    GUARD,
  );

  it(
    'places a finding under a 17,000-character key and reads 190 levels of 1,000-character keys on the YAML path',
    async () => {
      // Arrange: a leading comment sends JSON text down the YAML path (its locator walks the kept document).
      const text = `# YAML path\n${deepPathTemplate()}\n# and\n`;

      // Act
      const deep = await runCliProcess(['lint', '--format', 'json', scratchFile('deep.yaml', text)]);
      const flood = await runCliProcess(['lint', '--format', 'json', scratchFile('flood.yaml', `# YAML path\n${hashFloodTemplate()}`)]);

      // Assert
      expectFinished(deep);
      expect(jsonFindings(deep.stdout).map((f) => f.Rule.Id)).toEqual(['FL1001']);
      expectFinished(flood);
      expect(jsonFindings(flood.stdout)[0]?.Location.Start).toEqual({ LineNumber: 12, ColumnNumber: 8 });
    },
    GUARD,
  );

  it(
    'reads 3,900 aliases of one anchor',
    async () => {
      // Act
      const run = await runCliProcess(['lint', scratchFile('aliases.yaml', aliasFanOutTemplate())]);

      // Assert
      expectFinished(run);
      expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    },
    GUARD,
  );

  it(
    'refuses a device up front (exit 32) instead of reading /dev/zero forever',
    async () => {
      // Act
      const run = await runCliProcess(['lint', '/dev/zero']);

      // Assert
      expectFinished(run);
      expect(run.code).toBe(32);
      expect(run.stderr).toBe('firelens lint: cannot read /dev/zero: a device, not a regular file: firelens reads templates from files\n');
    },
    GUARD,
  );

  it(
    'refuses a FIFO without waiting for a writer',
    async () => {
      // Arrange
      const fifo = scratchFile('placeholder', '').replace(/placeholder$/, 'template.fifo');
      const made = spawnSync(MKFIFO, [fifo]);
      expect(made.status).toBe(0);

      // Act
      const run = await runCliProcess(['lint', fifo]);

      // Assert
      expectFinished(run);
      expect(run.code).toBe(32);
      expect(run.stderr).toMatch(/a FIFO \(named pipe\), not a regular file/);
    },
    GUARD,
  );

  it(
    'refuses a file over 5 MiB as FL0000 "larger than" with exit 32',
    async () => {
      // Arrange
      const path = scratchFile('big.yaml', '');
      writeFileSync(path, `Resources: {}\n#${'x'.repeat(5 * 1024 * 1024)}\n`);

      // Act
      const run = await runCliProcess(['lint', path]);

      // Assert
      expectFinished(run);
      expect(run.code).toBe(32 | 2);
      expect(run.stdout).toMatch(/^FL0000 the file is larger than 5242880 bytes \(--max-bytes\), the most firelens reads\n/);
    },
    GUARD,
  );
});

describe('firelens expand stays bounded (a process)', () => {
  it(
    'refuses a device with exit code 1',
    async () => {
      // Act
      const run = await runCliProcess(['expand', '/dev/zero']);

      // Assert
      expectFinished(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^\/dev\/zero: cannot read the file: a device, not a regular file/);
    },
    GUARD,
  );

  it(
    'refuses a file over --max-bytes',
    async () => {
      // Act
      const run = await runCliProcess([
        'expand',
        '--max-bytes',
        '16',
        scratchFile('small.yaml', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n'),
      ]);

      // Assert
      expectFinished(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/the file is larger than 16 bytes \(--max-bytes\)/);
    },
    GUARD,
  );
});

describe('the hook stays bounded on hostile templates', () => {
  let bench: HookBench;

  beforeAll(async () => {
    bench = await startHookBench();
  });

  afterAll(async () => {
    await bench.close();
  });

  it(
    'answers a stack whose resource has a 17,000-character logical id over 4,000 values',
    async () => {
      // Act
      const response = await invokeHook(bench.stackEvent(Buffer.from(JSON.stringify({ template: hashFloodTemplate() }))));

      // Assert
      expectHookAnswered(response);
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
      expect(response.message).toMatch(/^FireLens hook: not compliant, 1 error, 0 warnings: FL1001 Resources\/KKK/);
    },
    GUARD,
  );

  it(
    'answers a stack with 190 levels of 1,000-character keys',
    async () => {
      // Act
      const response = await invokeHook(bench.stackEvent(Buffer.from(JSON.stringify({ template: deepPathTemplate() }))));

      // Assert
      expectHookAnswered(response);
      expect(response.message).toMatch(/^FireLens hook: not compliant, 1 error, 0 warnings: FL1001 Resources\/Task\//);
    },
    GUARD,
  );

  it(
    'answers a stack with 3,900 aliases of one anchor',
    async () => {
      // Act
      const response = await invokeHook(bench.stackEvent(Buffer.from(JSON.stringify({ template: aliasFanOutTemplate() }))));

      // Assert
      expectHookAnswered(response);
      expect(response.hookStatus).toBe('SUCCESS');
    },
    GUARD,
  );

  it(
    'answers a task definition with 40,000 findings, every one counted in its annotation',
    async () => {
      // Arrange: a resource target is an object, so the template value caps do not apply.
      const properties = (routerlessTask(40_000, 0) as { Properties: object }).Properties;

      // Act
      const response = await invokeHook(resourceEvent('AWS::ECS::TaskDefinition', properties));

      // Assert
      expectHookAnswered(response);
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
      expect(response.message).toMatch(/^FireLens hook: not compliant, 40000 errors, /);
      const fl1001 = response.annotations?.find((a) => a.annotationName.startsWith('FL1001 '));
      expect(fl1001).toMatchObject({ status: 'FAILED', statusMessage: expect.stringMatching(/^40000 findings: /) as unknown });
    },
    GUARD,
  );
});
