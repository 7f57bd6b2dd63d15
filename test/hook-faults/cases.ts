import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

import { COMPLIANT_TEMPLATE, PLAIN_VALUE_CANARY, stackPayload, TEMPLATE_CANARY } from './canaries';

/**
 * The hook-faults tables (issue #6, part 3): every way the payload fetch and the ECS lookup can go
 * wrong, and every payload URL the hook must refuse without a request. Each row runs through the
 * whole hook handler; each must answer FAILED + InternalFailure with the message given here, and
 * nothing secret in the message or the logs. Counts at the bottom are what RELIABILITY.md cites.
 */

/** What a fault's server side may use. */
export interface FaultContext {
  /** Origin of a second loopback server: a redirect target that must see no request. */
  readonly elsewhere: string;
}

export interface PayloadFault {
  readonly name: string;
  /**
   * How the payload server answers GET /fault/<index>. `closed-port` points the URL at a port
   * nothing listens on instead.
   */
  readonly serve: ((response: ServerResponse, context: FaultContext) => void) | 'closed-port';
  /** Extra environment over the loopback settings (timeout 300 ms, 16 KiB cap). */
  readonly env?: Readonly<Record<string, string>>;
  /** The answer's message after "…could not evaluate the request: ", given the URL as shown (no query). */
  readonly says: (shown: string, context: FaultContext) => string | RegExp;
}

const MAX_BYTES = 16_384;
const TIMEOUT_MS = 300;

const json = (response: ServerResponse, body: string, status = 200): void => {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
};

const s3Error = (response: ServerResponse, status: number, code: string): void => {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${TEMPLATE_CANARY}</Message><RequestId>FAULT</RequestId></Error>`;
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(body);
};

const redirect =
  (status: number, location: (context: FaultContext) => string) =>
  (response: ServerResponse, context: FaultContext): void => {
    response.writeHead(status, { location: location(context) });
    response.end();
  };

/** The first half of a compliant payload: JSON cut in the middle of the template string. */
const HALF_PAYLOAD = stackPayload(COMPLIANT_TEMPLATE).slice(0, 900);

const redirected = (status: number, target: string): string =>
  `GET_URL answered HTTP ${String(status)}, a redirect to ${target}; redirects are not followed`;

export const PAYLOAD_FAULTS: readonly PayloadFault[] = [
  {
    name: 'connection refused (closed port)',
    serve: 'closed-port',
    says: (shown) => `template payload: GET ${shown} failed: connect ECONNREFUSED ${new URL(shown).host}`,
  },
  {
    name: 'server accepts and never answers',
    serve: () => undefined,
    says: (shown) => `template payload: GET ${shown} timed out after ${String(TIMEOUT_MS)} ms`,
  },
  {
    name: 'headers sent, then the body drips a byte every 50 ms',
    serve: (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const body = stackPayload(COMPLIANT_TEMPLATE);
      let at = 0;
      const drip = setInterval(() => {
        response.write(body.charAt(at));
        at += 1;
      }, 50);
      response.on('close', () => {
        clearInterval(drip);
      });
    },
    says: (shown) => `template payload: GET ${shown} timed out after ${String(TIMEOUT_MS)} ms`,
  },
  {
    name: 'HTTP 403 (S3 AccessDenied, e.g. an expired presigned URL)',
    serve: (response) => {
      s3Error(response, 403, 'AccessDenied');
    },
    says: (shown) => `template payload: GET ${shown} answered HTTP 403`,
  },
  {
    name: 'HTTP 404 (S3 NoSuchKey)',
    serve: (response) => {
      s3Error(response, 404, 'NoSuchKey');
    },
    says: (shown) => `template payload: GET ${shown} answered HTTP 404`,
  },
  {
    name: 'HTTP 500 (S3 InternalError)',
    serve: (response) => {
      s3Error(response, 500, 'InternalError');
    },
    says: (shown) => `template payload: GET ${shown} answered HTTP 500`,
  },
  {
    name: 'HTTP 503 (S3 SlowDown)',
    serve: (response) => {
      s3Error(response, 503, 'SlowDown');
    },
    says: (shown) => `template payload: GET ${shown} answered HTTP 503`,
  },
  {
    name: 'truncated: Content-Length larger than sent, then the socket is destroyed',
    serve: (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '9000' });
      response.write(HALF_PAYLOAD, () => response.socket?.destroy());
    },
    says: (shown) => `template payload: GET ${shown} was cut off before the whole body arrived: other side closed (UND_ERR_SOCKET)`,
  },
  {
    name: 'truncated: chunked body stops without its last chunk, then the socket is destroyed',
    serve: (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      response.write(HALF_PAYLOAD, () => response.socket?.destroy());
    },
    says: (shown) => `template payload: GET ${shown} was cut off before the whole body arrived: other side closed (UND_ERR_SOCKET)`,
  },
  {
    name: 'truncated: a complete response whose JSON is cut mid-template',
    serve: (response) => {
      json(response, HALF_PAYLOAD);
    },
    says: (shown) => `template payload: the body of ${shown} is not valid JSON`,
  },
  {
    name: 'oversized: Content-Length over the cap',
    serve: (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BYTES * 4) });
      response.end(' '.repeat(MAX_BYTES * 4));
    },
    says: (shown) => `template payload: ${shown} is ${String(MAX_BYTES * 4)} bytes, more than the ${String(MAX_BYTES)} allowed`,
  },
  {
    name: 'oversized: streamed (chunked) past the cap',
    serve: (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      const chunk = `"${TEMPLATE_CANARY}",`.repeat(200);
      for (let i = 0; i < 20; i += 1) {
        response.write(chunk);
      }
      response.end();
    },
    says: (shown) => `template payload: ${shown} is larger than the ${String(MAX_BYTES)} bytes allowed`,
  },
  {
    name: 'oversized: a small gzip body that inflates past the cap',
    serve: (response) => {
      const bomb = gzipSync(Buffer.from(stackPayload(' '.repeat(MAX_BYTES * 64))));
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      response.end(bomb);
    },
    says: (shown) => `template payload: ${shown} is larger than the ${String(MAX_BYTES)} bytes allowed`,
  },
  {
    name: 'redirect 301 to another host',
    serve: redirect(301, ({ elsewhere }) => `${elsewhere}/stolen.json?X-Amz-Signature=${TEMPLATE_CANARY}`),
    says: (shown, { elsewhere }) => `template payload: ${redirected(301, `${elsewhere}/stolen.json`).replace('GET_URL', `GET ${shown}`)}`,
  },
  {
    name: 'redirect 302 to another host',
    serve: redirect(302, ({ elsewhere }) => `${elsewhere}/stolen.json`),
    says: (shown, { elsewhere }) => `template payload: ${redirected(302, `${elsewhere}/stolen.json`).replace('GET_URL', `GET ${shown}`)}`,
  },
  {
    name: 'redirect 307 to another host',
    serve: redirect(307, ({ elsewhere }) => `${elsewhere}/stolen.json`),
    says: (shown, { elsewhere }) => `template payload: ${redirected(307, `${elsewhere}/stolen.json`).replace('GET_URL', `GET ${shown}`)}`,
  },
  {
    name: 'redirect 308 to another host',
    serve: redirect(308, ({ elsewhere }) => `${elsewhere}/stolen.json`),
    says: (shown, { elsewhere }) => `template payload: ${redirected(308, `${elsewhere}/stolen.json`).replace('GET_URL', `GET ${shown}`)}`,
  },
  {
    name: 'redirect 302 to the instance metadata service',
    serve: redirect(302, () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
    says: (shown) =>
      `template payload: ${redirected(302, 'http://169.254.169.254/latest/meta-data/iam/security-credentials/').replace('GET_URL', `GET ${shown}`)}`,
  },
  {
    name: 'redirect 301 to a path on the same host',
    serve: redirect(301, () => '/other.json'),
    says: (shown) => `template payload: ${redirected(301, `${new URL(shown).origin}/other.json`).replace('GET_URL', `GET ${shown}`)}`,
  },
  {
    name: 'wrong content: an HTML error page with status 200',
    serve: (response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><html><body><h1>Service Unavailable</h1><p>${TEMPLATE_CANARY}</p></body></html>`);
    },
    says: (shown) => `template payload: the body of ${shown} is not valid JSON`,
  },
  {
    name: 'empty body with status 200',
    serve: (response) => {
      json(response, '');
    },
    says: (shown) => `template payload: the body of ${shown} is empty`,
  },
  {
    name: 'status 204 No Content',
    serve: (response) => {
      response.writeHead(204);
      response.end();
    },
    says: (shown) => `template payload: the body of ${shown} is empty`,
  },
  {
    name: 'JSON that is an array, not an object',
    serve: (response) => {
      json(response, JSON.stringify([COMPLIANT_TEMPLATE]));
    },
    says: (shown) => `template payload: the body of ${shown} is not a JSON object`,
  },
  {
    name: 'JSON that is a string, not an object',
    serve: (response) => {
      json(response, JSON.stringify(COMPLIANT_TEMPLATE));
    },
    says: (shown) => `template payload: the body of ${shown} is not a JSON object`,
  },
  {
    name: 'JSON null',
    serve: (response) => {
      json(response, 'null');
    },
    says: (shown) => `template payload: the body of ${shown} is not a JSON object`,
  },
  {
    name: 'template is a number',
    serve: (response) => {
      json(response, JSON.stringify({ template: 42 }));
    },
    says: (shown) => `template payload: the body of ${shown} has a "template" that is neither a string nor an object`,
  },
  {
    name: 'template is an array',
    serve: (response) => {
      json(response, JSON.stringify({ template: [COMPLIANT_TEMPLATE] }));
    },
    says: (shown) => `template payload: the body of ${shown} has a "template" that is neither a string nor an object`,
  },
  {
    name: 'template is a boolean',
    serve: (response) => {
      json(response, JSON.stringify({ template: true }));
    },
    says: (shown) => `template payload: the body of ${shown} has a "template" that is neither a string nor an object`,
  },
  {
    name: 'no template at all ({} for a CREATE)',
    serve: (response) => {
      json(response, JSON.stringify({ previousTemplate: COMPLIANT_TEMPLATE }));
    },
    says: (shown) => `template payload: the body of ${shown} has no "template"`,
  },
  {
    name: 'an empty template for a CREATE',
    serve: (response) => {
      json(response, stackPayload(''));
    },
    says: () => 'the payload holds no template for a CREATE STACK target (only deletes come without one)',
  },
  {
    name: 'a template that is not YAML nor JSON',
    serve: (response) => {
      json(response, stackPayload(`Resources:\n  Task: [${TEMPLATE_CANARY}\n`));
    },
    says: () => /^the template could not be parsed \(line \d+, column \d+\): [^\n]+$/,
  },
  {
    name: 'a template that is a bare string, not a mapping',
    serve: (response) => {
      json(response, stackPayload(TEMPLATE_CANARY));
    },
    says: () => 'the template could not be parsed (line 1, column 1): a template must be a mapping (an object) at the top level',
  },
];

// ---- Payload URLs refused without a request ------------------------------------------------------

export type RefusalReason = 'scheme' | 'host' | 'userinfo' | 'invalid';

export interface UrlRefusal {
  /** `{port}` is replaced by the port of a live loopback server (http or https per `live`). */
  readonly url: string;
  /** The loopback server the URL would reach if it were fetched (its request count must stay 0). */
  readonly live?: 'http' | 'https';
  /** `default`: no HOOK_* variables at all, as shipped. `loopback`: allowlist 127.0.0.1 (https only). `loopback-http`: http too. */
  readonly policy: 'default' | 'loopback' | 'loopback-http';
  readonly reason: RefusalReason;
  /** The URL as the message shows it (scheme, host, path; never the query). */
  readonly shown: string;
}

const P = '{port}';

export const URL_REFUSALS: readonly UrlRefusal[] = [
  // The shipped default: https on Amazon S3 hosts only.
  {
    policy: 'default',
    url: `http://127.0.0.1:${P}/payload.json`,
    live: 'http',
    reason: 'scheme',
    shown: `http://127.0.0.1:${P}/payload.json`,
  },
  {
    policy: 'default',
    url: `https://127.0.0.1:${P}/payload.json`,
    live: 'https',
    reason: 'host',
    shown: `https://127.0.0.1:${P}/payload.json`,
  },
  {
    policy: 'default',
    url: `https://localhost:${P}/payload.json`,
    live: 'https',
    reason: 'host',
    shown: `https://localhost:${P}/payload.json`,
  },
  { policy: 'default', url: 'file:///etc/passwd', reason: 'scheme', shown: 'file:///etc/passwd' },
  { policy: 'default', url: 'http://bucket.s3.amazonaws.com/key', reason: 'scheme', shown: 'http://bucket.s3.amazonaws.com/key' },
  { policy: 'default', url: 'ftp://bucket.s3.amazonaws.com/key', reason: 'scheme', shown: 'ftp://bucket.s3.amazonaws.com/key' },
  { policy: 'default', url: 'data:application/json,{"template":""}', reason: 'scheme', shown: 'a data: URL' },
  { policy: 'default', url: 'javascript:fetch("https://evil.example")', reason: 'scheme', shown: 'a javascript: URL' },
  {
    policy: 'default',
    url: 'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
    reason: 'host',
    shown: 'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
  },
  {
    policy: 'default',
    url: 'http://169.254.169.254/latest/meta-data/',
    reason: 'scheme',
    shown: 'http://169.254.169.254/latest/meta-data/',
  },
  { policy: 'default', url: 'http://169.254.170.2/v2/credentials/abc', reason: 'scheme', shown: 'http://169.254.170.2/v2/credentials/abc' },
  {
    policy: 'default',
    url: 'https://[fd00:ec2::254]/latest/meta-data/',
    reason: 'host',
    shown: 'https://[fd00:ec2::254]/latest/meta-data/',
  },
  {
    policy: 'default',
    url: 'http://[fd00:ec2::254]/latest/meta-data/',
    reason: 'scheme',
    shown: 'http://[fd00:ec2::254]/latest/meta-data/',
  },
  { policy: 'default', url: 'https://[::ffff:169.254.169.254]/latest/', reason: 'host', shown: 'https://[::ffff:a9fe:a9fe]/latest/' },
  { policy: 'default', url: 'https://2852039166/latest/meta-data/', reason: 'host', shown: 'https://169.254.169.254/latest/meta-data/' },
  { policy: 'default', url: 'https://0xA9FEA9FE/latest/meta-data/', reason: 'host', shown: 'https://169.254.169.254/latest/meta-data/' },
  { policy: 'default', url: 'https://0251.0376.0251.0376/latest/', reason: 'host', shown: 'https://169.254.169.254/latest/' },
  { policy: 'default', url: 'https://169.254.43518/latest/', reason: 'host', shown: 'https://169.254.169.254/latest/' },
  { policy: 'default', url: 'https://s3.amazonaws.com@evil.example/key', reason: 'userinfo', shown: 'https://evil.example/key' },
  { policy: 'default', url: 'https://bucket.s3.amazonaws.com:pw@evil.example/key', reason: 'userinfo', shown: 'https://evil.example/key' },
  {
    policy: 'default',
    url: 'https://user:secret@bucket.s3.amazonaws.com/key',
    reason: 'userinfo',
    shown: 'https://bucket.s3.amazonaws.com/key',
  },
  { policy: 'default', url: 'https://evil.example/bucket/key', reason: 'host', shown: 'https://evil.example/bucket/key' },
  {
    policy: 'default',
    url: 'https://evil.example/s3.amazonaws.com/key',
    reason: 'host',
    shown: 'https://evil.example/s3.amazonaws.com/key',
  },
  {
    policy: 'default',
    url: 'https://s3.amazonaws.com.evil.example/key',
    reason: 'host',
    shown: 'https://s3.amazonaws.com.evil.example/key',
  },
  {
    policy: 'default',
    url: 'https://bucket.s3.amazonaws.com.evil.example/key',
    reason: 'host',
    shown: 'https://bucket.s3.amazonaws.com.evil.example/key',
  },
  {
    policy: 'default',
    url: 'https://S3.AMAZONAWS.COM.EVIL.EXAMPLE/key',
    reason: 'host',
    shown: 'https://s3.amazonaws.com.evil.example/key',
  },
  {
    policy: 'default',
    url: 'https://evil-s3.amazonaws.com.example/key',
    reason: 'host',
    shown: 'https://evil-s3.amazonaws.com.example/key',
  },
  {
    policy: 'default',
    url: 'https://s3.amazonaws.com%2Eevil.example/key',
    reason: 'host',
    shown: 'https://s3.amazonaws.com.evil.example/key',
  },
  { policy: 'default', url: 'https://evil.example#@bucket.s3.amazonaws.com/key', reason: 'host', shown: 'https://evil.example/' },
  {
    policy: 'default',
    url: 'https://evil.example\\@bucket.s3.amazonaws.com/key',
    reason: 'host',
    shown: 'https://evil.example/@bucket.s3.amazonaws.com/key',
  },
  { policy: 'default', url: 'https://bucket.s3.amazonaws.com./key', reason: 'host', shown: 'https://bucket.s3.amazonaws.com./key' },
  { policy: 'default', url: 'https://BUCKET.S3.AMAZONAWS.COM./key', reason: 'host', shown: 'https://bucket.s3.amazonaws.com./key' },
  { policy: 'default', url: 'https://bucket.s3.amazonaws.com:8443/key', reason: 'host', shown: 'https://bucket.s3.amazonaws.com:8443/key' },
  { policy: 'default', url: 'https://s3.amazonaws.c\u03bfm/key', reason: 'host', shown: 'https://s3.amazonaws.xn--cm-jbc/key' },
  { policy: 'default', url: '/stack/payload.json', reason: 'invalid', shown: '' },
  { policy: 'default', url: 'not a url', reason: 'invalid', shown: '' },
  // A test allowlist (127.0.0.1): only that exact host, https unless http is allowed too.
  {
    policy: 'loopback',
    url: `http://127.0.0.1:${P}/payload.json`,
    live: 'http',
    reason: 'scheme',
    shown: `http://127.0.0.1:${P}/payload.json`,
  },
  {
    policy: 'loopback-http',
    url: `http://localhost:${P}/payload.json`,
    live: 'http',
    reason: 'host',
    shown: `http://localhost:${P}/payload.json`,
  },
  {
    policy: 'loopback-http',
    url: `http://LOCALHOST.:${P}/payload.json`,
    live: 'http',
    reason: 'host',
    shown: `http://localhost.:${P}/payload.json`,
  },
  {
    policy: 'loopback-http',
    url: `http://127.0.0.1@localhost:${P}/payload.json`,
    live: 'http',
    reason: 'userinfo',
    shown: `http://localhost:${P}/payload.json`,
  },
  {
    policy: 'loopback-http',
    url: `http://x:y@127.0.0.1:${P}/payload.json`,
    live: 'http',
    reason: 'userinfo',
    shown: `http://127.0.0.1:${P}/payload.json`,
  },
  {
    policy: 'loopback-http',
    url: `http://[::ffff:127.0.0.1]:${P}/payload.json`,
    reason: 'host',
    shown: `http://[::ffff:7f00:1]:${P}/payload.json`,
  },
  { policy: 'loopback-http', url: 'https://bucket.s3.amazonaws.com/key', reason: 'host', shown: 'https://bucket.s3.amazonaws.com/key' },
];

/** The refusal's message after "template payload: ". */
export const refusalMessage = (refusal: UrlRefusal, shown: string): string => {
  switch (refusal.reason) {
    case 'scheme':
      return `refused ${shown}: only https URLs are fetched`;
    case 'userinfo':
      return `refused ${shown}: the URL carries user information`;
    case 'invalid':
      return 'the payload URL is not a valid absolute URL';
    case 'host':
      return `refused ${shown}: the host is not an allowed payload host ${refusal.policy === 'default' ? '(Amazon S3 only)' : '(allowed: 127.0.0.1)'}`;
  }
};

// ---- ECS DescribeTaskDefinition faults -----------------------------------------------------------

export interface EcsFault {
  readonly name: string;
  /** How the loopback ECS endpoint answers; `closed-port` points AWS_ENDPOINT_URL_ECS at a dead port. */
  readonly serve: ((response: ServerResponse) => void) | 'closed-port';
  /** Extra environment (a longer HOOK_ECS_TIMEOUT_MS where the SDK's retry delay must fit). */
  readonly env?: Readonly<Record<string, string>>;
  /** The answer's message after "…could not evaluate the request: ". */
  readonly says: (reference: string, endpoint: string) => string | RegExp;
}

const ecsJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fault-request' });
  response.end(JSON.stringify(body));
};

export const ECS_TIMEOUT_MS = 300;

export const ECS_FAULTS: readonly EcsFault[] = [
  {
    name: 'endpoint unreachable (closed port)',
    serve: 'closed-port',
    says: (ref, endpoint) => `ECS DescribeTaskDefinition for ${ref} failed: connect ECONNREFUSED ${new URL(endpoint).host}`,
  },
  {
    name: 'endpoint accepts and never answers',
    serve: () => undefined,
    says: (ref) => `ECS DescribeTaskDefinition for ${ref} timed out after ${String(ECS_TIMEOUT_MS)} ms`,
  },
  {
    name: 'AccessDeniedException',
    serve: (response) => {
      ecsJson(response, 400, {
        __type: 'AccessDeniedException',
        Message: 'User: arn:aws:sts::123456789012:assumed-role/hook/fn is not authorized to perform: ecs:DescribeTaskDefinition',
      });
    },
    says: (ref) =>
      `ECS DescribeTaskDefinition for ${ref} failed: AccessDeniedException (User: arn:aws:sts::123456789012:assumed-role/hook/fn is not authorized to perform: ecs:DescribeTaskDefinition)`,
  },
  {
    name: 'HTTP 500 ServerException (retried, then given up)',
    serve: (response) => {
      ecsJson(response, 500, { __type: 'ServerException', message: 'Service unavailable.' });
    },
    says: (ref) => `ECS DescribeTaskDefinition for ${ref} failed: ServerException (Service unavailable.)`,
  },
  {
    name: 'HTTP 500 with an HTML body',
    serve: (response) => {
      response.writeHead(500, { 'content-type': 'text/html' });
      response.end(`<html><body>${TEMPLATE_CANARY}</body></html>`);
    },
    says: (ref) => `ECS DescribeTaskDefinition for ${ref} failed: the response is not valid JSON`,
  },
  {
    name: 'ThrottlingException (retried after a back-off, then given up)',
    serve: (response) => {
      ecsJson(response, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
    },
    env: { HOOK_ECS_TIMEOUT_MS: '3000' },
    says: (ref) => `ECS DescribeTaskDefinition for ${ref} failed: ThrottlingException (Rate exceeded)`,
  },

  {
    name: 'HTTP 200 whose body is cut off',
    serve: (response) => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(`{"taskDefinition": {"family": "${TEMPLATE_CANARY}"`);
    },
    says: (ref) => `ECS DescribeTaskDefinition for ${ref} failed: the response is not valid JSON`,
  },
  {
    name: 'HTTP 200 whose JSON breaks at a plain environment value (the parser quotes it)',
    serve: (response) => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        `{"taskDefinition":{"family":"orders","containerDefinitions":[{"environment":[{"name":"DB_PASSWORD","value":${PLAIN_VALUE_CANARY}}]}]}}`,
      );
    },
    says: (ref) => `ECS DescribeTaskDefinition for ${ref} failed: the response is not valid JSON`,
  },
  {
    name: 'HTTP 200 without a task definition',
    serve: (response) => {
      ecsJson(response, 200, {});
    },
    says: (ref) => `ECS DescribeTaskDefinition returned no task definition for ${ref}`,
  },
];

// ---- Counts for RELIABILITY.md -------------------------------------------------------------------

/** Payload fetch faults answered (each through the in-process handler). */
export const PAYLOAD_FAULT_COUNT = PAYLOAD_FAULTS.length;
/** Payload URLs refused without any request. */
export const URL_REFUSAL_COUNT = URL_REFUSALS.length;
/** ECS lookup faults, each through a RESOURCE and a STACK target. */
export const ECS_FAULT_COUNT = ECS_FAULTS.length;
/**
 * TLS faults: in process (untrusted self-signed certificate; an https URL on a server that does not
 * speak TLS: tls-faults.test.ts) and in children that trust the test CA (certificate for another
 * name; expired certificate: bundled.test.ts).
 */
export const TLS_FAULT_COUNT = 4;
/** Cases run through the bundled function (scripts/local-invoke.mjs) in child processes. */
export const BUNDLED_CASE_COUNT = 7;
