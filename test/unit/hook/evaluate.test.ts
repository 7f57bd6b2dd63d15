import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ECSClient } from '@aws-sdk/client-ecs';

import { ecsTaskDefinitionLookup } from '../../../functions/shared/hook/ecs-lookup';
import { HookFailureError, TaskDefinitionLookupError } from '../../../functions/shared/hook/errors';
import { evaluateHook, type HookConfig, pseudoParametersOf, resourceTemplate } from '../../../functions/shared/hook/evaluate';
import type { HookEvent, ResourceHookEvent, TemplateHookEvent } from '../../../functions/shared/hook/types';
import { catalog } from '../../../functions/shared/rules/catalog';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { apiTaskDefinition, ecsResponder, type LocalServer, startLocalServer } from './local-servers';

const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7';

const config = (overrides: Partial<HookConfig> = {}): HookConfig => ({
  ignoreRules: [],
  onlyRules: [],
  allowTemplateSuppressions: [],
  failOnUnchecked: true,
  warningsAsErrors: false,
  strictPort24224: false,
  payload: { allowedHosts: ['127.0.0.1'], allowHttp: true, timeoutMs: 2_000, maxBytes: 1_000_000 },
  ecsLookup: { enabled: true, timeoutMs: 2_000 },
  macroName: 'FireLensMacro',
  region: 'us-east-1',
  ...overrides,
});

const base = {
  clientRequestToken: 'tok',
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1',
  changeSetId: undefined,
  hookTypeName: 'Private::FireLens::Hook',
  action: 'CREATE' as const,
  invocation: 1,
};

const resourceEvent = (targetName: string, resourceProperties: ResourceHookEvent['resourceProperties']): ResourceHookEvent => ({
  ...base,
  kind: 'RESOURCE',
  targetName,
  targetLogicalId: 'Target',
  resourceProperties,
});

const stackEvent = (payloadUrl: string): TemplateHookEvent => ({
  ...base,
  kind: 'STACK',
  targetName: 'STACK',
  targetLogicalId: 's',
  payloadUrl,
});

const taskWithPort = (port: number): ResourceHookEvent['resourceProperties'] => ({
  NetworkMode: 'awsvpc',
  RequiresCompatibilities: ['FARGATE'],
  Cpu: '256',
  Memory: '512',
  // As CloudFormation resolves it for a resource hook: a literal ARN, so FL1601 can only note it as unchecked.
  TaskRoleArn: 'arn:aws:iam::123456789012:role/task',
  ContainerDefinitions: [
    {
      Name: 'log_router',
      Image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2.20241008',
      Essential: 'true',
      MemoryReservation: '50',
      FirelensConfiguration: { Type: 'fluentbit' },
    },
    {
      Name: 'app',
      Image: 'app:1',
      Memory: '256',
      PortMappings: [{ ContainerPort: String(port) }],
      LogConfiguration: {
        LogDriver: 'awsfirelens',
        Options: { Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: 'g', log_stream_prefix: 'p', auto_create_group: 'false' },
      },
    },
  ],
});

/** The macro's own Fargate example (events/macro/fargate-minimal.json) as a template-level transform. */
const macroTemplate = JSON.stringify({
  Transform: ['FireLensMacro', 'AWS::Serverless-2016-10-31'],
  ...(JSON.parse(readFileSync(join(__dirname, '../../../events/macro/fargate-minimal.json'), 'utf8')) as { fragment: object }).fragment,
});

/** A routed container's plain api key, written in the FireLens property on line 14. */
const MACRO_WITH_PLAIN_SECRET = [
  'Transform: FireLensMacro',
  'Resources:',
  '  Task:',
  '    Type: AWS::ECS::TaskDefinition',
  '    Properties:',
  '      RequiresCompatibilities: [FARGATE]',
  '      NetworkMode: awsvpc',
  '      Cpu: 256',
  '      Memory: 512',
  '      ContainerDefinitions: [{Name: app, Image: app:1}]',
  '      FireLens:',
  '        Destination:',
  '          Custom:',
  '            Name: datadog',
  '            Options: {apikey: abc123, Host: http-intake.logs.datadoghq.com, TLS: "on", provider: ecs}',
].join('\n');

/** Templates a test adds to the payload server under a path of its own. */
const served = new Map<string, string>();

const CATALOG_METAS = catalog.map((rule) => rule.meta);

describe('evaluateHook', () => {
  let payloads: LocalServer;
  let ecs: LocalServer;
  let client: ECSClient;

  beforeAll(async () => {
    payloads = await startLocalServer((request, response) => {
      const templates: Record<string, string | object> = {
        '/object-empty.json': {},
        '/no-resources.yaml': 'AWSTemplateFormatVersion: 2010-09-09\nParameters:\n  Env: {Type: String}\n',
        '/empty-resources.yaml': 'Resources: {}\n',
        '/bad.json':
          'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: app:1\n          LogConfiguration:\n            LogDriver: awsfirelens\n',
        '/empty.json': '',
        '/broken.json': 'Resources: [unclosed',
        '/macro.json': macroTemplate,
        '/macro-secret.yaml': MACRO_WITH_PLAIN_SECRET,
        '/macro-refused.yaml': MACRO_WITH_PLAIN_SECRET.replace('Name: datadog', 'Nmae: datadog'),
        '/suppressed.yaml': `Metadata:\n  firelens-lint:\n    config:\n      ignore_checks: [FL1302, F]\nResources: ${JSON.stringify({
          Task: { Type: 'AWS::ECS::TaskDefinition', Properties: taskWithPort(24224) },
        })}\n`,
        '/service-sub.yaml': [
          'Resources:',
          '  Sg:',
          '    Type: AWS::EC2::SecurityGroup',
          '    Properties:',
          '      GroupDescription: open',
          '      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 24224, ToPort: 24224, CidrIp: 0.0.0.0/0}]',
          '  Svc:',
          '    Type: AWS::ECS::Service',
          '    Properties:',
          "      TaskDefinition: !Sub 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/orders:7'",
          '      NetworkConfiguration: {AwsvpcConfiguration: {SecurityGroups: [!Ref Sg]}}',
        ].join('\n'),
        '/service.json': JSON.stringify({ Resources: { Svc: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: TASK_ARN } } } }),
      };
      const template = templates[request.url.split('?')[0] ?? ''] ?? served.get(request.url.split('?')[0] ?? '');
      response.writeHead(template === undefined ? 404 : 200);
      response.end(template === undefined ? '' : JSON.stringify({ template, previousTemplate: '' }));
    });
    ecs = await startLocalServer(
      ecsResponder({
        [TASK_ARN]: apiTaskDefinition('orders', [24224]),
        'arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7': apiTaskDefinition('orders', [24224]),
      }),
    );
    client = new ECSClient({
      endpoint: ecs.origin,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await Promise.all([payloads.close(), ecs.close()]);
  });

  it.each([
    ['the stack ARN', base.stackId, '999999999999', undefined, { region: 'eu-west-1', accountId: '999999999999', partition: 'aws' }],
    [
      'a China stack ARN',
      'arn:aws-cn:cloudformation:cn-north-1:123456789012:stack/s/1',
      undefined,
      undefined,
      { region: 'cn-north-1', accountId: '123456789012', partition: 'aws-cn' },
    ],
    [
      'no stack (Cloud Control): the Lambda Region',
      undefined,
      '123456789012',
      'us-gov-west-1',
      { region: 'us-gov-west-1', accountId: '123456789012', partition: 'aws-us-gov' },
    ],
    ['nothing known', undefined, undefined, undefined, {}],
  ])('reads the pseudo parameters of a request from %s', (_what, stackId, awsAccountId, lambdaRegion, expected) => {
    // Arrange
    const event = { ...resourceEvent('AWS::ECS::Service', {}), stackId, awsAccountId };

    // Act
    const pseudo = pseudoParametersOf(event, lambdaRegion);

    // Assert
    expect(pseudo).toEqual(expected);
  });

  it('wraps resource properties in a one-resource template', () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::TaskDefinition', { Family: 'f' });

    // Act
    const template = resourceTemplate(event);

    // Assert
    expect(template).toEqual({ Resources: { Target: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'f' } } } });
  });

  it('fails a non-compliant resource with its rule id and path', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::TaskDefinition', taskWithPort(24224));

    // Act
    const { response, findings } = await evaluateHook(event, config(), {});

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'tok' });
    expect(response.message).toContain('FL1302 Resources/Target/Properties/ContainerDefinitions/1/PortMappings/0: ');
    expect(findings.error).toBe(1);
  });

  it('passes a compliant resource', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::TaskDefinition', taskWithPort(8080));

    // Act
    const { response } = await evaluateHook(event, config(), {});

    // Assert
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response.message).toMatch(
      /^FireLens hook: compliant, 0 errors, 0 warnings, 1 informational: FL1601 Resources\/Target\/Properties\/TaskRoleArn: Cannot check/,
    );
  });

  it('runs the rules with the run configuration: an ignored rule reports nothing', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::TaskDefinition', taskWithPort(24224));

    // Act
    const ignored = await evaluateHook(event, config({ ignoreRules: ['FL1302'] }), {});
    const others = await evaluateHook(event, config({ onlyRules: ['FL1007'] }), {});

    // Assert
    expect(ignored.response.hookStatus).toBe('SUCCESS');
    expect(others.response.hookStatus).toBe('SUCCESS');
  });

  it('passes its rule options to the rules: 4096 buffered lines of 256 bytes fit where 2048-byte ones do not', async () => {
    // Arrange: 510 of 512 MiB reserved; 4096 lines are 8 MiB at the default 2048 bytes, 1 MiB at 256.
    const properties: JsonObject = {
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      Cpu: '256',
      Memory: '512',
      ContainerDefinitions: [
        {
          Name: 'log_router',
          Image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
          FirelensConfiguration: { Type: 'fluentbit' },
          MemoryReservation: 50,
        },
        {
          Name: 'app',
          Image: 'nginx:1.27',
          MemoryReservation: 460,
          LogConfiguration: {
            LogDriver: 'awsfirelens',
            Options: {
              Name: 'cloudwatch_logs',
              region: 'us-east-1',
              log_group_name: '/app',
              log_stream_prefix: 'app-',
              'log-driver-buffer-limit': '4096',
            },
          },
        },
      ],
    };
    const event = resourceEvent('AWS::ECS::TaskDefinition', properties);

    // Act
    const byDefault = await evaluateHook(event, config({ onlyRules: ['FL1103'] }), {});
    const configured = await evaluateHook(
      event,
      config({ onlyRules: ['FL1103'], configureRules: { FL1103: { 'average-log-line-bytes': 256 } } }),
      {},
    );

    // Assert
    expect(byDefault.response.message).toContain('(8 MiB: 4096 log lines × 2048 bytes)');
    expect(configured.response).toMatchObject({ hookStatus: 'SUCCESS' });
  });

  it('answers SUCCESS for a delete without running any rule', async () => {
    // Arrange
    const event: HookEvent = { ...resourceEvent('AWS::ECS::TaskDefinition', taskWithPort(24224)), action: 'DELETE' };

    // Act
    const { response, findings } = await evaluateHook(event, config(), {});

    // Assert
    expect(response).toEqual({
      hookStatus: 'SUCCESS',
      clientRequestToken: 'tok',
      message: 'FireLens hook: delete operations are not checked',
    });
    expect(findings).toEqual({ error: 0, warning: 0, informational: 0 });
  });

  it('fetches a STACK template, parses YAML and lints all of it', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/bad.json?X-Amz-Signature=s`);

    // Act
    const { response } = await evaluateHook(event, config(), {});

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('FL1001 Resources/Task/Properties/ContainerDefinitions/0/LogConfiguration/LogDriver: ');
  });

  it('cannot evaluate a CREATE whose payload holds no template (never a SUCCESS for nothing checked)', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/empty.json`);

    // Act
    const failure = await evaluateHook(event, config(), {}).catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(HookFailureError);
    expect((failure as Error).message).toBe('the payload holds no template for a CREATE STACK target (only deletes come without one)');
  });

  it.each([
    ['the template object {}', 'object-empty.json', 'it has no Resources section'],
    ['a template without Resources', 'no-resources.yaml', 'it has no Resources section'],
    ['Resources: {}', 'empty-resources.yaml', 'its Resources section declares no resource'],
  ])('cannot evaluate a STACK payload with %s (never a SUCCESS for nothing checked)', async (_what, file, reason) => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/${file}`);

    // Act
    const failure = await evaluateHook(event, config(), {}).catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(HookFailureError);
    expect((failure as Error).message).toBe(`the payload carries no template: ${reason}`);
  });

  it('reports a template it cannot parse as a failure to evaluate', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/broken.json`);

    // Act
    const error = await evaluateHook(event, config(), {}).catch((e: unknown) => e);

    // Assert
    expect((error as Error).message).toMatch(/^the template could not be parsed \(line 1, column \d+\): /);
  });

  it('expands a macro template with the FireLens macro and lints what CloudFormation deploys', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/macro.json`);

    // Act
    const { expanded, response } = await evaluateHook(event, config(), {});

    // Assert
    expect(expanded).toBe(true);
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response.message).not.toContain('FL1001');
  });

  it('names the path the user wrote for a finding inside a routed container of the expansion', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/macro-secret.yaml`);

    // Act
    const { expanded, response } = await evaluateHook(event, config(), {});

    // Assert
    expect(expanded).toBe(true);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('FL1405 Resources/Task/Properties/FireLens/Destination/Custom/Options/apikey: ');
  });

  it('fails NonCompliant with every problem when the macro refuses the template', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/macro-refused.yaml`);

    // Act
    const { response, expanded } = await evaluateHook(event, config(), {});

    // Assert
    expect(expanded).toBe(false);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'tok' });
    expect(response.message).toMatch(
      /^FireLens hook: not compliant, the FireLensMacro transform cannot expand the template \(\d+ problems?\): /,
    );
    expect(response.message).toContain('FireLensMacro Resources/Task/Properties/FireLens/Destination/Custom/Nmae: unknown property');
  });

  it('looks up an external task definition through ECS and lints the service with it', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/service.json`);
    const describeTaskDefinition = ecsTaskDefinitionLookup(client, 2_000);

    // Act
    const evaluation = await evaluateHook(event, config(), { describeTaskDefinition });

    // Assert
    expect(evaluation.externalTaskDefinitions).toBe(1);
    expect(ecs.requests.some((r) => r.body.includes(TASK_ARN))).toBe(true);
  });

  it('fails to evaluate (never a false SUCCESS) when the ECS lookup fails', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::Service', { TaskDefinition: 'missing:3' });
    const describeTaskDefinition = ecsTaskDefinitionLookup(client, 2_000);

    // Act
    const error = await evaluateHook(event, config(), { describeTaskDefinition }).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(TaskDefinitionLookupError);
  });

  it('skips the lookup when it is switched off', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::Service', { TaskDefinition: 'missing:3' });
    const describeTaskDefinition = jest.fn(ecsTaskDefinitionLookup(client, 2_000));

    // Act
    const { response } = await evaluateHook(event, config({ ecsLookup: { enabled: false, timeoutMs: 1 } }), { describeTaskDefinition });

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain(
      'FL0003 Resources/Target/Properties/TaskDefinition: task definition not checked: service Target runs missing:3',
    );
    expect(describeTaskDefinition).not.toHaveBeenCalled();
  });

  it("resolves a Fn::Sub task definition ARN over the stack ARN's Region, partition and the account, and looks it up", async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/service-sub.yaml`);
    const describeTaskDefinition = jest.fn(ecsTaskDefinitionLookup(client, 2_000));

    // Act
    const { response, externalTaskDefinitions } = await evaluateHook(event, config(), { describeTaskDefinition });

    // Assert
    expect(describeTaskDefinition).toHaveBeenCalledWith('arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7', undefined);
    expect(externalTaskDefinitions).toBe(1);
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('FL1301 Resources/Sg/Properties/SecurityGroupIngress/0');
    expect(response.message).not.toContain('FL0003');
  });

  it.each([
    ['Fn::ImportValue', '!ImportValue orders-task', "Fn::ImportValue (another stack's export, known only at deploy time)"],
    ['a Ref to a parameter', '!Ref TaskArn', 'Ref to parameter TaskArn (its value is known only at deploy time)'],
    [
      'a Fn::Sub over a parameter',
      "!Sub 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${TaskArn}'",
      'Fn::Sub with ${TaskArn}: Ref to parameter TaskArn',
    ],
  ])('reports %s as FL0003, not checked, and fails closed by default (STACK target)', async (_what, value, reason) => {
    // Arrange
    const template = `Parameters:\n  TaskArn: {Type: String}\nResources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      TaskDefinition: ${value}\n`;
    served.set('/service-unresolved.yaml', template);
    const event = stackEvent(`${payloads.origin}/service-unresolved.yaml`);
    const describeTaskDefinition = jest.fn(ecsTaskDefinitionLookup(client, 2_000));

    // Act
    const strict = await evaluateHook(event, config(), { describeTaskDefinition });
    const lenient = await evaluateHook(event, config({ failOnUnchecked: false }), { describeTaskDefinition });

    // Assert
    expect(describeTaskDefinition).not.toHaveBeenCalled();
    expect(strict.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(strict.response.message).toMatch(
      /^FireLens hook: not compliant, 1 error, 0 warnings\. 1 service task definition was not checked \(FL0003\): /,
    );
    expect(strict.response.message).toContain(
      `FL0003 Resources/Svc/Properties/TaskDefinition: task definition not checked: service Svc runs ${reason}`,
    );
    expect(strict.response.annotations).toContainEqual(
      expect.objectContaining({ annotationName: 'FL0003', status: 'FAILED', severityLevel: 'HIGH' }),
    );
    expect(lenient.response.hookStatus).toBe('SUCCESS');
    expect(lenient.response.message).toContain('FL0003 Resources/Svc/Properties/TaskDefinition');
  });

  it("ignores the template's ignore_checks by default, and says so", async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::TaskDefinition', taskWithPort(24224));
    const stack = stackEvent(`${payloads.origin}/suppressed.yaml`);

    // Act
    const resource = await evaluateHook(event, config(), {});
    const { response } = await evaluateHook(stack, config(), { rules: CATALOG_METAS });

    // Assert
    expect(resource.response.hookStatus).toBe('FAILED');
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain("the template's ignore_checks were not obeyed for 1 finding(s): the hook's settings decide");
    expect(response.message).toContain('FL1302 Resources/Task/Properties/ContainerDefinitions/1/PortMappings/0');
    expect(response.annotations).toContainEqual(expect.objectContaining({ annotationName: 'FL1302 port-24224-mapping', status: 'FAILED' }));
  });

  it('obeys a template suppression only as FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS allows, and reports the rule SKIPPED with who', async () => {
    // Arrange
    const stack = stackEvent(`${payloads.origin}/suppressed.yaml`);

    // Act
    const byPrefix = await evaluateHook(stack, config({ allowTemplateSuppressions: ['FL13'] }), { rules: CATALOG_METAS });
    const exact = await evaluateHook(stack, config({ allowTemplateSuppressions: ['FL1302'] }), { rules: CATALOG_METAS });

    // Assert
    expect(byPrefix.response.hookStatus).toBe('FAILED');
    expect(exact.response).toMatchObject({ hookStatus: 'SUCCESS' });
    expect(exact.response.message).toContain(
      "1 finding(s) suppressed by the template's ignore_checks, as FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS allows",
    );
    expect(exact.response.annotations).toContainEqual(
      expect.objectContaining({
        annotationName: 'FL1302 port-24224-mapping',
        status: 'SKIPPED',
        statusMessage:
          "Suppressed by the template (the template's Metadata (ignore_checks FL1302)), allowed by the hook's FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS",
      }),
    );
  });
});
