import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ECSClient } from '@aws-sdk/client-ecs';
import Ajv from 'ajv';

import { ecsTaskDefinitionLookup } from '../../../functions/shared/hook/ecs-lookup';
import { TaskDefinitionLookupError } from '../../../functions/shared/hook/errors';
import {
  externalTaskDefinitionReferences,
  resolveExternalTaskDefinitions,
  toCloudFormationTaskDefinition,
} from '../../../functions/shared/hook/external-task-definitions';
import { PROVIDER_SCHEMAS_DIR } from '../../helpers/provider-schemas';
import { apiTaskDefinition, ECS_TARGET_PREFIX, ecsResponder, type LocalServer, startLocalServer } from './local-servers';

const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7';

describe('externalTaskDefinitionReferences', () => {
  it('collects literal TaskDefinition values of services, both Fn::If branches, sorted and unique', () => {
    // Arrange
    const template = {
      Resources: {
        A: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: 'orders:7' } },
        B: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: { Ref: 'LocalTask' } } },
        C: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: { 'Fn::If': ['Blue', TASK_ARN, 'orders:7'] } } },
        LocalTask: { Type: 'AWS::ECS::TaskDefinition', Properties: {} },
      },
    };

    // Act
    const references = externalTaskDefinitionReferences(template);

    // Assert
    expect(references).toEqual([TASK_ARN, 'orders:7']);
  });

  it('does not ask ECS for a family the template defines itself (a new stack would fail the lookup)', () => {
    // Arrange
    const template = {
      Resources: {
        Web: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: 'web' } },
        Orders: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: 'orders:7' } },
        WebTask: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'web' } },
      },
    };

    // Act
    const references = externalTaskDefinitionReferences(template);

    // Assert
    expect(references).toEqual(['orders:7']);
  });
});

describe('toCloudFormationTaskDefinition', () => {
  it('turns the ECS API form into CloudFormation properties', () => {
    // Arrange
    const api = apiTaskDefinition('orders');

    // Act
    const properties = toCloudFormationTaskDefinition(api);

    // Assert
    expect(properties).toMatchObject({
      Family: 'orders',
      NetworkMode: 'awsvpc',
      Cpu: '512',
      Memory: '1024',
      RequiresCompatibilities: ['FARGATE'],
      Volumes: [
        { Name: 'data', EFSVolumeConfiguration: { FilesystemId: 'fs-12345678', RootDirectory: '/', TransitEncryption: 'ENABLED' } },
      ],
    });
    expect(properties['ContainerDefinitions']).toEqual([
      expect.objectContaining({
        Name: 'log_router',
        MemoryReservation: 50,
        FirelensConfiguration: { Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } },
      }),
      expect.objectContaining({
        Name: 'app',
        Memory: 512,
        PortMappings: [{ ContainerPort: 8080, HostPort: 8080, Protocol: 'tcp' }],
        DockerLabels: { 'com.example.team': 'orders' },
        Environment: [{ Name: 'MODE', Value: 'prod' }],
        LogConfiguration: {
          LogDriver: 'awsfirelens',
          Options: {
            Name: 'cloudwatch_logs',
            region: 'us-east-1',
            log_group_name: '/ecs/app',
            log_stream_prefix: 'app-',
            auto_create_group: 'false',
          },
          SecretOptions: [],
        },
      }),
    ]);
    expect(Object.keys(properties)).not.toEqual(expect.arrayContaining(['TaskDefinitionArn', 'Revision', 'Status', 'Compatibilities']));
  });

  it('produces properties the AWS::ECS::TaskDefinition provider schema accepts', () => {
    // Arrange
    const schema = JSON.parse(readFileSync(join(PROVIDER_SCHEMAS_DIR, 'aws-ecs-taskdefinition.json'), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
    const validate = ajv.compile(schema);

    // Act
    const valid = validate(toCloudFormationTaskDefinition(apiTaskDefinition('orders')));

    // Assert
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});

describe('ecsTaskDefinitionLookup through the real ECS client', () => {
  let server: LocalServer;
  let client: ECSClient;

  beforeAll(async () => {
    server = await startLocalServer(ecsResponder({ [TASK_ARN]: apiTaskDefinition('orders', [24224]) }));
    client = new ECSClient({
      endpoint: server.origin,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  it('speaks ECS JSON 1.1 and returns PascalCase properties', async () => {
    // Arrange
    const describe = ecsTaskDefinitionLookup(client, 2_000);

    // Act
    const properties = await describe(TASK_ARN);

    // Assert
    const request = server.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.headers['x-amz-target']).toBe(`${ECS_TARGET_PREFIX}DescribeTaskDefinition`);
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(request?.body ?? '')).toEqual({ taskDefinition: TASK_ARN });
    expect(properties).toMatchObject({ Family: 'orders', NetworkMode: 'awsvpc' });
  });

  it('turns a service error into a TaskDefinitionLookupError naming the reference', async () => {
    // Arrange
    const describe = ecsTaskDefinitionLookup(client, 2_000);

    // Act
    const error = await describe('missing:1').catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(TaskDefinitionLookupError);
    expect((error as Error).message).toBe(
      'ECS DescribeTaskDefinition for missing:1 failed: ClientException (Unable to describe task definition.)',
    );
  });

  it('resolves every external reference of a template into a map', async () => {
    // Arrange
    const template = { Resources: { Svc: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: TASK_ARN } } } };

    // Act
    const resolved = await resolveExternalTaskDefinitions(template, ecsTaskDefinitionLookup(client, 2_000));

    // Assert
    expect([...resolved.keys()]).toEqual([TASK_ARN]);
    expect(resolved.get(TASK_ARN)).toMatchObject({ Family: 'orders' });
  });
});
