/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): one run, the rule set as the driver's rules.
 * Absolute file names become `file://` URIs; relative ones stay relative to `%SRCROOT%`, which
 * `originalUriBaseIds` resolves to the directory the CLI ran in. Each result carries a partial fingerprint
 * from its rule, file, template path and message (not its line), so it stays the same when lines move.
 */
import type * as Crypto from 'node:crypto';

import { pathString } from '../../template/locator';
import type { Finding, RuleMeta, Severity } from '../types';
import type { Formatter, ShownSuppression, ToolInfo } from './types';

const LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', informational: 'note' };

/** The schema the OASIS SARIF 2.1.0 standard publishes (the one GitHub code scanning links to). */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const SRCROOT = '%SRCROOT%';

/** The partial-fingerprint key; the suffix is its version, bumped if the hashed fields ever change. */
export const FINGERPRINT_KEY = 'firelensFindingHash/v1';

const DEFAULT_TOOL: ToolInfo = {
  name: 'firelens-lint',
  version: '0.0.0',
  informationUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html',
};

const isAbsolute = (file: string): boolean => file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file) || file.startsWith('\\\\');

/** Each path segment percent-encoded (RFC 3986), `\` read as a separator, a Windows drive letter kept. */
const encodePath = (file: string): string =>
  file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment, i) => (i === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');

/** An absolute file name → `file:///…`; a relative one → a relative reference under `%SRCROOT%`. */
export const artifactLocation = (file: string): { uri: string; uriBaseId?: string } => {
  if (!isAbsolute(file)) {
    return { uri: encodePath(file.replace(/^\.[\\/]/, '')), uriBaseId: SRCROOT };
  }
  const path = encodePath(file);
  return { uri: `file://${path.startsWith('/') ? '' : '/'}${path}` };
};

/** `file:///dir/` of an absolute directory (SARIF requires the trailing slash of a base URI). */
const directoryUri = (dir: string): string => {
  const { uri } = artifactLocation(dir);
  return uri.endsWith('/') ? uri : `${uri}/`;
};

/**
 * node:crypto, loaded on the first fingerprint: loading it costs `firelens lint` about 4 ms at every start,
 * and only SARIF output hashes anything. (The CLI bundle is CommonJS, where `require` is synchronous.)
 */
const crypto = (): typeof Crypto =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('node:crypto') as typeof Crypto;

const fingerprint = (f: Finding): string =>
  crypto()
    .createHash('sha256')
    .update([f.ruleId, (f.filename ?? '').replace(/\\/g, '/'), pathString(f.path), f.message].join('\u0000'))
    .digest('hex')
    .slice(0, 32);

const ruleDescriptor = (r: RuleMeta): Record<string, unknown> => ({
  id: r.id,
  name: r.name,
  shortDescription: { text: r.summary },
  fullDescription: { text: r.description ?? r.summary },
  help: { text: `${r.description ?? r.summary} (${r.docsUrl})` },
  helpUri: r.docsUrl,
  defaultConfiguration: { level: LEVEL[r.severity] },
  properties: { tags: [...r.tags] },
});

const physicalLocation = (f: Finding): Record<string, unknown> => ({
  artifactLocation: artifactLocation(f.filename ?? ''),
  region: {
    startLine: f.location?.line ?? 1,
    startColumn: f.location?.column ?? 1,
    ...(f.location ? { endLine: f.location.endLine, endColumn: f.location.endColumn } : {}),
  },
});

const result = (f: Finding, ruleIds: readonly string[]): Record<string, unknown> => ({
  ruleId: f.ruleId,
  ...(ruleIds.includes(f.ruleId) ? { ruleIndex: ruleIds.indexOf(f.ruleId) } : {}),
  level: LEVEL[f.severity],
  message: { text: f.message },
  locations: [
    {
      ...(f.filename === undefined || f.filename === '' ? {} : { physicalLocation: physicalLocation(f) }),
      logicalLocations: [{ fullyQualifiedName: pathString(f.path), kind: 'element' }],
    },
  ],
  partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
});

/**
 * A finding the template's own ignore_checks switched off (`--show-suppressed`): SARIF's `suppressions` with kind
 * `inSource` (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html, §3.27.23 and §3.35), so viewers
 * show it as suppressed rather than open.
 */
const suppressedResult = ({ finding, by }: ShownSuppression, ruleIds: readonly string[]): Record<string, unknown> => ({
  ...result(finding, ruleIds),
  suppressions: [{ kind: 'inSource', justification: `Suppressed by ${by}` }],
});

export const formatSarif: Formatter = ({ findings, rules, tool = DEFAULT_TOOL, srcRoot, suppressed = [] }) => {
  const ruleIds = rules.map((r) => r.id);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map(ruleDescriptor),
          },
        },
        ...(srcRoot === undefined ? {} : { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(srcRoot) } } }),
        columnKind: 'utf16CodeUnits',
        results: [...findings.map((f) => result(f, ruleIds)), ...suppressed.map((s) => suppressedResult(s, ruleIds))],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
