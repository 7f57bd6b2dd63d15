import { PayloadFetchError } from '../../../functions/shared/hook/errors';
import { fetchPayload, type PayloadFetchConfig } from '../../../functions/shared/hook/fetch-payload';
import { type LocalServer, startLocalServer } from './local-servers';

const config = (overrides: Partial<PayloadFetchConfig> = {}): PayloadFetchConfig => ({
  allowedHosts: ['127.0.0.1'],
  allowHttp: true,
  timeoutMs: 2_000,
  maxBytes: 1_000,
  ...overrides,
});

const failureOf = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
};

describe('fetchPayload', () => {
  let server: LocalServer;
  const pending: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    server = await startLocalServer((request, response) => {
      const path = request.url.split('?')[0] ?? '';
      switch (path) {
        case '/ok.json':
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ template: 'Resources: {}', previousTemplate: '' }));
          return;
        case '/parsed.json':
          response.writeHead(200);
          response.end(JSON.stringify({ template: { Resources: {} } }));
          return;
        case '/redirect':
          response.writeHead(302, { location: '/ok.json' });
          response.end();
          return;
        case '/forbidden':
          response.writeHead(403);
          response.end('<Error><Code>AccessDenied</Code></Error>');
          return;
        case '/big-declared':
          response.writeHead(200, { 'content-length': '5000' });
          response.end('x'.repeat(5000));
          return;
        case '/big-chunked':
          response.writeHead(200, { 'transfer-encoding': 'chunked' });
          response.write('x'.repeat(800));
          response.end('x'.repeat(800));
          return;
        case '/not-json':
          response.writeHead(200);
          response.end('Resources:\n  Secret: do-not-echo');
          return;
        case '/latin1.json':
          // "Description: café" in Latin-1 inside the JSON body: 0xE9 is not UTF-8.
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(Buffer.concat([Buffer.from('{"template": "Description: caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
          return;
        case '/slow':
          pending.push(setTimeout(() => response.end('{}'), 1_500));
          return;
        default:
          response.writeHead(404);
          response.end();
      }
    });
  });

  afterAll(async () => {
    pending.forEach(clearTimeout);
    await server.close();
  });

  it('GETs the payload and returns its template text', async () => {
    // Arrange
    const url = `${server.origin}/ok.json?X-Amz-Signature=abc`;

    // Act
    const payload = await fetchPayload(url, config());

    // Assert
    expect(payload).toEqual({ template: 'Resources: {}' });
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', url: '/ok.json?X-Amz-Signature=abc' });
  });

  it('accepts a template that arrives already parsed', async () => {
    // Arrange
    const url = `${server.origin}/parsed.json`;

    // Act
    const payload = await fetchPayload(url, config());

    // Assert
    expect(payload).toEqual({ template: { Resources: {} } });
  });

  it('refuses a URL outside the allowlist without making a request', async () => {
    // Arrange
    const before = server.requests.length;
    const url = `${server.origin}/ok.json`;

    // Act
    const error = await failureOf(fetchPayload(url, config({ allowedHosts: ['s3'] })));

    // Assert
    expect(error).toBeInstanceOf(PayloadFetchError);
    expect(error.message).toBe(
      `template payload: refused ${server.origin}/ok.json: the host is not an allowed payload host (Amazon S3 only)`,
    );
    expect(server.requests).toHaveLength(before);
  });

  it('does not follow a redirect', async () => {
    // Arrange
    const before = server.requests.length;

    // Act
    const error = await failureOf(fetchPayload(`${server.origin}/redirect`, config()));

    // Assert
    expect(error.message).toBe(
      `template payload: GET ${server.origin}/redirect answered HTTP 302, a redirect to ${server.origin}/ok.json; redirects are not followed`,
    );
    expect(server.requests).toHaveLength(before + 1);
  });

  it('fails on a non-2xx status without echoing the body or the query string', async () => {
    // Arrange
    const url = `${server.origin}/forbidden?X-Amz-Credential=SECRET`;

    // Act
    const error = await failureOf(fetchPayload(url, config()));

    // Assert
    expect(error.message).toBe(`template payload: GET ${server.origin}/forbidden answered HTTP 403`);
  });

  it('refuses a body whose declared length is over the cap', async () => {
    // Arrange
    const url = `${server.origin}/big-declared`;

    // Act
    const error = await failureOf(fetchPayload(url, config()));

    // Assert
    expect(error.message).toBe(`template payload: ${server.origin}/big-declared is 5000 bytes, more than the 1000 allowed`);
  });

  it('stops reading a streamed body once it passes the cap', async () => {
    // Arrange
    const url = `${server.origin}/big-chunked`;

    // Act
    const error = await failureOf(fetchPayload(url, config()));

    // Assert
    expect(error.message).toBe(`template payload: ${server.origin}/big-chunked is larger than the 1000 bytes allowed`);
  });

  it('reports a body that is not JSON without quoting it', async () => {
    // Arrange
    const url = `${server.origin}/not-json`;

    // Act
    const error = await failureOf(fetchPayload(url, config()));

    // Assert
    expect(error.message).toBe(`template payload: the body of ${server.origin}/not-json is not valid JSON`);
    expect(error.message).not.toContain('do-not-echo');
  });

  it('refuses a body that is not UTF-8 instead of reading U+FFFD into the template', async () => {
    // Regression: the body was decoded leniently, so a Latin-1 "é" became U+FFFD and the template was linted as changed.
    const error = await failureOf(fetchPayload(`${server.origin}/latin1.json`, config()));

    expect(error).toBeInstanceOf(PayloadFetchError);
    expect(error.message).toBe(`template payload: the body of ${server.origin}/latin1.json is not UTF-8 text`);
  });

  it('gives up after the configured timeout', async () => {
    // Arrange
    const url = `${server.origin}/slow`;

    // Act
    const error = await failureOf(fetchPayload(url, config({ timeoutMs: 100 })));

    // Assert
    expect(error.message).toBe(`template payload: GET ${server.origin}/slow timed out after 100 ms`);
  });
});
