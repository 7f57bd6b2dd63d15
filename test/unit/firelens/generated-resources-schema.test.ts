import { expandFragment } from '../../../functions/shared/firelens';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { expandTemplateFile, goldenCases, macroEventFiles, problemLines, readMacroEvent } from '../../helpers/fixtures';
import {
  formatSchemaProblems,
  loadProviderSchemas,
  PROVIDER_SCHEMAS_DIR,
  REQUIRED_PROVIDER_SCHEMAS,
  validateTemplateResources,
} from '../../helpers/provider-schemas';

/**
 * Every resource the macro emits (and every resource it passes through) must be one CloudFormation
 * accepts: its Properties are checked against the resource provider schemas in test/fixtures/provider-schemas/.
 */

/** Macro events that must be refused; every other event must expand. */
const FAILING_EVENTS = new Set(['invalid.json']);

const schemas = loadProviderSchemas();

const validate = (resources: JsonObject): ReturnType<typeof validateTemplateResources> =>
  validateTemplateResources({ Resources: resources }, schemas);

describe('provider schema validation (the checker itself)', () => {
  it('reads the schemas committed in test/fixtures/provider-schemas, one for every type the tests validate', () => {
    // Arrange / Act: loaded at module level, from PROVIDER_SCHEMAS_DIR

    // Assert
    expect(PROVIDER_SCHEMAS_DIR).toMatch(/[\\/]test[\\/]fixtures[\\/]provider-schemas$/);
    expect([...schemas.keys()].sort()).toEqual([...REQUIRED_PROVIDER_SCHEMAS].sort());
  });

  it('fails loudly when the schema folder is missing', () => {
    // Arrange
    const missing = `${PROVIDER_SCHEMAS_DIR}-does-not-exist`;

    // Act / Assert
    expect(() => loadProviderSchemas(missing)).toThrow(/provider schemas not found/);
  });

  it('fails loudly when a required resource type has no schema', () => {
    // Act / Assert
    expect(() => loadProviderSchemas(PROVIDER_SCHEMAS_DIR, [...REQUIRED_PROVIDER_SCHEMAS, 'AWS::Example::Missing'])).toThrow(
      /no provider schema in .* for AWS::Example::Missing/,
    );
  });

  it('reports a value outside an enum, with the logical id and path', () => {
    // Arrange
    const resources = { Group: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 13 } } };

    // Act
    const { problems } = validate(resources);

    // Assert
    expect(formatSchemaProblems(problems)).toEqual([
      'Group (AWS::Logs::LogGroup) Properties/RetentionInDays: must be equal to one of the allowed values',
    ]);
  });

  it('reports an unknown property and a wrong type inside a $ref definition', () => {
    // Arrange
    const resources = {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'nginx', Memory: '512', Essentail: true }] },
      },
    };

    // Act
    const lines = formatSchemaProblems(validate(resources).problems);

    // Assert
    expect(lines).toEqual([
      'Task (AWS::ECS::TaskDefinition) Properties/ContainerDefinitions/0: must NOT have additional properties (Essentail)',
      'Task (AWS::ECS::TaskDefinition) Properties/ContainerDefinitions/0/Memory: must be integer',
    ]);
  });

  it('reports a read-only property that is set', () => {
    // Arrange
    const resources = { Group: { Type: 'AWS::Logs::LogGroup', Properties: { Arn: 'arn:aws:logs:us-east-1:111122223333:log-group:x' } } };

    // Act
    const lines = formatSchemaProblems(validate(resources).problems);

    // Assert
    expect(lines).toContain(
      'Group (AWS::Logs::LogGroup) Properties/Arn: is read-only (an attribute CloudFormation returns), not a property to set',
    );
  });

  it('reports a required property that is missing and a resource attribute CloudFormation does not know', () => {
    // Arrange
    const resources = { Policy: { Type: 'AWS::IAM::Policy', Propertes: {}, Properties: { PolicyName: 'p', Roles: ['r'] } } };

    // Act
    const lines = formatSchemaProblems(validate(resources).problems);

    // Assert
    expect(lines).toEqual([
      'Policy (AWS::IAM::Policy) Propertes: is not a resource attribute CloudFormation accepts',
      "Policy (AWS::IAM::Policy) Properties: must have required property 'PolicyDocument'",
    ]);
  });

  it('accepts intrinsic functions wherever a value goes', () => {
    // Arrange
    const resources = {
      Group: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: { 'Fn::If': ['IsProd', 365, 7] }, LogGroupName: { 'Fn::Sub': '/ecs/${AWS::StackName}' } },
      },
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: { 'Fn::Sub': '${AWS::StackName}-p' }, PolicyDocument: { Statement: [] }, Roles: [{ Ref: 'Role' }] },
      },
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Memory: { 'Fn::If': ['IsProd', '2048', '512'] },
          ContainerDefinitions: [
            {
              Name: 'app',
              Image: { Ref: 'Image' },
              Memory: { Ref: 'AppMemory' },
              Environment: { 'Fn::If': ['IsProd', [], { Ref: 'AWS::NoValue' }] },
            },
          ],
        },
      },
    };

    // Act
    const { checked, problems } = validate(resources);

    // Assert
    expect(checked).toHaveLength(3);
    expect(formatSchemaProblems(problems)).toEqual([]);
  });

  it('still reports an anyOf that no branch satisfies, even with intrinsics elsewhere', () => {
    // Arrange: AWS::IAM::Policy needs one of Groups, Roles, Users
    const resources = {
      Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: { Ref: 'Name' }, PolicyDocument: { Statement: [] } } },
    };

    // Act
    const lines = formatSchemaProblems(validate(resources).problems);

    // Assert
    expect(lines).toContain('Policy (AWS::IAM::Policy) Properties: must match a schema in anyOf');
  });
});

describe('resources of every golden expansion against the provider schemas', () => {
  it.each(goldenCases().map((c) => [c.name, c.inputPath] as const))('%s', (_name, inputPath) => {
    // Arrange
    const result = expandTemplateFile(inputPath);
    if (!result.ok) {
      throw new Error(`the golden input was refused:\n${problemLines(result.problems)}`);
    }

    // Act
    const { checked, problems } = validateTemplateResources(result.fragment, schemas);

    // Assert
    expect(checked.some((id) => id.endsWith('(AWS::ECS::TaskDefinition)'))).toBe(true);
    expect(formatSchemaProblems(problems)).toEqual([]);
  });
});

describe('resources of every events/macro expansion against the provider schemas', () => {
  const successEvents = macroEventFiles().filter((file) => !FAILING_EVENTS.has(file));

  it('has success events to check', () => {
    expect(successEvents.length).toBeGreaterThan(0);
  });

  it.each(successEvents)('%s', (file) => {
    // Arrange
    const fragment = readMacroEvent(file)['fragment'] as JsonObject;

    // Act
    const result = expandFragment(fragment);
    if (!result.ok) {
      throw new Error(`the event was refused:\n${problemLines(result.problems)}`);
    }
    const { checked, problems } = validateTemplateResources(result.fragment, schemas);

    // Assert
    expect(checked.length).toBeGreaterThan(0);
    expect(formatSchemaProblems(problems)).toEqual([]);
  });
});
