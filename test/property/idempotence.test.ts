import fc from 'fast-check';

import { expandTemplate } from '../../functions/shared/firelens';
import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { fireLensTemplate, type FireLensTemplateCase, MACRO_NAME, mutatedTemplate } from './arbitraries';
import { invokeMacro, PROPERTY_TIMEOUT_MS, silenceLogs } from './harness';
import { PROPERTY_RUNS } from './run-counts';

/**
 * Expanding the macro's output again changes nothing, byte for byte (key order included): through
 * the handler (a second template-level transform) and through expandTemplate with the macro still
 * listed in Transform (what the CLI, lint and the hook do).
 */

silenceLogs();

const checkIdempotent = async (c: FireLensTemplateCase, what: string): Promise<void> => {
  // Arrange
  const first = await invokeMacro(c.fragment);
  if (first.status !== 'success') {
    return;
  }
  const once = first.fragment as JsonObject;
  const text = JSON.stringify(once);

  // Act
  const second = await invokeMacro(structuredClone(once));
  const viaTemplate = expandTemplate({ ...structuredClone(once), Transform: MACRO_NAME });

  // Assert
  if (second.status !== 'success' || JSON.stringify(second.fragment) !== text) {
    throw new Error(
      `${what}: expanding the output again gave ${second.status} ${second.errorMessage ?? JSON.stringify(second.fragment).slice(0, 400)}`,
    );
  }
  if (!viaTemplate.ok || JSON.stringify(viaTemplate.fragment) !== text) {
    throw new Error(`${what}: expandTemplate on the output changed it`);
  }
};

describe('macro expansion is idempotent', () => {
  it(
    'on valid templates',
    async () => {
      await fc.assert(
        fc.asyncProperty(fireLensTemplate(), (c) => checkIdempotent(c, c.shape)),
        { numRuns: PROPERTY_RUNS.idempotenceValid },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'on mutated templates the macro accepts',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedTemplate(), (c) => checkIdempotent(c, `${c.shape} after [${c.mutations.join('; ')}]`)),
        { numRuns: PROPERTY_RUNS.idempotenceMutated },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
