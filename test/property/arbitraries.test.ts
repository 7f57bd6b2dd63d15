import fc from 'fast-check';

import type { FieldSpec } from '../../functions/shared/firelens/property-schema';
import { CONTAINER_PROPERTY, FIRELENS_PROPERTY } from '../../functions/shared/firelens/property-schema';
import { isIntrinsic, isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';
import { fireLensTemplate, mutatedTemplate, MUTATION_KINDS } from './arbitraries';
import { PROPERTY_TIMEOUT_MS } from './harness';

/**
 * The arbitraries themselves: the valid templates use every field of the FireLens property's definition
 * (a field added to property-schema.ts fails this until the generator writes it), and every mutation
 * kind is applied. A fixed seed keeps this check about the generator deterministic; the properties
 * themselves run on fast-check's random seed.
 */

const SAMPLE = { seed: 6, numRuns: 400 };

/** `Router.Type`, `Destination.Custom.SecretOptions.ValueFrom`, …: every field the definition declares. */
const definedPaths = (spec: FieldSpec, base: string): string[] => {
  switch (spec.kind) {
    case 'object':
      return Object.entries(spec.fields).flatMap(([key, field]) => [`${base}${key}`, ...definedPaths(field, `${base}${key}.`)]);
    case 'list':
      return definedPaths(spec.items, base);
    case 'boolean':
    case 'integer':
    case 'options':
    case 'string':
    case 'string-list':
    case 'string-or-false':
      return [];
  }
};

/** The same paths as they occur in a value (list indices dropped, intrinsics not entered). */
const writtenPaths = (value: Json, base: string, into: Set<string>): void => {
  if (Array.isArray(value)) {
    value.forEach((item) => {
      writtenPaths(item, base, into);
    });
  } else if (isObject(value)) {
    const object: JsonObject = value;
    if (isIntrinsic(object)) {
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      into.add(`${base}${key}`);
      writtenPaths(child, `${base}${key}.`, into);
    }
  }
};

const fireLensValues = (fragment: JsonObject): { task: Json[]; container: Json[] } => {
  const task: Json[] = [];
  const container: Json[] = [];
  for (const resource of Object.values(isObject(fragment['Resources']) ? fragment['Resources'] : {})) {
    const properties = isObject(resource) && isObject(resource['Properties']) ? resource['Properties'] : {};
    if (properties['FireLens'] !== undefined) {
      task.push(properties['FireLens']);
    }
    const containers = Array.isArray(properties['ContainerDefinitions']) ? properties['ContainerDefinitions'] : [];
    container.push(...containers.flatMap((c) => (isObject(c) && isObject(c['FireLens']) ? [c['FireLens']] : [])));
  }
  return { task, container };
};

describe('fireLensTemplate()', () => {
  it(
    'writes every field of the task-level and the container-level FireLens definitions',
    () => {
      // Arrange
      const seenTask = new Set<string>();
      const seenContainer = new Set<string>();

      // Act
      for (const c of fc.sample(fireLensTemplate(), SAMPLE)) {
        const { task, container } = fireLensValues(c.fragment);
        task.forEach((value) => {
          writtenPaths(value, '', seenTask);
        });
        container.forEach((value) => {
          writtenPaths(value, '', seenContainer);
        });
      }

      // Assert
      expect(definedPaths(FIRELENS_PROPERTY, '').filter((p) => !seenTask.has(p))).toEqual([]);
      expect(definedPaths(CONTAINER_PROPERTY, '').filter((p) => !seenContainer.has(p))).toEqual([]);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'writes only fields the definition declares',
    () => {
      // Arrange
      const defined = new Set(definedPaths(FIRELENS_PROPERTY, ''));
      const seen = new Set<string>();

      // Act
      for (const c of fc.sample(fireLensTemplate(), { ...SAMPLE, numRuns: 100 })) {
        fireLensValues(c.fragment).task.forEach((value) => {
          writtenPaths(value, '', seen);
        });
      }

      // Assert: option maps are free-form; everything else must be declared
      expect([...seen].filter((p) => !defined.has(p) && !/\.Options\./.test(p))).toEqual([]);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('mutatedTemplate()', () => {
  it(
    'applies every kind of mutation, and at least one to each case',
    () => {
      // Arrange
      const seen = new Set<string>();
      const samples = fc.sample(mutatedTemplate(), SAMPLE);

      // Act
      for (const c of samples) {
        c.mutations.forEach((m) => seen.add(m.split(':')[0] ?? ''));
      }

      // Assert
      expect(MUTATION_KINDS.filter((kind) => !seen.has(kind))).toEqual([]);
      expect(samples.filter((c) => c.mutations.length === 0)).toEqual([]);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
