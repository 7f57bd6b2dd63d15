import { cutText } from '../errors';
import { isObject, type JsonObject } from '../template/intrinsics';
import { PayloadFetchError } from './errors';
import { checkPayloadUrl, describeUrl, type PayloadUrlPolicy } from './payload-url';

export interface PayloadFetchConfig extends PayloadUrlPolicy {
  /** Whole request, headers and body, must finish within this many milliseconds. */
  readonly timeoutMs: number;
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
}

/** The body behind a STACK or CHANGE_SET payload URL, reduced to what the hook reads. */
export interface TemplatePayload {
  /** The raw template (JSON or YAML text); empty on delete. Some callers may send it already parsed. */
  readonly template: string | JsonObject;
}

/**
 * GETs the payload a STACK / CHANGE_SET hook event points at and parses its JSON body. The URL is
 * checked against the allowlist first (refused without a request); redirects are not followed; the
 * request is bounded in time and size. Every failure is a {@link PayloadFetchError}.
 */
export const fetchPayload = async (urlText: string, config: PayloadFetchConfig, signal?: AbortSignal): Promise<TemplatePayload> => {
  const check = checkPayloadUrl(urlText, config);
  if (!check.ok) {
    throw new PayloadFetchError(check.reason);
  }
  const shown = describeUrl(check.url);
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  let phase: 'request' | 'body' = 'request';
  let body: string;
  try {
    const response = await fetch(check.url, { method: 'GET', redirect: 'manual', signal: combined });
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(ignore);
      throw new PayloadFetchError(`GET ${shown} answered HTTP ${String(response.status)}${redirectNote(response, check.url)}`);
    }
    phase = 'body';
    body = await readBounded(response, config.maxBytes, shown);
  } catch (error) {
    if (error instanceof PayloadFetchError) {
      throw error;
    }
    if (timeout.aborted) {
      throw new PayloadFetchError(`GET ${shown} timed out after ${String(config.timeoutMs)} ms`, { cause: error });
    }
    if (signal?.aborted) {
      throw new PayloadFetchError(`GET ${shown} was stopped: the function ran out of time`, { cause: error });
    }
    const detail = failureDetail(error, check.url);
    throw new PayloadFetchError(
      phase === 'body' ? `GET ${shown} was cut off before the whole body arrived: ${detail}` : `GET ${shown} failed: ${detail}`,
      { cause: error },
    );
  }
  return parsePayload(body, shown);
};

/** `, a redirect to https://host/path; redirects are not followed` for a 3xx with a Location. */
const redirectNote = (response: Response, base: URL): string => {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status > 399 || location === null) {
    return '';
  }
  let target: string;
  try {
    target = describeUrl(new URL(location, base));
  } catch {
    target = 'an invalid URL';
  }
  return `, a redirect to ${target}; redirects are not followed`;
};

const readBounded = async (response: Response, maxBytes: number, shown: string): Promise<string> => {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(ignore);
    throw new PayloadFetchError(`${shown} is ${String(declared)} bytes, more than the ${String(maxBytes)} allowed`);
  }
  if (!response.body) {
    return '';
  }
  // Node's fetch types the body as a stream of `any`; its chunks are bytes (WHATWG fetch).
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(ignore);
      throw new PayloadFetchError(`${shown} is larger than the ${String(maxBytes)} bytes allowed`);
    }
    chunks.push(value);
  }
  try {
    // Fatal: a lossy decoding would put U+FFFD into the template and lint something CloudFormation never sent.
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new PayloadFetchError(`the body of ${shown} is not UTF-8 text`);
  }
};

const parsePayload = (body: string, shown: string): TemplatePayload => {
  if (body.trim() === '') {
    throw new PayloadFetchError(`the body of ${shown} is empty`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // The parser's own message quotes the body; the body may be a template, so it stays out.
    throw new PayloadFetchError(`the body of ${shown} is not valid JSON`);
  }
  if (!isObject(parsed)) {
    throw new PayloadFetchError(`the body of ${shown} is not a JSON object`);
  }
  const template = parsed['template'];
  if (template === undefined || template === null) {
    // CloudFormation always sends one (an empty string on delete): a body without it is not the payload.
    throw new PayloadFetchError(`the body of ${shown} has no "template"`);
  }
  if (typeof template === 'string' || isObject(template)) {
    return { template };
  }
  throw new PayloadFetchError(`the body of ${shown} has a "template" that is neither a string nor an object`);
};

const ignore = (): void => undefined;

/**
 * What went wrong below fetch, from the innermost cause that says something: `connect ECONNREFUSED
 * 127.0.0.1:8443`, `self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`, `other side closed
 * (UND_ERR_SOCKET)`, `wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)`: one line. Duck-typed, not `instanceof`: fetch's errors may come from another realm. The URL's
 * query string is cut out in case a message ever quotes the URL.
 */
const failureDetail = (error: unknown, url: URL): string => {
  const chain: Record<string, unknown>[] = [];
  for (let e: unknown = error; typeof e === 'object' && e !== null && chain.length < 5; e = (e as { cause?: unknown }).cause) {
    chain.push(e as Record<string, unknown>);
  }
  const said = (e: Record<string, unknown>): { message: string; code: string | undefined } => ({
    message: typeof e['message'] === 'string' ? e['message'] : '',
    code: typeof e['code'] === 'string' ? e['code'] : undefined,
  });
  const innermost = chain.reverse().find((e) => said(e).message !== '' || said(e).code !== undefined);
  const { message: raw, code } = innermost ? said(innermost) : { message: '', code: undefined };
  // OpenSSL's "80DC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…/ssl3_record.c:350:"
  // says its reason in the fifth field.
  const firstLine = (raw.split('\n')[0] ?? '').trim();
  const message = /^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/.exec(firstLine)?.[1] ?? firstLine;
  const name = typeof chain[0]?.['name'] === 'string' ? chain[0]['name'] : 'unknown error';
  const text = message === '' ? (code ?? name) : code === undefined || message.includes(code) ? message : `${message} (${code})`;
  const scrubbed = url.search === '' ? text : text.split(url.search).join('');
  return cutText(scrubbed, 200);
};
