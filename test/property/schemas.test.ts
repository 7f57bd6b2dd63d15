import fc from 'fast-check';

import { isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';
import { formatSchemaProblems, loadProviderSchemas, validateTemplateResources } from '../helpers/provider-schemas';
import { fireLensTemplate, type FireLensTemplateCase, mutatedTemplate } from './arbitraries';
import { invokeMacro, PROPERTY_TIMEOUT_MS, silenceLogs } from './harness';
import { PROPERTY_RUNS } from './run-counts';

/**
 * Every resource the macro writes validates against the CloudFormation provider schemas in
 * test/fixtures/provider-schemas/ (intrinsics excused, as in test/helpers/provider-schemas.ts): the resources it
 * generates, and the task definitions it rewrites. A resource the user wrote invalid (a mutation can)
 * is only required not to get worse: when its input, FireLens keys removed, already has schema
 * problems, it is not judged.
 */

silenceLogs();

const schemas = loadProviderSchemas();

/** A resource as CloudFormation would see it without the macro's property: FireLens keys removed. */
const withoutFireLens = (resource: Json | undefined): Json | undefined => {
  if (!isObject(resource) || !isObject(resource['Properties'])) {
    return resource;
  }
  const { FireLens: _task, ...properties } = resource['Properties'];
  const containers = properties['ContainerDefinitions'];
  if (Array.isArray(containers)) {
    properties['ContainerDefinitions'] = containers.map((c) => {
      if (!isObject(c)) {
        return c;
      }
      const { FireLens: _container, ...rest } = c;
      return rest;
    });
  }
  return { ...resource, Properties: properties };
};

const problemsOf = (id: string, resource: Json | undefined): string[] =>
  formatSchemaProblems(validateTemplateResources({ Resources: { [id]: resource ?? null } }, schemas).problems);

const checkSchemas = async (c: FireLensTemplateCase, what: string, inputMustBeValid: boolean): Promise<void> => {
  // Arrange
  const input = structuredClone(c.fragment);

  // Act
  const response = await invokeMacro(c.fragment);
  if (response.status !== 'success') {
    return;
  }

  // Assert
  const output = response.fragment as JsonObject;
  const inResources = isObject(input['Resources']) ? input['Resources'] : {};
  const outResources = isObject(output['Resources']) ? output['Resources'] : {};
  const problems: string[] = [];
  for (const [id, resource] of Object.entries(outResources)) {
    const before = Object.hasOwn(inResources, id) ? problemsOf(id, withoutFireLens(inResources[id])) : [];
    if (before.length > 0) {
      if (inputMustBeValid) {
        problems.push(`input resource ${id} is invalid: ${before.join('; ')}`);
      }
      continue;
    }
    problems.push(...problemsOf(id, resource));
  }
  if (problems.length > 0) {
    throw new Error(`${what}:\n${problems.join('\n')}`);
  }
};

describe('macro output against the CloudFormation provider schemas', () => {
  it(
    'on valid templates: every resource, generated or rewritten, validates',
    async () => {
      await fc.assert(
        fc.asyncProperty(fireLensTemplate(), (c) => checkSchemas(c, c.shape, true)),
        { numRuns: PROPERTY_RUNS.schemasValid },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'on mutated templates the macro accepts: no resource gets schema problems it did not have',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedTemplate(), (c) => checkSchemas(c, `${c.shape} after [${c.mutations.join('; ')}]`, false)),
        { numRuns: PROPERTY_RUNS.schemasMutated },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
