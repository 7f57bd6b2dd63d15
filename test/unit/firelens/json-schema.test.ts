import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { type ValidateFunction } from 'ajv';

import { firelensJsonSchema } from '../../../functions/shared/firelens/json-schema';
import { isObject, type Json, type JsonObject } from '../../../functions/shared/template/intrinsics';
import {
  exampleFiles,
  GOLDEN_ERRORS_DIR,
  goldenCases,
  loadTemplateFile,
  macroEventFiles,
  readMacroEvent,
  REPO_ROOT,
} from '../../helpers/fixtures';

/**
 * The published JSON Schema of the `FireLens` property (schema/firelens.schema.json) is generated from
 * the same definition the macro validates with. These tests keep the checked-in file current, and
 * check that it accepts every property our fixtures and examples use and rejects known mistakes.
 */
const SCHEMA_PATH = join(REPO_ROOT, 'schema', 'firelens.schema.json');

interface FoundProperty {
  readonly where: string;
  readonly value: Json;
  readonly level: 'task' | 'container';
}

/** Every task-level and container-level FireLens property of a template, with where it was found. */
const fireLensProperties = (template: JsonObject, source: string): FoundProperty[] => {
  const resources = isObject(template['Resources']) ? template['Resources'] : {};
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (!isObject(resource) || resource['Type'] !== 'AWS::ECS::TaskDefinition' || !isObject(resource['Properties'])) {
      return [];
    }
    const properties = resource['Properties'];
    const found: FoundProperty[] = [];
    const taskLevel = properties['FireLens'];
    if (taskLevel !== undefined) {
      found.push({ where: `${source} ${logicalId}.FireLens`, value: taskLevel, level: 'task' });
    }
    const containers = Array.isArray(properties['ContainerDefinitions']) ? properties['ContainerDefinitions'] : [];
    containers.forEach((container, index) => {
      if (isObject(container) && container['FireLens'] !== undefined) {
        found.push({
          where: `${source} ${logicalId}.ContainerDefinitions[${String(index)}].FireLens`,
          value: container['FireLens'],
          level: 'container',
        });
      }
    });
    return found;
  });
};

const checkedIn = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
const schemaId = String(checkedIn['$id']);

/**
 * Strict mode, so the schema stays free of keywords ajv ignores. Union types (`type: [string, number,
 * boolean]`, valid draft-07) are allowed; `strictRequired` is off because `oneOf: [{required: [Key]}]`
 * names keys declared in the parent's `properties`, the usual way to say "exactly one of".
 */
const compile = (): { task: ValidateFunction; container: ValidateFunction } => {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addSchema(checkedIn);
  const task = ajv.getSchema(schemaId);
  const container = ajv.getSchema(`${schemaId}#/definitions/ContainerFireLens`);
  if (task === undefined || container === undefined) {
    throw new Error('the schema or its ContainerFireLens definition did not compile');
  }
  return { task, container };
};

const errorsOf = (validate: ValidateFunction, value: Json): string[] =>
  validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);

const validProperties = (): FoundProperty[] => [
  ...goldenCases().flatMap((c) => fireLensProperties(loadTemplateFile(c.inputPath), `fixtures/macro/${c.name}`)),
  ...exampleFiles().flatMap((file) => fireLensProperties(loadTemplateFile(file), file.slice(REPO_ROOT.length + 1))),
  ...macroEventFiles()
    .filter((file) => file !== 'invalid.json')
    .flatMap((file) => {
      const fragment = readMacroEvent(file)['fragment'];
      return isObject(fragment) ? fireLensProperties(fragment, `events/macro/${file}`) : [];
    }),
];

describe('schema/firelens.schema.json', () => {
  it('is what firelensJsonSchema() generates (run `npm run schema` after changing the property definition)', () => {
    // Arrange
    const generated = firelensJsonSchema();

    // Act / Assert
    expect(checkedIn).toEqual(generated);
  });

  it('is a valid draft-07 schema', () => {
    // Arrange
    const ajv = new Ajv();

    // Act
    const valid = ajv.validateSchema(checkedIn);

    // Assert
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(checkedIn['$schema']).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('compiles with ajv in strict mode', () => {
    // Act / Assert
    expect(() => compile()).not.toThrow();
  });

  const validators = compile();

  describe('accepts every FireLens property of the golden inputs, the examples and the macro events', () => {
    const found = validProperties();

    it('finds task-level and container-level properties to check', () => {
      expect(found.filter((f) => f.level === 'task').length).toBeGreaterThanOrEqual(goldenCases().length);
      expect(found.some((f) => f.level === 'container')).toBe(true);
    });

    it.each(found.map((f) => [f.where, f] as const))('%s', (_where, property) => {
      // Act
      const errors = errorsOf(property.level === 'task' ? validators.task : validators.container, property.value);

      // Assert
      expect(errors).toEqual([]);
    });
  });

  describe('rejects mistakes', () => {
    const cases: readonly (readonly [string, Json])[] = [
      ['an unknown key', { Destination: { CloudWatchLogs: {} }, BuferLimit: 1048576 }],
      ['an unknown key inside Router', { Router: { MemoryReservaton: 64 }, Destination: { CloudWatchLogs: {} } }],
      ['two destinations', { Destination: { CloudWatchLogs: {}, Firehose: { DeliveryStreamName: 'x' } } }],
      ['no destination', { Destination: {} }],
      ['a missing Destination', { BufferLimit: 1048576 }],
      ['a string where an integer goes', { Destination: { CloudWatchLogs: {} }, BufferLimit: 'lots' }],
      ['a string where a boolean goes', { Router: { HealthCheck: 'yes' }, Destination: { CloudWatchLogs: {} } }],
      ['a buffer limit of 536870912 (ECS: below 536870912)', { Destination: { CloudWatchLogs: {} }, BufferLimit: 536870912 }],
      ['a router type other than fluentbit or fluentd', { Router: { Type: 'vector' }, Destination: { CloudWatchLogs: {} } }],
      ['Firehose without DeliveryStreamName', { Destination: { Firehose: {} } }],
      [
        'an intrinsic where the macro needs a literal (Router.Type)',
        { Router: { Type: { Ref: 'RouterType' } }, Destination: { CloudWatchLogs: {} } },
      ],
    ];

    it.each(cases)('%s', (_what, value) => {
      // Act
      const valid = validators.task(value);

      // Assert
      expect(valid).toBe(false);
    });

    it('rejects a container-level property with an unknown key, and accepts false', () => {
      // Act
      const unknownKey = validators.container({ BufferLimt: 1 });
      const optOut = validators.container(false);

      // Assert
      expect(unknownKey).toBe(false);
      expect(optOut).toBe(true);
    });

    it.each(['unknown-key-did-you-mean', 'two-destinations', 'buffer-out-of-range'])(
      'rejects the FireLens property of errors/%s.yaml',
      (name) => {
        // Arrange
        const [property] = fireLensProperties(loadTemplateFile(join(GOLDEN_ERRORS_DIR, `${name}.yaml`)), name);

        // Act
        const valid = property === undefined ? undefined : validators.task(property.value);

        // Assert
        expect(valid).toBe(false);
      },
    );
  });
});
