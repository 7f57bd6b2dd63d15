import type { ServerResponse } from 'node:http';

import { type LocalServer, startLocalServer } from '../unit/hook/local-servers';
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

/**
 * TLS faults in process. This Jest process was not started with NODE_EXTRA_CA_CERTS, so the test
 * certificate is untrusted here: the hook must refuse the connection and name the TLS error. (The
 * trusted path, a wrong host name and an expired certificate run in child processes that do trust
 * it: bundled.test.ts.)
 */
describe('hook faults: TLS, through the whole hook handler (certificate not trusted)', () => {
  const savedEnv = { ...process.env };
  let https: LocalServer;
  let http: LocalServer;
  let logs: CapturedLogs;

  beforeAll(async () => {
    const certificate = makeTestCertificate();
    const serve = (_request: unknown, response: ServerResponse): void => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(stackPayload(COMPLIANT_TEMPLATE));
    };
    https = await startLocalServer(serve, { tls: { cert: certificate.certPem, key: certificate.keyPem } });
    http = await startLocalServer(serve);
  });

  beforeEach(() => {
    setHookEnv({ HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1', HOOK_PAYLOAD_TIMEOUT_MS: '1000' });
    logs = captureLogs();
  });

  afterEach(() => {
    logs.restore();
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([https.close(), http.close()]);
  });

  it('refuses a self-signed certificate it does not trust, names the TLS error, sends no request', async () => {
    // Arrange
    const shown = `${https.origin}/payload.json`;

    // Act
    const response = await invokeHook(templateEvent(presigned(shown)));

    // Assert
    expectInternalFailure(response, `template payload: GET ${shown} failed: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`);
    expectNothingSecret(response, logs.text());
    expect(https.connections()).toBeGreaterThan(0);
    expect(https.requests).toHaveLength(0);
  });

  it('fails when an https URL reaches a server that does not speak TLS', async () => {
    // Arrange
    const shown = `https://127.0.0.1:${String(http.port)}/payload.json`;

    // Act
    const response = await invokeHook(templateEvent(presigned(shown)));

    // Assert
    expectInternalFailure(response, `template payload: GET ${shown} failed: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)`);
    expectNothingSecret(response, logs.text());
    expect(http.requests).toHaveLength(0);
  });
});
