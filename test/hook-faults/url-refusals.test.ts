import type { ServerResponse } from 'node:http';

import { type LocalServer, startLocalServer } from '../unit/hook/local-servers';
import { refusalMessage, URL_REFUSALS, type UrlRefusal } from './cases';
import {
  type CapturedLogs,
  captureLogs,
  COMPLIANT_TEMPLATE,
  expectInternalFailure,
  expectNothingSecret,
  invokeHook,
  presigned,
  setHookEnv,
  stackPayload,
  templateEvent,
} from './harness';
import { makeTestCertificate } from './tls';

const POLICY_ENV: Readonly<Record<UrlRefusal['policy'], Readonly<Record<string, string>>>> = {
  default: {},
  loopback: { HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1' },
  'loopback-http': { HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1', HOOK_PAYLOAD_ALLOW_HTTP: 'true' },
};

describe('hook faults: payload URLs refused without a request, through the whole hook handler', () => {
  const savedEnv = { ...process.env };
  let http: LocalServer;
  let https: LocalServer;
  let logs: CapturedLogs;
  let fetchSpy: jest.SpiedFunction<typeof fetch>;

  beforeAll(async () => {
    const serve = (_request: unknown, response: ServerResponse): void => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(stackPayload(COMPLIANT_TEMPLATE));
    };
    const certificate = makeTestCertificate();
    http = await startLocalServer(serve);
    https = await startLocalServer(serve, { tls: { cert: certificate.certPem, key: certificate.keyPem } });
  });

  beforeEach(() => {
    logs = captureLogs();
    fetchSpy = jest.spyOn(globalThis, 'fetch');
  });

  afterEach(() => {
    fetchSpy.mockRestore();
    logs.restore();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([http.close(), https.close()]);
  });

  it('fetches from an S3 host under the shipped default (the control; fetch answered in process)', async () => {
    // Arrange
    setHookEnv(POLICY_ENV.default);
    fetchSpy.mockResolvedValue(new Response(stackPayload(COMPLIANT_TEMPLATE), { status: 200 }));
    const url = presigned('https://hookinvocationpayloads-prod-us-east-1-0123456789ab.s3.us-east-1.amazonaws.com/stack/p.json');

    // Act
    const response = await invokeHook(templateEvent(url));

    // Assert
    expect(response.hookStatus).toBe('SUCCESS');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const input = fetchSpy.mock.calls[0]?.[0];
    expect(input instanceof URL ? input.href : input).toBe(url);
    expect(fetchSpy.mock.calls[0]?.[1]).toMatchObject({ method: 'GET', redirect: 'manual' });
  });

  it('fetches from the loopback allowlist when tests configure it (the control)', async () => {
    // Arrange
    setHookEnv(POLICY_ENV['loopback-http']);
    const before = http.requests.length;

    // Act
    const response = await invokeHook(templateEvent(presigned(`${http.origin}/payload.json`)));

    // Assert
    expect(response.hookStatus).toBe('SUCCESS');
    expect(http.requests.length).toBe(before + 1);
  });

  it.each(URL_REFUSALS.map((refusal) => [refusal.policy, refusal.url, refusal] as const))(
    '%s policy refuses %s: FAILED / InternalFailure, no request, nothing leaked',
    async (_policy, _url, refusal) => {
      // Arrange
      setHookEnv(POLICY_ENV[refusal.policy]);
      const live = refusal.live === 'https' ? https : http;
      const port = String(live.port);
      const url = refusal.url.replace('{port}', port);
      const shown = refusal.shown.replace('{port}', port);
      const connections = { http: http.connections(), https: https.connections() };

      // Act
      const response = await invokeHook(templateEvent(presigned(url)));

      // Assert
      expectInternalFailure(response, `template payload: ${refusalMessage(refusal, shown)}`);
      expectNothingSecret(response, logs.text());
      expect(fetchSpy).not.toHaveBeenCalled();
      expect({ http: http.connections(), https: https.connections() }).toEqual(connections);
    },
  );
});
