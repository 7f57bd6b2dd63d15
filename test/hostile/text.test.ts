import { TEXT_CASES, type TextCase, type TextEntry } from './cases';
import {
  CLI_MESSAGE_LIMIT,
  expectClear,
  expectHookAnswered,
  HOOK_MESSAGE_LIMIT,
  type HookBench,
  invokeHook,
  loadBytes,
  payloadBody,
  runCliInProcess,
  startHookBench,
} from './harness';

/**
 * Hostile template text and bytes through every in-process entry that reads text: template loading,
 * `firelens lint` and `firelens expand`, and the hook on a stack target. (The heavy ones also run as
 * processes with a small heap: processes.test.ts.)
 */
const casesFor = (entry: TextEntry): (readonly [string, TextCase])[] =>
  TEXT_CASES.filter((c) => c.entries.includes(entry)).map((c) => [c.name, c] as const);

const FILE = 'template.yaml';

describe('hostile template text', () => {
  describe('loadTemplate (after decoding the bytes as the CLI does)', () => {
    it.each(casesFor('load'))('%s', (_name, c) => {
      // Act
      const result = loadBytes(c.input());

      // Assert
      if (c.error === undefined) {
        expect(result).toHaveProperty('template');
        return;
      }
      expect(result).toHaveProperty('error');
      const error = 'error' in result ? result.error : undefined;
      expect(error?.message).toMatch(c.error.message);
      expectClear(error?.message, CLI_MESSAGE_LIMIT);
      if (c.error.line !== undefined) {
        expect(error?.line).toBe(c.error.line);
      }
      if (c.error.column !== undefined) {
        expect(error?.column).toBe(c.error.column);
      }
    });
  });

  describe('firelens lint (in-process)', () => {
    it.each(casesFor('cli-lint'))('%s', async (_name, c) => {
      // Act
      const run = await runCliInProcess(['lint', FILE], { [FILE]: c.input() });

      // Assert
      expect(run.stderr).toBe('');
      if (c.error === undefined) {
        expect(run.code).toBeLessThan(32);
        expect(run.stdout).not.toMatch(/^FL000[01] /m);
        return;
      }
      expect(run.code).toBe(2);
      const [head = '', where = ''] = run.stdout.split('\n');
      expect(head).toMatch(/^FL0000 /);
      expect(head.slice('FL0000 '.length)).toMatch(c.error.message);
      expectClear(head, CLI_MESSAGE_LIMIT);
      expect(where).toMatch(new RegExp(`^${FILE}:\\d+:\\d+$`));
      if (c.error.line !== undefined) {
        expect(where).toMatch(
          new RegExp(`^${FILE}:${String(c.error.line)}:${c.error.column === undefined ? '\\d+' : String(c.error.column)}$`),
        );
      }
    });
  });

  describe('firelens expand (in-process)', () => {
    it.each(casesFor('cli-expand'))('%s', async (_name, c) => {
      // Act
      const run = await runCliInProcess(['expand', FILE], { [FILE]: c.input() });

      // Assert
      if (c.error === undefined) {
        expect(run).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout).toMatch(/^Resources:/m);
        return;
      }
      expect(run).toMatchObject({ code: 1, stdout: '' });
      const line = run.stderr.trimEnd();
      expect(line).not.toContain('\n');
      expectClear(line, CLI_MESSAGE_LIMIT);
      const prefix = c.error.line === undefined ? FILE : `${FILE}:${String(c.error.line)}:`;
      expect(line.startsWith(prefix)).toBe(true);
      expect(line.slice(line.indexOf('cannot parse the template: ') + 'cannot parse the template: '.length)).toMatch(c.error.message);
    });
  });

  describe('the hook on a stack target whose payload holds the text', () => {
    let hook: HookBench;

    beforeAll(async () => {
      hook = await startHookBench();
    });

    afterAll(async () => {
      await hook.close();
    });

    it.each(casesFor('hook-stack'))('%s', async (_name, c) => {
      // Act
      const response = await invokeHook(hook.stackEvent(payloadBody(c.input())));

      // Assert
      expectHookAnswered(response);
      if (c.error === undefined && c.hookError === undefined) {
        expect(response.errorCode).not.toBe('InternalFailure');
        return;
      }
      // A template the hook could not read is never SUCCESS, and the message says why and where.
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
      expectClear(response.message, HOOK_MESSAGE_LIMIT);
      // The message follows a prefix ("…could not be parsed (line 2, column 7): "), so the case's anchors are dropped.
      expect(response.message).toMatch(c.hookError ?? new RegExp((c.error?.message.source ?? '').replace(/^\^/, '').replace(/\$$/, '')));
      if (c.hookError === undefined && c.error?.line !== undefined) {
        expect(response.message).toContain(`(line ${String(c.error.line)}, column `);
      }
    });
  });
});
