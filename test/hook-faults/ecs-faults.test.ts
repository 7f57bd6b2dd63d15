import type { ServerResponse } from 'node:http';

import { apiTaskDefinition, ecsResponder, type LocalServer, startLocalServer } from '../unit/hook/local-servers';
import { ECS_FAULTS, ECS_TIMEOUT_MS, type EcsFault } from './cases';
import {
  type CapturedLogs,
  captureLogs,
  closedPort,
  expectInternalFailure,
  expectNothingSecret,
  type HookEventJson,
  invokeHook,
  LOOPBACK_ENV,
  presigned,
  readEvent,
  setHookEnv,
  STACK_TOKEN,
  stackPayload,
  TEMPLATE_CANARY,
  templateEvent,
} from './harness';

/**
 * ECS DescribeTaskDefinition faults: a service names a task definition outside the template, the
 * hook asks ECS (the real SDK client, pointed at a loopback endpoint through AWS_ENDPOINT_URL_ECS),
 * and ECS fails. README: "an ECS lookup that fails … answers FAILED/InternalFailure": the rules that
 * need that task definition could not run, so a SUCCESS would be a false one.
 */

const GOOD_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7';
/** Uses log-driver-buffer-limit: FL1105 fails a service that pins Fargate platform 1.3.0 to it. */
const BUFFERED_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders-buffered:3';
const FAULT_ARN = (index: number): string => `arn:aws:ecs:us-east-1:123456789012:task-definition/fault-${String(index)}:1`;
const RESOURCE_TOKEN = '7a1f0c3e-1111-4a5b-9c2d-000000000001';

const bufferedTaskDefinition = (): Record<string, unknown> => {
  const api = apiTaskDefinition('orders-buffered') as {
    containerDefinitions: { logConfiguration?: { options: Record<string, string> } }[];
  };
  for (const container of api.containerDefinitions) {
    if (container.logConfiguration) {
      container.logConfiguration.options['log-driver-buffer-limit'] = '2097152';
    }
  }
  return api;
};

const serviceProperties = (taskDefinition: string): Record<string, unknown> => ({
  Cluster: 'orders',
  LaunchType: 'FARGATE',
  PlatformVersion: taskDefinition === BUFFERED_ARN ? '1.3.0' : '1.4.0',
  TaskDefinition: taskDefinition,
  DesiredCount: '2',
});

/** RESOURCE target: the service alone. */
const serviceEvent = (taskDefinition: string): HookEventJson => {
  const event = readEvent('resource-compliant.json');
  return {
    ...event,
    requestData: {
      targetName: 'AWS::ECS::Service',
      targetType: 'AWS::ECS::Service',
      targetLogicalId: 'OrdersService',
      targetModel: { resourceProperties: serviceProperties(taskDefinition), previousResourceProperties: {} },
    },
  };
};

/** STACK target: a template whose service uses `taskDefinition` (JSON, with the canary). */
const serviceTemplate = (taskDefinition: string): string =>
  JSON.stringify({
    Metadata: { Canary: TEMPLATE_CANARY },
    Resources: { OrdersService: { Type: 'AWS::ECS::Service', Properties: serviceProperties(taskDefinition) } },
  });

describe('hook faults: the ECS task-definition lookup, through the whole hook handler', () => {
  const savedEnv = { ...process.env };
  let ecs: LocalServer;
  let payloads: LocalServer;
  let deadPort: number;
  let logs: CapturedLogs;

  const good = ecsResponder({ [GOOD_ARN]: apiTaskDefinition('orders'), [BUFFERED_ARN]: bufferedTaskDefinition() });

  beforeAll(async () => {
    ecs = await startLocalServer((request, response) => {
      const reference = (JSON.parse(request.body || '{}') as { taskDefinition?: string }).taskDefinition ?? '';
      const fault = ECS_FAULTS[Number(/\/fault-(\d+):1$/.exec(reference)?.[1] ?? Number.NaN)];
      if (fault && fault.serve !== 'closed-port') {
        fault.serve(response);
        return;
      }
      good(request, response);
    });
    payloads = await startLocalServer((request, response: ServerResponse) => {
      const reference = decodeURIComponent(/^\/service\/([^?]+)/.exec(request.url)?.[1] ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(stackPayload(serviceTemplate(reference)));
    });
    deadPort = await closedPort();
  });

  beforeEach(() => {
    setHookEnv({ ...LOOPBACK_ENV, AWS_ENDPOINT_URL_ECS: ecs.origin });
    logs = captureLogs();
  });

  afterEach(() => {
    logs.restore();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([ecs.close(), payloads.close()]);
  });

  const stackEventFor = (reference: string): HookEventJson =>
    templateEvent(presigned(`${payloads.origin}/service/${encodeURIComponent(reference)}`));

  it('looks up, then passes or fails, a task definition ECS does describe (the control)', async () => {
    // Arrange
    const before = ecs.requests.length;

    // Act
    const passed = await invokeHook(serviceEvent(GOOD_ARN));
    const failed = await invokeHook(stackEventFor(BUFFERED_ARN));

    // Assert
    expect(passed).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: RESOURCE_TOKEN });
    expect(failed).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: STACK_TOKEN });
    expect(failed.message).toContain('FL1105 Resources/OrdersService/Properties/PlatformVersion');
    expect(ecs.requests.length).toBe(before + 2);
    expectNothingSecret(failed, logs.text());
  });

  const table = ECS_FAULTS.flatMap((fault, index) => [
    ['RESOURCE', fault.name, fault, index] as const,
    ['STACK', fault.name, fault, index] as const,
  ]);

  it.each(table)(
    '%s target, ECS %s: FAILED / InternalFailure, says what happened, leaks nothing',
    async (kind, _name, fault: EcsFault, index) => {
      // Arrange
      const endpoint = fault.serve === 'closed-port' ? `http://127.0.0.1:${String(deadPort)}` : ecs.origin;
      setHookEnv({ ...LOOPBACK_ENV, AWS_ENDPOINT_URL_ECS: endpoint, ...fault.env });
      const reference = FAULT_ARN(index);
      const event = kind === 'RESOURCE' ? serviceEvent(reference) : stackEventFor(reference);
      const started = Date.now();

      // Act
      const response = await invokeHook(event);

      // Assert
      expectInternalFailure(response, fault.says(reference, endpoint), kind === 'RESOURCE' ? RESOURCE_TOKEN : STACK_TOKEN);
      expectNothingSecret(response, logs.text());
      expect(logs.text()).not.toContain('Signature=');
      expect(Date.now() - started).toBeLessThan(Number(fault.env?.['HOOK_ECS_TIMEOUT_MS'] ?? ECS_TIMEOUT_MS) + 2_000);
    },
  );

  it('with HOOK_ECS_LOOKUP=false asks ECS nothing and fails closed: the service task definition is FL0003, not checked', async () => {
    // Arrange
    setHookEnv({ ...LOOPBACK_ENV, AWS_ENDPOINT_URL_ECS: ecs.origin, HOOK_ECS_LOOKUP: 'false' });
    const before = ecs.requests.length;

    // Act
    const response = await invokeHook(serviceEvent(BUFFERED_ARN));

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: RESOURCE_TOKEN });
    expect(response.message).toBe(
      `FireLens hook: not compliant, 1 error, 0 warnings. 1 service task definition was not checked (FL0003, ECS lookups are off): FL0003 Resources/OrdersService/Properties/TaskDefinition: task definition not checked: service OrdersService runs ${BUFFERED_ARN}, outside the template, which was not looked up; the rules that read its containers (port 24224, log routing) did not run for it`,
    );
    expect(ecs.requests.length).toBe(before);
  });

  it('with HOOK_ECS_LOOKUP=false and FIRELENS_FAIL_ON_UNCHECKED=false answers SUCCESS that still says what went unchecked', async () => {
    // Arrange
    setHookEnv({ ...LOOPBACK_ENV, AWS_ENDPOINT_URL_ECS: ecs.origin, HOOK_ECS_LOOKUP: 'false', FIRELENS_FAIL_ON_UNCHECKED: 'false' });

    // Act
    const response = await invokeHook(serviceEvent(BUFFERED_ARN));

    // Assert
    expect(response).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: RESOURCE_TOKEN });
    expect(response.message).toMatch(
      /^FireLens hook: compliant, 0 errors, 1 warning\. 1 service task definition was not checked \(FL0003, ECS lookups are off\): FL0003 /,
    );
    expect(response.annotations).toContainEqual(
      expect.objectContaining({ annotationName: 'FL0003', status: 'FAILED', severityLevel: 'MEDIUM' }),
    );
  });
});
