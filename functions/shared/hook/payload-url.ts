/**
 * Which payload URLs the hook may fetch. CloudFormation hands the hook a presigned Amazon S3 URL;
 * anything else (plain http, file:, link-local metadata addresses, other hosts, credentials in the
 * URL) is refused before any request is made.
 */
export interface PayloadUrlPolicy {
  /**
   * Hosts the hook may fetch from. The token `s3` stands for every Amazon S3 endpoint host
   * (path-style, virtual-hosted, regional, legacy `s3-<region>`, dual-stack, FIPS, `.amazonaws.com.cn`);
   * any other entry is an exact host name (lower case), which may then use any port.
   */
  readonly allowedHosts: readonly string[];
  /** Allow `http:` as well as `https:`. Off in the shipped configuration; tests turn it on for 127.0.0.1. */
  readonly allowHttp: boolean;
}

export const S3_HOSTS_TOKEN = 's3';

export const DEFAULT_PAYLOAD_URL_POLICY: PayloadUrlPolicy = { allowedHosts: [S3_HOSTS_TOKEN], allowHttp: false };

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}';
const BUCKET = '[a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?';
/** s3.amazonaws.com, b.s3.amazonaws.com, (b.)s3.<r>, (b.)s3-<r>, (b.)s3.dualstack.<r>, s3-fips…, .amazonaws.com(.cn) */
const S3_HOST = new RegExp(`^(?:${BUCKET}\\.)?s3(?:-fips)?(?:\\.dualstack)?(?:[.-]${REGION})?\\.amazonaws\\.com(?:\\.cn)?$`);

export type PayloadUrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

/** Decides whether `text` may be fetched under `policy`. Pure: no request, no DNS. */
export const checkPayloadUrl = (text: string, policy: PayloadUrlPolicy): PayloadUrlCheck => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'the payload URL is not a valid absolute URL' };
  }
  const shown = describeUrl(url);
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
    return { ok: false, reason: `refused ${shown}: only https URLs are fetched` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: `refused ${shown}: the URL carries user information` };
  }
  if (!isAllowedHost(url, policy.allowedHosts)) {
    return { ok: false, reason: `refused ${shown}: the host is not an allowed payload host ${allowedHostsNote(policy.allowedHosts)}` };
  }
  return { ok: true, url };
};

const isAllowedHost = (url: URL, allowedHosts: readonly string[]): boolean =>
  allowedHosts.some((entry) =>
    entry === S3_HOSTS_TOKEN ? url.port === '' && S3_HOST.test(url.hostname) : entry.toLowerCase() === url.hostname,
  );

/** `(Amazon S3 only)` as shipped; `(allowed: 127.0.0.1)` when the allowlist says otherwise. */
const allowedHostsNote = (allowedHosts: readonly string[]): string =>
  allowedHosts.length === 1 && allowedHosts[0] === S3_HOSTS_TOKEN
    ? '(Amazon S3 only)'
    : `(allowed: ${allowedHosts.map((h) => (h === S3_HOSTS_TOKEN ? 'Amazon S3' : h)).join(', ')})`;

/** Schemes whose URLs have a host and a path (WHATWG "special" schemes); any other is shown by scheme alone. */
const HIERARCHICAL = new Set(['http:', 'https:', 'ftp:', 'file:', 'ws:', 'wss:']);

/**
 * A URL as it may appear in messages and logs: scheme, host and path only. The query string of a
 * presigned URL carries credentials (X-Amz-Credential, X-Amz-Signature, X-Amz-Security-Token); a
 * `data:` or `javascript:` URL is all content, so it is named by its scheme alone.
 */
export const describeUrl = (url: URL): string =>
  HIERARCHICAL.has(url.protocol) ? `${url.protocol}//${url.host}${url.pathname}` : `a ${url.protocol} URL`;
