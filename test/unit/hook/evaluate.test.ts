import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ECSClient } from '@aws-sdk/client-ecs';

import { expandTemplate } from '../../../functions/shared/firelens/index';
import { ecsTaskDefinitionLookup } from '../../../functions/shared/hook/ecs-lookup';
import { HookFailureError, TaskDefinitionLookupError } from '../../../functions/shared/hook/errors';
import { evaluateHook, type ExpandTemplate, type HookConfig, resourceTemplate } from '../../../functions/shared/hook/evaluate';
import type { HookEvent, ResourceHookEvent, TemplateHookEvent } from '../../../functions/shared/hook/types';
import { lintTemplate } from '../../../functions/shared/rules/lint';
import type { LintTemplate } from '../../../functions/shared/rules/types';
import { apiTaskDefinition, ecsResponder, type LocalServer, startLocalServer } from './local-servers';

const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7';

const config = (overrides: Partial<HookConfig> = {}): HookConfig => ({
  ignoreRules: [],
  onlyRules: [],
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

describe('evaluateHook', () => {
  let payloads: LocalServer;
  let ecs: LocalServer;
  let client: ECSClient;

  beforeAll(async () => {
    payloads = await startLocalServer((request, response) => {
      const templates: Record<string, string> = {
        '/bad.json':
          'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: app:1\n          LogConfiguration:\n            LogDriver: awsfirelens\n',
        '/empty.json': '',
        '/broken.json': 'Resources: [unclosed',
        '/macro.json': macroTemplate,
        '/service.json': JSON.stringify({ Resources: { Svc: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: TASK_ARN } } } }),
      };
      const template = templates[request.url.split('?')[0] ?? ''];
      response.writeHead(template === undefined ? 404 : 200);
      response.end(template === undefined ? '' : JSON.stringify({ template, previousTemplate: '' }));
    });
    ecs = await startLocalServer(ecsResponder({ [TASK_ARN]: apiTaskDefinition('orders', [24224]) }));
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
    const { response, findings } = await evaluateHook(event, config(), { lintTemplate });

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'tok' });
    expect(response.message).toContain('FL1302 Resources/Target/Properties/ContainerDefinitions/1/PortMappings/0: ');
    expect(findings.error).toBe(1);
  });

  it('passes a compliant resource', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::TaskDefinition', taskWithPort(8080));

    // Act
    const { response } = await evaluateHook(event, config(), { lintTemplate });

    // Assert
    expect(response).toMatchObject({ hookStatus: 'SUCCESS', message: 'FireLens hook: compliant, no findings' });
  });

  it('passes the run configuration to the rules', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::TaskDefinition', {});
    const lint = jest.fn<ReturnType<LintTemplate>, Parameters<LintTemplate>>(() => []);

    // Act
    await evaluateHook(event, config({ ignoreRules: ['FL1007'], onlyRules: ['FL1302'], strictPort24224: true }), { lintTemplate: lint });

    // Assert
    expect(lint).toHaveBeenCalledWith(
      resourceTemplate(event),
      expect.objectContaining({
        ignoreRules: ['FL1007'],
        onlyRules: ['FL1302'],
        ruleOptions: { strictPort24224: true },
      }),
    );
  });

  it('answers SUCCESS for a delete without running any rule', async () => {
    // Arrange
    const event: HookEvent = { ...resourceEvent('AWS::ECS::TaskDefinition', {}), action: 'DELETE' };
    const lint = jest.fn<ReturnType<LintTemplate>, Parameters<LintTemplate>>(() => []);

    // Act
    const { response } = await evaluateHook(event, config(), { lintTemplate: lint });

    // Assert
    expect(response).toEqual({
      hookStatus: 'SUCCESS',
      clientRequestToken: 'tok',
      message: 'FireLens hook: delete operations are not checked',
    });
    expect(lint).not.toHaveBeenCalled();
  });

  it('fetches a STACK template, parses YAML and lints all of it', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/bad.json?X-Amz-Signature=s`);

    // Act
    const { response } = await evaluateHook(event, config(), { lintTemplate });

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('FL1001 Resources/Task/Properties/ContainerDefinitions/0/LogConfiguration/LogDriver: ');
  });

  it('cannot evaluate a CREATE whose payload holds no template (never a SUCCESS for nothing checked)', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/empty.json`);

    // Act
    const failure = await evaluateHook(event, config(), { lintTemplate }).catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(HookFailureError);
    expect((failure as Error).message).toBe('the payload holds no template for a CREATE STACK target (only deletes come without one)');
  });

  it('reports a template it cannot parse as a failure to evaluate', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/broken.json`);

    // Act
    const error = await evaluateHook(event, config(), { lintTemplate }).catch((e: unknown) => e);

    // Assert
    expect((error as Error).message).toMatch(/^the template could not be parsed \(line 1, column \d+\): /);
  });

  it('lints a macro template as written, and says so, while no expansion is available', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/macro.json`);

    // Act
    const { response, expanded } = await evaluateHook(event, config(), { lintTemplate });

    // Assert
    expect(expanded).toBe(false);
    expect(response.message).toContain('FireLensMacro transform not expanded: template linted as written');
  });

  it('expands a macro template first and lints the expanded template', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/macro.json`);
    const expandedTemplate = { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: taskWithPort(24224) } } };
    const expand = jest.fn<ReturnType<ExpandTemplate>, Parameters<ExpandTemplate>>(() => ({ ok: true, fragment: expandedTemplate }));

    // Act
    const { expanded, response } = await evaluateHook(event, config(), { lintTemplate, expandTemplate: expand });

    // Assert
    expect(expanded).toBe(true);
    expect(expand).toHaveBeenCalledWith(JSON.parse(macroTemplate), 'FireLensMacro');
    expect(response.message).toContain('FL1302 Resources/Task/Properties/ContainerDefinitions/1/PortMappings/0: ');
  });

  it('expands with the real FireLens macro', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/macro.json`);

    // Act
    const { expanded, response } = await evaluateHook(event, config(), { lintTemplate, expandTemplate });

    // Assert
    expect(expanded).toBe(true);
    expect(response.message).not.toContain('not expanded');
    expect(response.message).not.toContain('FL1001');
  });

  it('fails NonCompliant with every problem when the macro refuses the template', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/macro.json`);
    const expand: ExpandTemplate = () => ({
      ok: false,
      problems: [
        { logicalId: 'Task', path: ['Resources', 'Task', 'Properties', 'FireLens', 'Destination'], message: 'unknown destination' },
      ],
    });

    // Act
    const { response } = await evaluateHook(event, config(), { lintTemplate, expandTemplate: expand });

    // Assert
    expect(response).toEqual({
      hookStatus: 'FAILED',
      errorCode: 'NonCompliant',
      clientRequestToken: 'tok',
      message:
        'FireLens hook: not compliant, the FireLensMacro transform cannot expand the template (1 problem): ' +
        'FireLensMacro Resources/Task/Properties/FireLens/Destination: unknown destination',
    });
  });

  it('looks up an external task definition through ECS and lints the service with it', async () => {
    // Arrange
    const event = stackEvent(`${payloads.origin}/service.json`);
    const describeTaskDefinition = ecsTaskDefinitionLookup(client, 2_000);

    // Act
    const evaluation = await evaluateHook(event, config(), { lintTemplate, describeTaskDefinition });

    // Assert
    expect(evaluation.externalTaskDefinitions).toBe(1);
    expect(ecs.requests.some((r) => r.body.includes(TASK_ARN))).toBe(true);
  });

  it('fails to evaluate (never a false SUCCESS) when the ECS lookup fails', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::Service', { TaskDefinition: 'missing:3' });
    const describeTaskDefinition = ecsTaskDefinitionLookup(client, 2_000);

    // Act
    const error = await evaluateHook(event, config(), { lintTemplate, describeTaskDefinition }).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(TaskDefinitionLookupError);
  });

  it('skips the lookup when it is switched off', async () => {
    // Arrange
    const event = resourceEvent('AWS::ECS::Service', { TaskDefinition: 'missing:3' });
    const describeTaskDefinition = jest.fn(ecsTaskDefinitionLookup(client, 2_000));

    // Act
    const { response } = await evaluateHook(event, config({ ecsLookup: { enabled: false, timeoutMs: 1 } }), {
      lintTemplate,
      describeTaskDefinition,
    });

    // Assert
    expect(response.hookStatus).toBe('SUCCESS');
    expect(describeTaskDefinition).not.toHaveBeenCalled();
  });
});
