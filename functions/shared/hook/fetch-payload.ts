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
export const fetchPayload = async (
  urlText: string,
  config: PayloadFetchConfig,
  signal?: AbortSignal,
): Promise<TemplatePayload> => {
  const check = checkPayloadUrl(urlText, config);
  if (!check.ok) {
    throw new PayloadFetchError(check.reason);
  }
  const shown = describeUrl(check.url);
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  let body: string;
  try {
    const response = await fetch(check.url, { method: 'GET', redirect: 'manual', signal: combined });
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(ignore);
      throw new PayloadFetchError(`GET ${shown} answered HTTP ${String(response.status)}`);
    }
    body = await readBounded(response, config.maxBytes, shown);
  } catch (error) {
    if (error instanceof PayloadFetchError) {
      throw error;
    }
    if (timeout.aborted) {
      throw new PayloadFetchError(`GET ${shown} timed out after ${String(config.timeoutMs)} ms`, { cause: error });
    }
    throw new PayloadFetchError(`GET ${shown} failed (${errorName(error)})`, { cause: error });
  }
  return parsePayload(body, shown);
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
  const reader = response.body.getReader();
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
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
};

const parsePayload = (body: string, shown: string): TemplatePayload => {
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
    return { template: '' };
  }
  if (typeof template === 'string' || isObject(template)) {
    return { template };
  }
  throw new PayloadFetchError(`the body of ${shown} has a "template" that is neither a string nor an object`);
};

const ignore = (): void => undefined;

const errorName = (error: unknown): string => {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code ?? (error instanceof Error ? error.name : 'unknown error');
};
