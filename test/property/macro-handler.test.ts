import fc from 'fast-check';

import { type MacroResponse, MAX_ERROR_MESSAGE_LENGTH } from '../../functions/middleware/macro-response';
import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { fireLensTemplate, type FireLensTemplateCase, mutatedTemplate } from './arbitraries';
import { fireLensLeftovers, invokeMacro, isPlainJson, PROPERTY_TIMEOUT_MS, resourceIds, silenceLogs } from './harness';
import { PROPERTY_RUNS } from './run-counts';

/**
 * The macro Lambda (real middy chain) on generated templates: it never throws, always answers
 * `success` or `failure`, echoes the request id, returns plain JSON, never touches its input, and a
 * failure says what is wrong and where (a logical id) while returning the fragment unchanged.
 */

const GENERIC_FAILURE = /^FireLensMacro failed unexpectedly/;

silenceLogs();

/** Runs the handler on a case; checks what holds for every answer; returns the answer. */
const answerOf = async (c: FireLensTemplateCase, requestId: string): Promise<MacroResponse> => {
  // Arrange
  const before = structuredClone(c.fragment);

  // Act
  const response = await invokeMacro(c.fragment, requestId);

  // Assert
  expect(c.fragment).toEqual(before);
  expect(response.requestId).toBe(requestId);
  expect(['success', 'failure']).toContain(response.status);
  expect(isPlainJson(response)).toBe(true);
  if (response.status === 'failure') {
    expect(response.errorMessage).toEqual(expect.stringMatching(/\S/));
    expect(response.errorMessage?.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_LENGTH);
    expect(response.errorMessage).not.toMatch(GENERIC_FAILURE);
    expect(response.fragment).toEqual(before);
  } else {
    expect(response.errorMessage).toBeUndefined();
    expect(fireLensLeftovers(response.fragment as JsonObject)).toEqual([]);
  }
  return response;
};

describe('macro handler on generated templates', () => {
  it(
    'accepts every valid FireLens template and removes every FireLens key',
    async () => {
      await fc.assert(
        fc.asyncProperty(fireLensTemplate(), fc.uuid(), async (c, requestId) => {
          const response = await answerOf(c, requestId);
          if (response.status !== 'success') {
            throw new Error(`refused a valid template (${c.shape}): ${response.errorMessage ?? ''}`);
          }
        }),
        { numRuns: PROPERTY_RUNS.macroHandlerValid },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'answers every mutated template with success, or a failure that names a logical id, never a crash',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedTemplate(), fc.uuid(), async (c, requestId) => {
          const response = await answerOf(c, requestId);
          if (response.status === 'failure') {
            const message = response.errorMessage ?? '';
            // A template-level shape problem (Resources not a mapping) has no logical id: it names the section.
            const resources = c.fragment['Resources'];
            const sectionBroken =
              typeof resources !== 'object' || resources === null || Array.isArray(resources) || Object.keys(resources).length === 0;
            const named = resourceIds(c.fragment).some((id) => message.includes(id)) || (sectionBroken && /\bResources\b/.test(message));
            if (!named) {
              throw new Error(`failure without a logical id after [${c.mutations.join('; ')}]: ${message}`);
            }
          }
        }),
        { numRuns: PROPERTY_RUNS.macroHandlerMutated },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
