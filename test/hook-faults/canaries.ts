import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What must never reach an answer or a log (the canaries), and the templates and payloads the
 * hook-faults servers send, each carrying one. No handler here: cases.ts (and whoever cites its
 * counts) imports this without loading the hook.
 */

export const ROOT = join(__dirname, '../..');
export const EVENTS = join(ROOT, 'events/hook');

// ---- Canaries ------------------------------------------------------------------------------------

/** Parts of a presigned S3 URL's query string: credentials, never shown nor logged. */
const CREDENTIAL_CANARY = 'ASIAHOOKFAULTSCANARY7';
const TOKEN_CANARY = 'IQoJb3JpZ2luX2VjHookFaultsSessionTokenCanary';
const SIGNATURE_CANARY = 'feedfacecafe'.repeat(5) + 'beef';
export const PRESIGNED_QUERY =
  `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${CREDENTIAL_CANARY}%2F20260101%2Fus-east-1%2Fs3%2Faws4_request` +
  `&X-Amz-Date=20260101T000000Z&X-Amz-Expires=300&X-Amz-Security-Token=${TOKEN_CANARY}` +
  `&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIGNATURE_CANARY}`;

/** Put into every template and body the servers send: template contents are never logged. */
export const TEMPLATE_CANARY = 'template-canary-do-not-log-3f9a';

/** A plain environment value inside a task definition ECS returns: short, so a parser's quote holds all of it. */
export const PLAIN_VALUE_CANARY = 'hunter2pw';

/** The Lambda's own (fake) credentials, as the runtime sets them: never logged. */
export const ACCESS_KEY_ID = 'AKIAHOOKFAULTSEXAMPLE';
export const SECRET_ACCESS_KEY = 'hook-faults-secret-access-key-canary-0000';
export const SESSION_TOKEN = 'hook-faults-session-token-canary-0000';

/** Nothing of these may appear in a response message or anything the function writes. */
export const SECRETS: readonly string[] = [
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  CREDENTIAL_CANARY,
  TOKEN_CANARY,
  SIGNATURE_CANARY,
  TEMPLATE_CANARY,
  PLAIN_VALUE_CANARY,
  SECRET_ACCESS_KEY,
  SESSION_TOKEN,
];

// ---- Templates and payloads ----------------------------------------------------------------------

const withCanary = (yaml: string): string => `${yaml}\nMetadata:\n  Canary: ${TEMPLATE_CANARY}\n`;

/** The compliant / non-compliant STACK templates of events/hook/payloads, each carrying the canary. */
export const COMPLIANT_TEMPLATE = withCanary(readFileSync(join(EVENTS, 'payloads/stack-compliant.yaml'), 'utf8'));
export const NONCOMPLIANT_TEMPLATE = withCanary(readFileSync(join(EVENTS, 'payloads/stack-noncompliant.yaml'), 'utf8'));

/** What CloudFormation stores behind a STACK payload URL. */
export const stackPayload = (template: unknown): string => JSON.stringify({ template, previousTemplate: '' });
