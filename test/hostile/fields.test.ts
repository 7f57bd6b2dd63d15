import { formatProblemPath } from '../../functions/shared/errors';
import { expandFragment } from '../../functions/shared/firelens';
import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { allWrongAtOnce, FIELD_CASES, FIELD_SITES } from './fields';
import {
  callExpandMacroEvent,
  CLI_MESSAGE_LIMIT,
  expectClear,
  expectHookAnswered,
  type HookBench,
  invokeHook,
  invokeMacro,
  jsonFindings,
  MACRO_MESSAGE_LIMIT,
  macroEvent,
  payloadBody,
  runCliInProcess,
  startHookBench,
} from './harness';
import { utf8 } from './inputs';

/**
 * Every field of the FireLens property (property-schema.ts) with a value of each JSON type, an unknown
 * intrinsic and an Fn::If: a value the field does not take is refused by every entry point, with the
 * logical id and the property path; a value it takes never crashes anything.
 */
const REFUSED = FIELD_CASES.filter((c) => c.refused);
const TAKEN = FIELD_CASES.filter((c) => !c.refused);

const asTemplateText = (fragment: Record<string, unknown>): Uint8Array => utf8(JSON.stringify({ Transform: 'FireLensMacro', ...fragment }));

describe('every FireLens field with values of the wrong type', () => {
  let hook: HookBench;

  beforeAll(async () => {
    hook = await startHookBench();
  });

  afterAll(async () => {
    await hook.close();
  });

  it('covers every field of the definition, at task level and per container', () => {
    // Assert: the sites come from property-schema.ts, so a new field is tested without a new row.
    expect(FIELD_SITES.map((s) => s.label)).toEqual(
      expect.arrayContaining([
        'Router.Memory',
        'Destination.S3.KeyFormat',
        'Destination.Custom.SecretOptions[0].ValueFrom',
        'ContainerDefinitions[0].FireLens.BufferLimit',
      ]),
    );
    expect(REFUSED.length).toBeGreaterThan(300);
  });

  describe.each(['macro', 'expand-macro-event'] as const)('through the macro (%s)', (entry) => {
    const answer = (fragment: Record<string, unknown>) =>
      entry === 'macro' ? invokeMacro(macroEvent(fragment)) : callExpandMacroEvent(macroEvent(fragment));

    it.each(REFUSED.map((c) => [c.name, c] as const))('refuses %s, naming Task and the path', async (_name, c) => {
      // Act
      const response = await answer(c.site.build(c.value));

      // Assert
      expect(response.status).toBe('failure');
      expectClear(response.errorMessage, MACRO_MESSAGE_LIMIT);
      expect(response.errorMessage).toContain(`${formatProblemPath(c.site.path)}: `);
    });

    it.each(TAKEN.map((c) => [c.name, c] as const))('takes %s without a crash', async (_name, c) => {
      // Act
      const response = await answer(c.site.build(c.value));

      // Assert: a failure, if any, is a user error about this task (later stages may still object to the value).
      if (response.status === 'failure') {
        expectClear(response.errorMessage, MACRO_MESSAGE_LIMIT);
        expect(response.errorMessage).toContain('Task.Properties.');
      }
    });
  });

  it.each(FIELD_CASES.map((c) => [c.name, c] as const))('firelens lint (in-process): %s', async (_name, c) => {
    // Act
    const run = await runCliInProcess(['lint', '--format', 'json', 'template.json'], {
      'template.json': asTemplateText(c.site.build(c.value)),
    });

    // Assert
    expect(run.stderr).toBe('');
    const findings = jsonFindings(run.stdout);
    expect(findings.filter((f) => f.Rule.Id === 'FL0001')).toEqual([]);
    for (const finding of findings) {
      expectClear(finding.Message, CLI_MESSAGE_LIMIT);
    }
    if (c.refused) {
      expect(run.code).toBe(2);
      expect(findings.filter((f) => f.Rule.Id === 'FL0002').map((f) => f.Location.Path)).toContainEqual(c.site.path);
    } else {
      expect(run.code).toBeLessThan(32);
    }
  });

  it.each(FIELD_CASES.map((c) => [c.name, c] as const))('hook, stack target: %s', async (_name, c) => {
    // Act
    const response = await invokeHook(hook.stackEvent(payloadBody(asTemplateText(c.site.build(c.value)))));

    // Assert
    expectHookAnswered(response);
    expect(response.errorCode).not.toBe('InternalFailure');
    if (c.refused) {
      expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
      expect(response.message).toContain(`FireLensMacro ${c.site.path.join('/')}: `);
    }
  });

  describe.each(allWrongAtOnce().map((c) => [c.destination, c] as const))(
    'with every field wrong at once (%s destination)',
    (_destination, c) => {
      it('lists a problem at every path, in one answer (expandFragment)', () => {
        // Act
        const result = expandFragment(c.fragment as JsonObject);

        // Assert
        expect(result.ok).toBe(false);
        const paths = result.ok ? [] : result.problems.map((p) => p.path);
        for (const path of c.paths) {
          expect(paths).toContainEqual(path);
        }
      });

      it('answers one failure that counts them all (macro handler)', async () => {
        // Act
        const response = await invokeMacro(macroEvent(c.fragment));

        // Assert
        expect(response.status).toBe('failure');
        expectClear(response.errorMessage, MACRO_MESSAGE_LIMIT);
        const count = Number(/^FireLens: (\d+) problems: /.exec(response.errorMessage ?? '')?.[1]);
        expect(count).toBeGreaterThanOrEqual(c.paths.length);
      });
    },
  );
});
