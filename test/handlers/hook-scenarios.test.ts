/**
 * The hook (STACK target) runs the rules over every Fn::If branch and allowed parameter value, as lint does:
 * a violation behind a condition fails the deploy and the message names the condition.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { handler } from '../../functions/hook/handler';
import type { HookResponse } from '../../functions/shared/hook/types';
import { lambdaContext } from '../helpers/lambda-context';
import { TEMPLATES_DIR } from '../helpers/rule-tester';
import { type LocalServer, startLocalServer } from '../unit/hook/local-servers';

const ENV_OVERRIDES: Readonly<Record<string, string>> = {
  HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1',
  HOOK_PAYLOAD_ALLOW_HTTP: 'true',
  HOOK_PAYLOAD_TIMEOUT_MS: '2000',
  AWS_REGION: 'us-east-1',
};

/** A STACK event whose payload URL serves `fixture` (relative to test/fixtures/templates) as the template. */
const stackEvent = (origin: string, fixture: string): Record<string, unknown> => ({
  clientRequestToken: 'scenario-token',
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/scenarios/8c3e1a70-0b2a-11f0-9f3b-0a1b2c3d4e5f',
  hookTypeName: 'Private::FireLens::Hook',
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestData: { targetName: 'STACK', targetType: 'STACK', targetLogicalId: 'scenarios', payload: `${origin}/stack/${fixture}` },
  requestContext: { invocation: 1, callbackContext: null },
});

describe('hook handler over condition scenarios (STACK target)', () => {
  let payloads: LocalServer;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    payloads = await startLocalServer((request, response) => {
      const fixture = decodeURIComponent(request.url.replace(/^\/stack\//, '').split('?')[0] ?? '');
      const template = readFileSync(join(TEMPLATES_DIR, fixture), 'utf8');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ template, previousTemplate: '' }));
    });
    Object.assign(process.env, ENV_OVERRIDES);
  });

  beforeEach(() => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await payloads.close();
  });

  it.each([
    [
      'bad/FL1301/ingress-list-under-if.yaml',
      'FL1301 Resources/Group/Properties/SecurityGroupIngress/Fn::If/1/0',
      'when condition OpenForward is true',
    ],
    [
      'bad/FL1301/ingress-item-under-if.yaml',
      'FL1301 Resources/Group/Properties/SecurityGroupIngress/1/Fn::If/1',
      'when condition OpenForward is true',
    ],
    ['bad/FL1301/port-parameter-allowed-values.yaml', 'FL1301 Resources/PortIngress/Properties', 'when parameter Port is 24224'],
    [
      'bad/FL1301/network-configuration-under-if.yaml',
      'FL1301 Resources/OpenGroup/Properties/SecurityGroupIngress/0',
      'when condition Public is true',
    ],
    [
      'bad/FL1001/router-under-if.yaml',
      'FL1001 Resources/Task/Properties/ContainerDefinitions/1/LogConfiguration/LogDriver',
      'when condition UseRouter is false',
    ],
    [
      'bad/FL1302/port-mappings-under-if.yaml',
      'FL1302 Resources/Task/Properties/ContainerDefinitions/1/PortMappings/Fn::If/1/1',
      'when condition Expose is true',
    ],
  ])('fails %s, naming the finding inside the branch and its condition', async (fixture, finding, when) => {
    // Arrange
    const event = stackEvent(payloads.origin, fixture);

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: 'scenario-token' });
    expect(response.message).toContain(finding);
    expect(response.message).toContain(when);
  });

  it('passes a template whose violating branches no deploy can take', async () => {
    // Arrange
    const event = stackEvent(payloads.origin, 'bad/FL1301/ingress-if-impossible-branches.yaml');

    // Act
    const response = (await handler(event, lambdaContext)) as HookResponse;

    // Assert
    expect(response.hookStatus).toBe('SUCCESS');
  });
});
