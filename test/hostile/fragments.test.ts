import type { MacroResult } from '../../functions/middleware/macro-response';
import { formatProblemPath } from '../../functions/shared/errors';
import { lintTemplate } from '../../functions/shared/rules/lint';
import type { JsonObject } from '../../functions/shared/template/intrinsics';
import type { TemplatePath } from '../../functions/shared/template/locator';
import { type ExpectedProblem, FRAGMENT_CASES, type FragmentCase, type FragmentEntry } from './cases';
import {
  callExpandMacroEvent,
  CLI_MESSAGE_LIMIT,
  expectClear,
  expectHookAnswered,
  HOOK_MESSAGE_LIMIT,
  type HookBench,
  invokeHook,
  invokeMacro,
  jsonFindings,
  MACRO_MESSAGE_LIMIT,
  macroEvent,
  payloadBody,
  resourceEvent,
  runCliInProcess,
  startHookBench,
} from './harness';
import { utf8 } from './inputs';

/**
 * Parsed templates with wrong types, intrinsics where lists or objects belong, huge and deep values:
 * through the macro, lintTemplate, `firelens lint` and the hook. Every problem is listed at once with
 * the logical id and path; what the macro does not read comes out exactly as it went in.
 */
const casesFor = (entry: FragmentEntry): (readonly [string, FragmentCase])[] =>
  FRAGMENT_CASES.filter((c) => c.entries.includes(entry)).map((c) => [c.name, c] as const);

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `where: message` in an answer, the expected message being text or a pattern. */
const problemPattern = (where: string, message: string | RegExp): RegExp =>
  new RegExp(`${escape(where)}: ${typeof message === 'string' ? escape(message) : message.source.replace(/^\^/, '').replace(/\$$/, '')}`);

const at = (root: unknown, path: TemplatePath): unknown =>
  path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined),
    root,
  );

/**
 * Every expected problem, where and what. A bounded answer may end early ("…", "… and N more"): it must
 * still count them all and name where the first one is (as far as the bound allows).
 */
const expectListed = (
  message: string,
  problems: readonly ExpectedProblem[],
  where: (path: TemplatePath) => string,
  count: number | undefined,
): void => {
  expect(count).toBeGreaterThanOrEqual(problems.length);
  if (/…$|more problems?$/.test(message)) {
    expect(message).toContain(where(problems[0]?.path ?? []).slice(0, 200));
    return;
  }
  for (const problem of problems) {
    expect(message).toMatch(problemPattern(where(problem.path), problem.message));
  }
};

const templateText = (c: FragmentCase): Uint8Array => utf8(JSON.stringify({ Transform: 'FireLensMacro', ...c.fragment() }));

describe('hostile parsed templates', () => {
  describe.each(['macro', 'expand-macro-event'] as const)('the macro (%s)', (entry) => {
    const answer = (fragment: unknown): Promise<MacroResult> =>
      entry === 'macro' ? invokeMacro(macroEvent(fragment)) : callExpandMacroEvent(macroEvent(fragment));

    it.each(casesFor(entry))('%s', async (_name, c) => {
      // Arrange
      const fragment = c.fragment();

      // Act
      const response = await answer(fragment);

      // Assert
      if (c.problems.length === 0) {
        expect(response).toMatchObject({ status: 'success' });
        for (const [input, output] of c.kept ?? []) {
          expect(at(response.fragment, output)).toEqual(at(fragment, input));
        }
        return;
      }
      expect(response.status).toBe('failure');
      expectClear(response.errorMessage, MACRO_MESSAGE_LIMIT);
      // Nothing of the template is changed on a failure.
      expect(response.fragment).toEqual(fragment);
      const message = response.errorMessage ?? '';
      expectListed(message, c.problems, formatProblemPath, Number(/^FireLens: (\d+) problems?: /.exec(message)?.[1]));
    });
  });

  describe('lintTemplate (as written, no expansion)', () => {
    it.each(casesFor('lint-template'))('%s', (_name, c) => {
      // Act
      const findings = lintTemplate(c.fragment() as JsonObject);

      // Assert: never a crash; FL0000 exactly for what CloudFormation cannot read.
      expect(findings.filter((f) => f.ruleId === 'FL0001')).toEqual([]);
      const parse = findings.filter((f) => f.ruleId === 'FL0000');
      expect(parse).toHaveLength(c.lintProblems?.length ?? 0);
      for (const problem of c.lintProblems ?? []) {
        expect(parse.map((f) => `${f.path.join('/')}: ${f.message}`).join('\n')).toMatch(
          problemPattern(problem.path.join('/'), problem.message),
        );
      }
      for (const finding of findings) {
        expectClear(finding.message, CLI_MESSAGE_LIMIT);
      }
    });
  });

  describe('firelens lint --format json (in-process, with Transform: FireLensMacro)', () => {
    it.each(casesFor('cli-lint'))('%s', async (_name, c) => {
      // Act
      const run = await runCliInProcess(['lint', '--format', 'json', 'template.json'], { 'template.json': templateText(c) });

      // Assert
      expect(run.stderr).toBe('');
      const findings = jsonFindings(run.stdout);
      expect(findings.filter((f) => f.Rule.Id === 'FL0001' || f.Rule.Id === 'FL0000')).toEqual([]);
      for (const finding of findings) {
        expectClear(finding.Message, CLI_MESSAGE_LIMIT);
      }
      const expansion = findings.filter((f) => f.Rule.Id === 'FL0002');
      if (c.problems.length === 0) {
        expect(expansion).toEqual([]);
        expect(run.code).toBeLessThan(32);
        return;
      }
      expect(run.code).toBe(2);
      const listed = expansion.map((f) => `${formatProblemPath(f.Location.Path)}: ${f.Message}`).join('\n');
      expectListed(listed, c.problems, formatProblemPath, expansion.length);
    });
  });

  describe('the hook', () => {
    let hook: HookBench;

    beforeAll(async () => {
      hook = await startHookBench();
    });

    afterAll(async () => {
      await hook.close();
    });

    it.each(casesFor('hook-stack'))('stack target: %s', async (_name, c) => {
      // Act
      const response = await invokeHook(hook.stackEvent(payloadBody(templateText(c))));

      // Assert
      expectHookAnswered(response);
      expect(response.errorCode).not.toBe('InternalFailure');
      if (c.problems.length === 0) {
        return;
      }
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
      expectClear(response.message, HOOK_MESSAGE_LIMIT);
      const message = response.message ?? '';
      const where = (path: TemplatePath): string => `FireLensMacro ${path.join('/')}`;
      expectListed(message, c.problems, where, Number(/cannot expand the template \((\d+) problems?\)/.exec(message)?.[1]));
    });

    it.each(casesFor('hook-resource'))('resource target (the task definition alone): %s', async (_name, c) => {
      // Arrange
      const resource = (c.fragment()['Resources'] as Record<string, { Type: string; Properties: unknown }>)[c.resource ?? 'Task'];

      // Act
      const response = await invokeHook(resourceEvent(resource?.Type ?? 'AWS::ECS::TaskDefinition', resource?.Properties));

      // Assert: the rules see wrong types as unknowns; the hook answers, never with a crash.
      expectHookAnswered(response);
      expect(response.errorCode).not.toBe('InternalFailure');
      expectClear(response.message, HOOK_MESSAGE_LIMIT);
    });
  });
});
