import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { handler } from '../../functions/hook/handler';
import type { HookResponse } from '../../functions/shared/hook/types';
import { createLambdaContext, lambdaContext } from '../helpers/lambda-context';
import { apiTaskDefinition, ecsResponder, type LocalServer, startLocalServer } from '../unit/hook/local-servers';

const ROOT = join(__dirname, '../..');
const EVENTS = join(ROOT, 'events/hook');
const PAYLOADS = join(EVENTS, 'payloads');
const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7';

type Event = Record<string, unknown> & { requestData: Record<string, unknown> };

const readEvent = (name: string): Event => JSON.parse(readFileSync(join(EVENTS, name), 'utf8')) as Event;

/** The stack / change-set events point at S3; tests serve the same path from the local server. */
const toLocal = (event: Event, origin: string): Event => {
  const payload = event.requestData['payload'];
  if (typeof payload !== 'string') {
    return event;
  }
  const url = new URL(payload);
  return { ...event, requestData: { ...event.requestData, payload: `${origin}${url.pathname}${url.search}` } };
};

/** `/stack/stack-compliant.json` → the payload CloudFormation would store for that template. */
const payloadFor = (path: string): string | undefined => {
  const name = /\/(?:stack|change_set)\/([a-z-]+)\.json$/.exec(path)?.[1];
  const file = [`${name ?? ''}.yaml`, `${name ?? ''}.json`].map((f) => join(PAYLOADS, f)).find((f) => name && existsSync(f));
  if (!file) {
    return undefined;
  }
  const template = readFileSync(file, 'utf8');
  return JSON.stringify(path.startsWith('/stack/') ? { template, previousTemplate: '' } : { template, changedResources: [] });
};

/** What every committed event must produce. A new event file without a row here fails the suite. */
/** FL1601 is informational in every event: their task roles are literal ARNs, outside what the hook can see. */
const EXPECTED: Readonly<Record<string, { hookStatus: 'SUCCESS' | 'FAILED'; ruleIds: readonly string[] }>> = {
  'changeset-compliant.json': { hookStatus: 'SUCCESS', ruleIds: ['FL1601'] },
  'changeset-noncompliant.json': { hookStatus: 'FAILED', ruleIds: ['FL1001', 'FL1601'] },
  'delete.json': { hookStatus: 'SUCCESS', ruleIds: [] },
  'resource-compliant.json': { hookStatus: 'SUCCESS', ruleIds: ['FL1601'] },
  'resource-noncompliant.json': { hookStatus: 'FAILED', ruleIds: ['FL1302', 'FL1601'] },
  'stack-compliant.json': { hookStatus: 'SUCCESS', ruleIds: ['FL1601'] },
  'stack-noncompliant.json': { hookStatus: 'FAILED', ruleIds: ['FL1301', 'FL1302', 'FL1601'] },
};

const ENV_OVERRIDES: Readonly<Record<string, string>> = {
  HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1',
  HOOK_PAYLOAD_ALLOW_HTTP: 'true',
  HOOK_PAYLOAD_TIMEOUT_MS: '2000',
  HOOK_ECS_TIMEOUT_MS: '2000',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'not-a-secret',
};

describe('hook handler', () => {
  let payloads: LocalServer;
  let ecs: LocalServer;
  let logged: string[];
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    payloads = await startLocalServer((request, response) => {
      const body = payloadFor(request.url.split('?')[0] ?? '');
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      response.end(body ?? '');
    });
    ecs = await startLocalServer(ecsResponder({ [TASK_ARN]: apiTaskDefinition('orders', [24224]) }));
    Object.assign(process.env, ENV_OVERRIDES, { AWS_ENDPOINT_URL_ECS: ecs.origin });
  });

  beforeEach(() => {
    logged = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([payloads.close(), ecs.close()]);
  });

  it('has an expectation for every event in events/hook', () => {
    // Arrange
    const files = readdirSync(EVENTS)
      .filter((f) => f.endsWith('.json'))
      .sort();

    // Act
    const covered = Object.keys(EXPECTED).sort();

    // Assert
    expect(files).toEqual(covered);
  });

  it.each(Object.entries(EXPECTED))('answers %s as expected through the middy chain', async (file, expected) => {
    // Arrange
    const raw = readEvent(file);
    const event = toLocal(raw, payloads.origin);
    const token = raw['clientRequestToken'] ?? raw['clientRequesttoken'];

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(response.hookStatus).toBe(expected.hookStatus);
    expect(response.clientRequestToken).toBe(token);
    expect(response.errorCode).toBe(expected.hookStatus === 'FAILED' ? 'NonCompliant' : undefined);
    const reported = [...(response.message ?? '').matchAll(/\b(FL\d{4}) Resources\//g)].map((m) => m[1]);
    expect([...new Set(reported)].sort()).toEqual([...expected.ruleIds]);
    expect((response.message ?? '').length).toBeLessThanOrEqual(1024);
  });

  it('pins the non-compliant resource finding to its rule, path and annotation', async () => {
    // Arrange
    const event = readEvent('resource-noncompliant.json');

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(response.message).toMatch(
      /^FireLens hook: not compliant, 1 error, 0 warnings, 1 informational: FL1302 Resources\/OrdersTask\/Properties\/ContainerDefinitions\/1\/PortMappings\/1: Container app maps container port 24224/,
    );
    expect(response.annotations).toContainEqual(
      expect.objectContaining({ annotationName: 'FL1302 port-24224-mapping', status: 'FAILED', severityLevel: 'HIGH' }),
    );
    expect(response.annotations?.filter((a) => a.status === 'PASSED').length).toBeGreaterThan(0);
  });

  it('logs counts and ids, never template contents nor the presigned query string', async () => {
    // Arrange
    const event = toLocal(readEvent('stack-noncompliant.json'), payloads.origin);

    // Act
    await handler(event, lambdaContext);

    // Assert
    const output = logged.join('');
    expect(output).toContain('"message":"FireLens hook evaluated"');
    expect(output).toContain('"targetType":"STACK"');
    expect(output).toContain('"logicalId":"orders-api"');
    expect(output).toMatch(/"findings":\{"error":\d+,"warning":\d+,"informational":\d+\}/);
    expect(output).toMatch(/"durationMs":\d+/);
    expect(output).not.toContain('X-Amz-Signature');
    expect(output).not.toContain('X-Amz-Credential');
    expect(output).not.toContain('orders-api:1.4.2');
    expect(output).not.toContain('aws-for-fluent-bit');
  });

  it('refuses the real S3 URL without a request when the allowlist does not include S3', async () => {
    // Arrange
    const event = readEvent('stack-compliant.json');
    const before = payloads.requests.length;

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(response).toEqual({
      hookStatus: 'FAILED',
      errorCode: 'InternalFailure',
      clientRequestToken: '7a1f0c3e-1111-4a5b-9c2d-000000000004',
      message:
        'FireLens hook could not evaluate the request: template payload: refused https://hookinvocationpayloads-prod-us-east-1-0123456789ab.s3.us-east-1.amazonaws.com/stack/stack-compliant.json: the host is not an allowed payload host (allowed: 127.0.0.1)',
    });
    expect(payloads.requests).toHaveLength(before);
  });

  it('answers InternalFailure for a malformed event instead of throwing', async () => {
    // Arrange
    const event = { clientRequestToken: 'tok-x', requestData: { targetName: 'AWS::ECS::Service' } };

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(response).toEqual({
      hookStatus: 'FAILED',
      errorCode: 'InternalFailure',
      clientRequestToken: 'tok-x',
      message:
        'FireLens hook could not evaluate the request: malformed hook event: requestData.targetLogicalId is missing or not a non-empty string',
    });
  });

  it('looks up a service task definition outside the template through ECS', async () => {
    // Arrange
    const event = serviceEvent(TASK_ARN);
    const before = ecs.requests.length;

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(ecs.requests.length).toBe(before + 1);
    expect(ecs.requests.at(-1)?.headers['x-amz-target']).toBe('AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition');
    expect(response.hookStatus).toMatch(/^(SUCCESS|FAILED)$/);
    expect(response.errorCode).not.toBe('InternalFailure');
  });

  it('answers InternalFailure when ECS cannot describe the task definition', async () => {
    // Arrange
    const event = serviceEvent('arn:aws:ecs:us-east-1:123456789012:task-definition/missing:1');

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toContain(
      'ECS DescribeTaskDefinition for arn:aws:ecs:us-east-1:123456789012:task-definition/missing:1 failed: ClientException',
    );
  });

  it.each([
    ['{"template": {}}', { template: {} }],
    ['a template without Resources', { template: 'AWSTemplateFormatVersion: 2010-09-09\n', previousTemplate: '' }],
  ])('answers InternalFailure for a STACK payload of %s: the payload carries no template', async (_what, body) => {
    // Arrange
    const server = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
    const event = toLocal(readEvent('stack-compliant.json'), server.origin);

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;
    await server.close();

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toBe(
      'FireLens hook could not evaluate the request: the payload carries no template: it has no Resources section',
    );
  });

  /** Serves `template` as a STACK payload and runs the stack event against it with `env` set for that run. */
  const stackWith = async (template: string, env: Record<string, string> = {}): Promise<HookResponse> => {
    const server = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ template, previousTemplate: '' }));
    });
    Object.assign(process.env, env);
    try {
      return (await handler(toLocal(readEvent('stack-compliant.json'), server.origin), lambdaContext)) as HookResponse;
    } finally {
      for (const name of Object.keys(env)) {
        delete process.env[name];
      }
      await server.close();
    }
  };

  const NONCOMPLIANT = readFileSync(join(PAYLOADS, 'stack-noncompliant.yaml'), 'utf8');
  const SUPPRESSING = `Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [FL1301, FL1302, f]\n${NONCOMPLIANT}`;

  it("does not obey the template's own ignore_checks (STACK target): the findings fail it and the message says so", async () => {
    // Act
    const response = await stackWith(SUPPRESSING);

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain("the template's ignore_checks were not obeyed for 2 finding(s): the hook's settings decide");
    expect(response.message).toMatch(/FL1301 Resources\/AppSecurityGroup\//);
    expect(response.message).toMatch(/FL1302 Resources\/OrdersTask\//);
  });

  it('obeys them only for what FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS lists, and annotates those rules SKIPPED with who', async () => {
    // Act
    const response = await stackWith(SUPPRESSING, { FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS: 'FL1301,FL1302' });

    // Assert
    expect(response.hookStatus).toBe('SUCCESS');
    expect(response.annotations).toContainEqual(
      expect.objectContaining({
        annotationName: 'FL1302 port-24224-mapping',
        status: 'SKIPPED',
        statusMessage:
          "Suppressed by the template (the template's Metadata (ignore_checks FL1302)), allowed by the hook's FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS",
      }),
    );
  });

  it('reports a service task definition from Fn::ImportValue as FL0003 and fails closed (STACK target)', async () => {
    // Arrange
    const template =
      'Resources:\n  OrdersService:\n    Type: AWS::ECS::Service\n    Properties:\n      TaskDefinition: !ImportValue orders-task\n';

    // Act
    const response = await stackWith(template);
    const lenient = await stackWith(template, { FIRELENS_FAIL_ON_UNCHECKED: 'false' });

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toBe(
      "FireLens hook: not compliant, 1 error, 0 warnings. 1 service task definition was not checked (FL0003): FL0003 Resources/OrdersService/Properties/TaskDefinition: task definition not checked: service OrdersService runs Fn::ImportValue (another stack's export, known only at deploy time); the rules that read its containers (port 24224, log routing) did not run for it",
    );
    expect(response.annotations).toContainEqual(
      expect.objectContaining({ annotationName: 'FL0003', status: 'FAILED', severityLevel: 'HIGH' }),
    );
    expect(lenient.hookStatus).toBe('SUCCESS');
  });

  it('reports an unresolvable task definition on a RESOURCE target as FL0003', async () => {
    // Arrange
    const event = serviceEvent('placeholder');
    const model = event.requestData['targetModel'] as { resourceProperties: Record<string, unknown> };
    model.resourceProperties['TaskDefinition'] = { 'Fn::ImportValue': 'orders-task' };

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain(
      'FL0003 Resources/OrdersService/Properties/TaskDefinition: task definition not checked: service OrdersService runs Fn::ImportValue',
    );
  });

  it('answers InternalFailure on a bad configuration value', async () => {
    // Arrange
    process.env['FIRELENS_WARNINGS_AS_ERRORS'] = 'maybe';

    // Act
    const response = (await handler(readEvent('resource-compliant.json'), lambdaContext)) as HookResponse;

    // Assert
    delete process.env['FIRELENS_WARNINGS_AS_ERRORS'];
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
    expect(response.message).toContain('FIRELENS_WARNINGS_AS_ERRORS must be "true" or "false"');
  });

  it('answers InternalFailure before the Lambda deadline when time runs out', async () => {
    // Arrange
    const context = createLambdaContext({ getRemainingTimeInMillis: () => 1_050 });
    const slow = await startLocalServer(() => undefined);
    const event = toLocal(readEvent('stack-compliant.json'), slow.origin);

    // Act
    const response = (await handler(event, context)) as HookResponse;
    await slow.close();

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure' });
  });
});

const serviceEvent = (taskDefinition: string): Event => ({
  ...readEvent('resource-compliant.json'),
  requestData: {
    targetName: 'AWS::ECS::Service',
    targetType: 'AWS::ECS::Service',
    targetLogicalId: 'OrdersService',
    targetModel: {
      resourceProperties: { Cluster: 'orders', LaunchType: 'FARGATE', TaskDefinition: taskDefinition, DesiredCount: '2' },
      previousResourceProperties: {},
    },
  },
});

const LOCAL_INVOKE = join(ROOT, 'scripts/local-invoke.mjs');

describe('hook through scripts/local-invoke.mjs (bundled like sam build)', () => {
  it.each([
    ['resource-noncompliant.json', 'FAILED', 'NonCompliant'],
    ['resource-compliant.json', 'SUCCESS', undefined],
  ])(
    'runs %s through the bundled FireLensHookFunction',
    async (file, hookStatus, errorCode) => {
      // Arrange
      const run = promisify(execFile);

      // Act
      const { stdout } = await run(process.execPath, [LOCAL_INVOKE, 'FireLensHookFunction', join('events/hook', file)], {
        cwd: ROOT,
        timeout: 60_000,
        env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'us-east-1' },
      });

      // Assert
      const response = JSON.parse(stdout) as HookResponse;
      expect(response.hookStatus).toBe(hookStatus);
      expect(response.errorCode).toBe(errorCode);
      expect(response.clientRequestToken).toBe(readEvent(file)['clientRequestToken']);
    },
    90_000,
  );
});
