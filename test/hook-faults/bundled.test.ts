import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { parseDocument, type Scalar, type YAMLMap } from 'yaml';

import type { HookResponse } from '../../functions/shared/hook/types';
import { type LocalServer, startLocalServer } from '../unit/hook/local-servers';
import { BUNDLED_CASE_COUNT } from './cases';
import {
  ACCESS_KEY_ID,
  closedPort,
  COMPLIANT_TEMPLATE,
  type HookEventJson,
  INTERNAL_FAILURE_PREFIX,
  NONCOMPLIANT_TEMPLATE,
  presigned,
  readEvent,
  ROOT,
  SECRET_ACCESS_KEY,
  SECRETS,
  SESSION_TOKEN,
  STACK_TOKEN,
  stackPayload,
  templateEvent,
} from './harness';
import { makeTestCertificate } from './tls';

/**
 * The bundled hook (scripts/local-invoke.mjs: esbuild with template.yaml's BuildProperties, the
 * function's environment, a Lambda-like context) in child processes started with
 * NODE_EXTRA_CA_CERTS naming the test certificates, the only way Node's fetch trusts them. Proves
 * a real https fetch end to end (SUCCESS and NonCompliant), TLS faults a trusting client still
 * refuses (wrong name, expired), that the SHIPPED settings refuse a loopback URL, a redirect and an
 * ECS fault, and that nothing the function writes carries a secret (event logging switched on too).
 * Seven children, run at once: each bundles (~0.5 s of esbuild), the rest of the table runs in process.
 */

const LOCAL_INVOKE = join(ROOT, 'scripts/local-invoke.mjs');
const HOOK_FUNCTION = 'FireLensHookFunction';
const RESOURCE_TOKEN = '7a1f0c3e-1111-4a5b-9c2d-000000000001';
const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:7';

/**
 * template.yaml as shipped, its CodeUri made absolute so the copy can live in a temporary folder
 * (one per child: each bundles into its own .local-invoke/). `settable`: the HOOK_* variables are
 * taken out of the function's Environment so the child's own environment decides them (local-invoke
 * lets the template win over the environment, as `sam local invoke` does).
 */
const writeTemplate = (dir: string, variant: 'shipped' | 'settable'): string => {
  const doc = parseDocument(readFileSync(join(ROOT, 'template.yaml'), 'utf8'), { logLevel: 'error' });
  const fn = ['Resources', HOOK_FUNCTION, 'Properties'];
  doc.setIn([...fn, 'CodeUri'], join(ROOT, 'functions/hook/'));
  if (variant === 'settable') {
    const variables = doc.getIn([...fn, 'Environment', 'Variables']) as YAMLMap<Scalar<string>>;
    for (const key of variables.items.map((item) => item.key.value).filter((k) => k.startsWith('HOOK_'))) {
      doc.deleteIn([...fn, 'Environment', 'Variables', key]);
    }
  }
  const path = join(dir, 'template.yaml');
  writeFileSync(path, doc.toString());
  return path;
};

interface Bundled {
  readonly response: HookResponse | undefined;
  /** Everything the function logged (local-invoke sends the function's output to stderr). */
  readonly stderr: string;
  readonly failure?: string;
}

interface BundledCase {
  readonly name: string;
  readonly template: 'shipped' | 'settable';
  readonly env: Readonly<Record<string, string>>;
  readonly event: () => HookEventJson;
  readonly check: (result: Bundled) => void;
}

const run = promisify(execFile);

describe('hook faults through the bundled FireLensHookFunction (child processes trusting the test CA)', () => {
  const work = mkdtempSync(join(tmpdir(), 'hook-faults-'));
  let trusted: LocalServer;
  let wrongName: LocalServer;
  let expired: LocalServer;
  let untouched: LocalServer;
  let elsewhere: LocalServer;
  let deadPort: number;
  const results = new Map<string, Bundled>();

  const serve = (request: { url: string }, response: ServerResponse): void => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/redirect') {
      response.writeHead(302, { location: `${elsewhere.origin}/stolen.json` });
      response.end();
      return;
    }
    const template = { '/compliant.json': COMPLIANT_TEMPLATE, '/noncompliant.json': NONCOMPLIANT_TEMPLATE }[path];
    response.writeHead(template === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(template === undefined ? '' : stackPayload(template));
  };

  const url = (server: LocalServer, path: string, host = '127.0.0.1'): string => presigned(`https://${host}:${String(server.port)}${path}`);

  const LOOPBACK_HTTPS = { HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1,localhost', HOOK_PAYLOAD_TIMEOUT_MS: '3000' };

  const cases = (): BundledCase[] => [
    {
      name: 'https with a trusted certificate: a compliant payload answers SUCCESS (event logging on, DEBUG: still no secret logged)',
      template: 'settable',
      // POWERTOOLS_LOGGER_LOG_EVENT would log the event, presigned URL and all, were the handler not to refuse it.
      env: { ...LOOPBACK_HTTPS, POWERTOOLS_LOGGER_LOG_EVENT: 'true', POWERTOOLS_LOG_LEVEL: 'DEBUG' },
      event: () => templateEvent(url(trusted, '/compliant.json')),
      check: ({ response, stderr }) => {
        expect(response).toMatchObject({ hookStatus: 'SUCCESS', clientRequestToken: STACK_TOKEN });
        expect(stderr).toContain('"message":"FireLens hook evaluated"');
      },
    },
    {
      name: 'https with a trusted certificate, by host name: a non-compliant payload answers NonCompliant',
      template: 'settable',
      env: LOOPBACK_HTTPS,
      event: () => templateEvent(url(trusted, '/noncompliant.json', 'localhost')),
      check: ({ response }) => {
        expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', clientRequestToken: STACK_TOKEN });
        expect(response?.message).toContain('FL1301 Resources/');
      },
    },
    {
      name: 'https, trusted certificate for another name: InternalFailure naming the TLS error',
      template: 'settable',
      env: LOOPBACK_HTTPS,
      event: () => templateEvent(url(wrongName, '/compliant.json')),
      check: ({ response }) => {
        expectBundledFailure(
          response,
          `template payload: GET https://127.0.0.1:${String(wrongName.port)}/compliant.json failed: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: (ERR_TLS_CERT_ALTNAME_INVALID)`,
        );
        expect(wrongName.requests).toHaveLength(0);
      },
    },
    {
      name: 'https, trusted but expired certificate: InternalFailure naming the TLS error',
      template: 'settable',
      env: LOOPBACK_HTTPS,
      event: () => templateEvent(url(expired, '/compliant.json')),
      check: ({ response }) => {
        expectBundledFailure(
          response,
          `template payload: GET https://127.0.0.1:${String(expired.port)}/compliant.json failed: certificate has expired (CERT_HAS_EXPIRED)`,
        );
        expect(expired.requests).toHaveLength(0);
      },
    },
    {
      name: 'the shipped settings (template.yaml as is) refuse a loopback https URL without connecting',
      template: 'shipped',
      env: {},
      event: () => templateEvent(url(untouched, '/compliant.json')),
      check: ({ response }) => {
        expectBundledFailure(
          response,
          `template payload: refused https://127.0.0.1:${String(untouched.port)}/compliant.json: the host is not an allowed payload host (Amazon S3 only)`,
        );
        expect(untouched.connections()).toBe(0);
      },
    },
    {
      name: 'https redirecting to another host: InternalFailure, the target sees nothing',
      template: 'settable',
      env: LOOPBACK_HTTPS,
      event: () => templateEvent(url(trusted, '/redirect')),
      check: ({ response }) => {
        expectBundledFailure(
          response,
          `template payload: GET https://127.0.0.1:${String(trusted.port)}/redirect answered HTTP 302, a redirect to ${elsewhere.origin}/stolen.json; redirects are not followed`,
        );
        expect(elsewhere.requests).toHaveLength(0);
      },
    },
    {
      name: 'ECS endpoint unreachable for a service outside the template: InternalFailure',
      template: 'settable',
      env: { AWS_ENDPOINT_URL_ECS: `http://127.0.0.1:${String(deadPort)}` },
      event: () => serviceEvent(TASK_ARN),
      check: ({ response }) => {
        expectBundledFailure(
          response,
          `ECS DescribeTaskDefinition for ${TASK_ARN} failed: connect ECONNREFUSED 127.0.0.1:${String(deadPort)}`,
          RESOURCE_TOKEN,
        );
      },
    },
  ];

  beforeAll(async () => {
    const day = 24 * 60 * 60 * 1000;
    const good = makeTestCertificate();
    const other = makeTestCertificate({ commonName: 'other.example TEST ONLY', dnsNames: ['other.example'], ipAddresses: [] });
    const old = makeTestCertificate({
      commonName: 'expired TEST ONLY',
      notBefore: new Date(Date.now() - 30 * day),
      notAfter: new Date(Date.now() - day),
    });
    const caFile = join(work, 'test-ca.pem');
    writeFileSync(caFile, [good, other, old].map((c) => c.certPem).join(''));
    const tls = (c: typeof good): { tls: { cert: string; key: string } } => ({ tls: { cert: c.certPem, key: c.keyPem } });
    [trusted, wrongName, expired, untouched, elsewhere] = await Promise.all([
      startLocalServer(serve, tls(good)),
      startLocalServer(serve, tls(other)),
      startLocalServer(serve, tls(old)),
      startLocalServer(serve, tls(good)),
      startLocalServer(serve),
    ]);
    deadPort = await closedPort();

    await Promise.all(
      cases().map(async (c, index) => {
        const dir = join(work, String(index));
        mkdirSync(dir);
        const template = writeTemplate(dir, c.template);
        const eventFile = join(dir, 'event.json');
        writeFileSync(eventFile, JSON.stringify(c.event()));
        const env = {
          PATH: process.env['PATH'] ?? '',
          NODE_EXTRA_CA_CERTS: caFile,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
          AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
          AWS_SESSION_TOKEN: SESSION_TOKEN,
          ...c.env,
        };
        try {
          const { stdout, stderr } = await run(process.execPath, [LOCAL_INVOKE, HOOK_FUNCTION, eventFile, '--template', template], {
            cwd: ROOT,
            env,
            timeout: 60_000,
          });
          results.set(c.name, { response: JSON.parse(stdout) as HookResponse, stderr });
        } catch (error) {
          const { stderr = '', message } = error as { stderr?: string; message: string };
          results.set(c.name, { response: undefined, stderr, failure: message });
        }
      }),
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all([trusted, wrongName, expired, untouched, elsewhere].map(async (s) => s.close()));
    rmSync(work, { recursive: true, force: true });
  });

  it('runs as many cases as cases.ts counts for RELIABILITY.md', () => {
    // Arrange, Act
    const count = cases().length;

    // Assert
    expect(count).toBe(BUNDLED_CASE_COUNT);
  });

  it.each(cases().map((c) => [c.name, c] as const))('%s', (name, c) => {
    // Arrange
    const result = results.get(name);

    // Act (the child ran in beforeAll, all of them at once)

    // Assert
    expect(result?.failure).toBeUndefined();
    c.check(result ?? { response: undefined, stderr: '' });
    for (const secret of SECRETS) {
      expect(result?.stderr ?? '').not.toContain(secret);
      expect(result?.response?.message ?? '').not.toContain(secret);
    }
  });
});

const expectBundledFailure = (response: HookResponse | undefined, message: string, token = STACK_TOKEN): void => {
  expect(response).toEqual({
    hookStatus: 'FAILED',
    errorCode: 'InternalFailure',
    clientRequestToken: token,
    message: `${INTERNAL_FAILURE_PREFIX}${message}`,
  });
};

const serviceEvent = (taskDefinition: string): HookEventJson => {
  const event = readEvent('resource-compliant.json');
  return {
    ...event,
    requestData: {
      targetName: 'AWS::ECS::Service',
      targetType: 'AWS::ECS::Service',
      targetLogicalId: 'OrdersService',
      targetModel: {
        resourceProperties: { Cluster: 'orders', LaunchType: 'FARGATE', TaskDefinition: taskDefinition, DesiredCount: '2' },
        previousResourceProperties: {},
      },
    },
  };
};
