/**
 * Issue #12 part 3 through the hook handler: every attachment kind, port range and unknown that
 * FL1301–FL1303 reason about, each fixture served as a STACK payload from a loopback server, as
 * CloudFormation would hand the template to the hook.
 */
import { handler } from '../../functions/hook/handler';
import type { HookResponse } from '../../functions/shared/hook/types';
import { lambdaContext } from '../helpers/lambda-context';
import { readFixture } from '../helpers/rule-tester';
import { type LocalServer, startLocalServer } from '../unit/hook/local-servers';

const ENV: Readonly<Record<string, string>> = {
  HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1',
  HOOK_PAYLOAD_ALLOW_HTTP: 'true',
  HOOK_PAYLOAD_TIMEOUT_MS: '2000',
  HOOK_ECS_LOOKUP: 'false',
  AWS_REGION: 'us-east-1',
};

/** A STACK event whose payload URL serves `fixture` (a path under test/fixtures/templates). */
const stackEvent = (origin: string, fixture: string): Record<string, unknown> => ({
  clientRequestToken: `tok-${fixture}`,
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/orders-api/8c3e1a70-0b2a-11f0-9f3b-0a1b2c3d4e5f',
  hookTypeName: 'Private::FireLens::Hook',
  hookTypeVersion: '00000001',
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestData: {
    targetName: 'STACK',
    targetType: 'STACK',
    targetLogicalId: 'orders-api',
    payload: `${origin}/stack/${encodeURIComponent(fixture)}`,
  },
  requestContext: { invocation: 1, callbackContext: null },
});

/** Fixture, the rule that must fail the stack, and the path (as the message prints it) it must name. */
const VIOLATIONS: readonly [string, string, string][] = [
  ['bad/FL1301/service-task-sub.yaml', 'FL1301', 'Resources/Group/Properties/SecurityGroupIngress/0'],
  ['bad/FL1301/service-task-sub-arn-split.yaml', 'FL1301', 'Resources/Group/Properties/SecurityGroupIngress/0'],
  ['bad/FL1301/service-task-join-family.yaml', 'FL1301', 'Resources/Group/Properties/SecurityGroupIngress/0'],
  ['bad/FL1301/task-set.yaml', 'FL1301', 'Resources/Group/Properties/SecurityGroupIngress/0'],
  ['bad/FL1301/events-rule-target.yaml', 'FL1301', 'Resources/Group/Properties/SecurityGroupIngress/0'],
  ['bad/FL1301/scheduler-schedule.yaml', 'FL1301', 'Resources/Group/Properties/SecurityGroupIngress/0'],
  ['bad/FL1301/host-mode-launch-configuration.yaml', 'FL1301', 'Resources/InstanceGroup/Properties/SecurityGroupIngress/0'],
  ['bad/FL1301/host-mode-network-interface.yaml', 'FL1301', 'Resources/InstanceGroup/Properties/SecurityGroupIngress/0'],
  ['bad/FL1301/host-mode-spot-fleet.yaml', 'FL1301', 'Resources/InstanceGroup/Properties/SecurityGroupIngress/0'],
  ['bad/FL1302/container-port-range.yaml', 'FL1302', 'Resources/Task/Properties/ContainerDefinitions/1/PortMappings/0'],
  ['bad/FL1302/host-port-range-bridge.yaml', 'FL1302', 'Resources/Task/Properties/ContainerDefinitions/1/PortMappings/0'],
];

const UNCHECKED: readonly [string, string][] = [
  ['bad/FL1303/ingress-list-intrinsic.yaml', 'Resources/Group/Properties/SecurityGroupIngress'],
  ['bad/FL1303/ingress-ports-parameter.yaml', 'Resources/Group/Properties/SecurityGroupIngress/0/FromPort'],
  ['bad/FL1303/ingress-protocol-import.yaml', 'Resources/Group/Properties/SecurityGroupIngress/0/IpProtocol'],
  ['bad/FL1303/network-mode-parameter.yaml', 'Resources/Task/Properties/NetworkMode'],
  ['bad/FL1303/port-mapping-parameter.yaml', 'Resources/Task/Properties/ContainerDefinitions/1/PortMappings/0/ContainerPort'],
  ['bad/FL1303/schedule-default-group.yaml', 'Resources/Hourly/Properties/Target/EcsParameters/NetworkConfiguration/AwsvpcConfiguration'],
  ['bad/FL1303/service-groups-outside.yaml', 'Resources/Service/Properties/NetworkConfiguration/AwsvpcConfiguration/SecurityGroups/0'],
  ['bad/FL1303/service-task-import.yaml', 'Resources/Service/Properties/TaskDefinition'],
];

describe('hook handler, STACK target: every way a task reaches port 24224 (issue #12)', () => {
  let payloads: LocalServer;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    payloads = await startLocalServer((request, response) => {
      const fixture = decodeURIComponent((request.url.split('?')[0] ?? '').replace(/^\/stack\//, ''));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ template: readFixture(fixture), previousTemplate: '' }));
    });
  });

  beforeEach(() => {
    process.env = { ...savedEnv, ...ENV };
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await payloads.close();
  });

  const run = async (fixture: string): Promise<HookResponse> =>
    (await handler(stackEvent(payloads.origin, fixture), lambdaContext)) as HookResponse;

  it.each(VIOLATIONS)('fails %s with %s at %s', async (fixture, ruleId, path) => {
    // Act
    const response = await run(fixture);

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain(`${ruleId} ${path}: `);
    expect(response.annotations?.find((a) => a.annotationName.startsWith(`${ruleId} `))?.status).toBe('FAILED');
  });

  it.each(UNCHECKED)('reports %s as unchecked (FL1303 at %s) and fails it when warnings count', async (fixture, path) => {
    // Arrange: warnings as errors, so the case holds whatever severity the hook gives FL1303 by default.
    process.env['FIRELENS_WARNINGS_AS_ERRORS'] = 'true';

    // Act
    const response = await run(fixture);

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain(`FL1303 ${path}: Port 24224 reachability cannot be checked: `);
    expect(response.message).not.toContain('FL1301 ');
  });

  it('keeps FL1303 under strict 24224 (FIRELENS_STRICT_24224), for a group attached to nothing', async () => {
    // Arrange
    process.env['FIRELENS_WARNINGS_AS_ERRORS'] = 'true';
    process.env['FIRELENS_STRICT_24224'] = 'true';

    // Act
    const response = await run('bad/FL1303/unattached-group-strict.yaml');

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expect(response.message).toContain('FL1303 Resources/Group/Properties/SecurityGroupIngress/0/FromPort: ');
  });

  it('passes a FireLens task attached every way on closed groups, even with warnings as errors', async () => {
    // Arrange
    process.env['FIRELENS_WARNINGS_AS_ERRORS'] = 'true';

    // Act
    const response = await run('clean/every-attachment-closed.yaml');

    // Assert
    expect(response.message ?? '').not.toMatch(/FL130\d/);
    expect(response.annotations?.filter((a) => a.annotationName.startsWith('FL130')).map((a) => a.status)).toEqual([
      'PASSED',
      'PASSED',
      'PASSED',
    ]);
  });
});
