import { type LocalServer, startLocalServer } from '../unit/hook/local-servers';
import { type FaultContext, PAYLOAD_FAULTS } from './cases';
import {
  type CapturedLogs,
  captureLogs,
  closedPort,
  COMPLIANT_TEMPLATE,
  expectInternalFailure,
  expectNothingSecret,
  invokeHook,
  LOOPBACK_ENV,
  NONCOMPLIANT_TEMPLATE,
  presigned,
  setHookEnv,
  STACK_TOKEN,
  stackPayload,
  templateEvent,
} from './harness';

describe('hook faults: the template payload fetch, through the whole hook handler', () => {
  const savedEnv = { ...process.env };
  let payloads: LocalServer;
  let elsewhere: LocalServer;
  let context: FaultContext;
  let deadPort: number;
  let logs: CapturedLogs;

  beforeAll(async () => {
    elsewhere = await startLocalServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(stackPayload(COMPLIANT_TEMPLATE));
    });
    context = { elsewhere: elsewhere.origin };
    payloads = await startLocalServer((request, response) => {
      const path = request.url.split('?')[0] ?? '';
      const fault = PAYLOAD_FAULTS[Number(/^\/fault\/(\d+)$/.exec(path)?.[1] ?? Number.NaN)];
      if (fault && fault.serve !== 'closed-port') {
        fault.serve(response, context);
        return;
      }
      const template = { '/compliant.json': COMPLIANT_TEMPLATE, '/noncompliant.json': NONCOMPLIANT_TEMPLATE }[path];
      response.writeHead(template === undefined ? 404 : 200, { 'content-type': 'application/json' });
      response.end(template === undefined ? '' : stackPayload(template));
    });
    deadPort = await closedPort();
  });

  beforeEach(() => {
    setHookEnv(LOOPBACK_ENV);
    logs = captureLogs();
  });

  afterEach(() => {
    logs.restore();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([payloads.close(), elsewhere.close()]);
  });

  it('serves a compliant and a non-compliant payload under the same settings (the control)', async () => {
    // Arrange
    const compliant = templateEvent(presigned(`${payloads.origin}/compliant.json`));
    const noncompliant = templateEvent(presigned(`${payloads.origin}/noncompliant.json`));

    // Act
    const passed = await invokeHook(compliant);
    const failed = await invokeHook(noncompliant);

    // Assert
    expect(passed).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: STACK_TOKEN });
    expect(failed).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
    expectNothingSecret(passed, logs.text());
  });

  it.each(PAYLOAD_FAULTS.map((fault, index) => [fault.name, fault, index] as const))(
    '%s: FAILED / InternalFailure, says what happened, leaks nothing',
    async (_name, fault, index) => {
      // Arrange
      setHookEnv({ ...LOOPBACK_ENV, ...fault.env });
      const origin = fault.serve === 'closed-port' ? `http://127.0.0.1:${String(deadPort)}` : payloads.origin;
      const shown = `${origin}/fault/${String(index)}`;
      const before = payloads.requests.length;
      const started = Date.now();

      // Act
      const response = await invokeHook(templateEvent(presigned(shown)));

      // Assert
      expectInternalFailure(response, fault.says(shown, context));
      expectNothingSecret(response, logs.text());
      expect(logs.text()).toContain('"level":"ERROR"');
      expect(elsewhere.requests).toHaveLength(0);
      expect(payloads.requests.length - before).toBe(fault.serve === 'closed-port' ? 0 : 1);
      expect(Date.now() - started).toBeLessThan(3_000);
    },
  );

  it('answers a CHANGE_SET target the same way (HTTP 403)', async () => {
    // Arrange
    const index = PAYLOAD_FAULTS.findIndex((f) => f.name.startsWith('HTTP 403'));
    const shown = `${payloads.origin}/fault/${String(index)}`;

    // Act
    const response = await invokeHook(templateEvent(presigned(shown), 'CHANGE_SET'));

    // Assert
    expectInternalFailure(response, `template payload: GET ${shown} answered HTTP 403`, '7a1f0c3e-1111-4a5b-9c2d-000000000006');
  });
});
