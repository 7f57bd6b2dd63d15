import fc from 'fast-check';

import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { fireLensTemplate, type FireLensTemplateCase, mutatedTemplate } from './arbitraries';
import { invokeMacro, preservationViolations, PROPERTY_TIMEOUT_MS, silenceLogs } from './harness';
import { PROPERTY_RUNS } from './run-counts';

/**
 * "Nothing else changes" (README): on success every section, resource, attribute, property, condition,
 * output and intrinsic function of the input comes out as it went in, apart from the additions the
 * README documents (harness.ts, preservationViolations, lists them) and the removed FireLens keys.
 */

silenceLogs();

const checkPreserved = async (c: FireLensTemplateCase, what: string): Promise<void> => {
  // Arrange
  const input = structuredClone(c.fragment);

  // Act
  const response = await invokeMacro(c.fragment);

  // Assert
  if (response.status !== 'success') {
    return;
  }
  const violations = preservationViolations(input, response.fragment as JsonObject);
  if (violations.length > 0) {
    throw new Error(`${what}: ${violations.join('\n')}`);
  }
};

describe('macro output keeps everything that is not FireLens', () => {
  it(
    'on valid templates',
    async () => {
      await fc.assert(
        fc.asyncProperty(fireLensTemplate(), (c) => checkPreserved(c, c.shape)),
        { numRuns: PROPERTY_RUNS.preservationValid },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'on mutated templates the macro accepts',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedTemplate(), (c) => checkPreserved(c, `${c.shape} after [${c.mutations.join('; ')}]`)),
        { numRuns: PROPERTY_RUNS.preservationMutated },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('preservationViolations (the checker itself)', () => {
  it('keeps a resource of the input named like a generated one as the input one, under a conditional FireLens', async () => {
    // Arrange: the macro generates no execution role here (an external one), so the user's topic keeps its id
    const input: JsonObject = {
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'prod'] } },
      Resources: {
        T: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            RequiresCompatibilities: ['FARGATE'],
            NetworkMode: 'awsvpc',
            Cpu: '256',
            Memory: '512',
            ExecutionRoleArn: 'arn:aws:iam::111122223333:role/shared-execution-role',
            ContainerDefinitions: [{ Name: 'app', Image: 'public.ecr.aws/nginx/nginx:1.27' }],
            FireLens: {
              'Fn::If': ['IsProd', { Destination: { CloudWatchLogs: {} }, ExternalRolesGranted: true }, { Ref: 'AWS::NoValue' }],
            },
          },
        },
        TFireLensExecutionRole: { Type: 'AWS::SNS::Topic' },
      },
    };

    // Act
    const response = await invokeMacro(structuredClone(input));

    // Assert
    expect(response.status).toBe('success');
    expect(preservationViolations(input, response.fragment as JsonObject)).toEqual([]);
  });

  const task = (extra: JsonObject = {}): JsonObject => ({
    Resources: {
      T: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'x', ...extra }], FireLens: { Destination: { CloudWatchLogs: {} } } },
      },
    },
  });

  it('accepts the documented additions', () => {
    // Arrange
    const input = task();
    const output: JsonObject = {
      Resources: {
        T: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [
              { Name: 'log_router', Image: 'r', FirelensConfiguration: { Type: 'fluentbit' } },
              {
                Name: 'app',
                Image: 'x',
                LogConfiguration: { LogDriver: 'awsfirelens' },
                DependsOn: [{ ContainerName: 'log_router', Condition: 'START' }],
              },
            ],
            TaskRoleArn: { 'Fn::GetAtt': ['TFireLensTaskRole', 'Arn'] },
          },
        },
        TFireLensTaskRole: { Type: 'AWS::IAM::Role', Properties: {} },
      },
    };

    // Act
    const violations = preservationViolations(input, output);

    // Assert
    expect(violations).toEqual([]);
  });

  it('reports a changed container property, a dropped resource and an unexpected new one', () => {
    // Arrange
    const input: JsonObject = { ...task({ Memory: 128 }), Outputs: { O: { Value: 1 } } };
    const resources = (input['Resources'] ?? {}) as JsonObject;
    input['Resources'] = { ...resources, Other: { Type: 'AWS::SNS::Topic' } };
    const output: JsonObject = {
      Resources: {
        T: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [
              { Name: 'log_router', Image: 'r', FirelensConfiguration: { Type: 'fluentbit' } },
              { Name: 'app', Image: 'x', Memory: 256 },
            ],
          },
        },
        Stray: { Type: 'AWS::SNS::Topic' },
      },
      Outputs: { O: { Value: 1 } },
    };

    // Act
    const violations = preservationViolations(input, output);

    // Assert
    expect(violations).toEqual([
      'new resource Stray is not named after an expanded task (<Task>FireLens…)',
      'T.Properties.ContainerDefinitions[0].Memory changed: 128 → 256',
      'resource Other was dropped',
    ]);
  });
});
