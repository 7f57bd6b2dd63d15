import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';

import { handler } from '../../functions/hook/handler';
import type { HookResponse } from '../../functions/shared/hook/types';
import { lambdaContext } from '../helpers/lambda-context';
import { ACCESS_KEY_ID, EVENTS, PRESIGNED_QUERY, SECRET_ACCESS_KEY, SECRETS, SESSION_TOKEN } from './canaries';

/**
 * What every hook-faults suite shares: the canaries (canaries.ts, re-exported), events that point
 * at a payload URL, the environment the hook reads, log capture, and the one assertion
 * every fault ends in (FAILED + InternalFailure, a helpful message, nothing secret anywhere).
 */

export * from './canaries';

// ---- Events --------------------------------------------------------------------------------------

export type HookEventJson = Record<string, unknown> & { requestData: Record<string, unknown> };

export const readEvent = (name: string): HookEventJson => JSON.parse(readFileSync(join(EVENTS, name), 'utf8')) as HookEventJson;

/** events/hook/stack-compliant.json's token, the one every STACK fault answers with. */
export const STACK_TOKEN = '7a1f0c3e-1111-4a5b-9c2d-000000000004';

/** The committed STACK (or CHANGE_SET) event with its payload URL replaced. */
export const templateEvent = (payloadUrl: string, kind: 'STACK' | 'CHANGE_SET' = 'STACK'): HookEventJson => {
  const event = readEvent(kind === 'STACK' ? 'stack-compliant.json' : 'changeset-compliant.json');
  return { ...event, requestData: { ...event.requestData, payload: payloadUrl } };
};

/** `origin + path` with a presigned-looking query string. */
export const presigned = (originAndPath: string): string => `${originAndPath}?${PRESIGNED_QUERY}`;

// ---- Environment ---------------------------------------------------------------------------------

const HOOK_VARIABLE = /^(HOOK_|FIRELENS_|AWS_ENDPOINT_URL|POWERTOOLS_)/;

/** The Lambda runtime's own variables (fake credentials) plus `vars`; every other hook setting unset. */
export const setHookEnv = (vars: Readonly<Record<string, string>> = {}): void => {
  for (const key of Object.keys(process.env)) {
    if (HOOK_VARIABLE.test(key)) {
      delete process.env[key];
    }
  }
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    ...vars,
  });
};

/** Loopback payload servers over http, small limits: what the payload fault table runs under. */
export const LOOPBACK_ENV: Readonly<Record<string, string>> = {
  HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1',
  HOOK_PAYLOAD_ALLOW_HTTP: 'true',
  HOOK_PAYLOAD_TIMEOUT_MS: '300',
  HOOK_PAYLOAD_MAX_BYTES: '16384',
  HOOK_ECS_TIMEOUT_MS: '300',
};

/** A loopback port nothing listens on: bound, then closed again. */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
};

// ---- Logs ----------------------------------------------------------------------------------------

/** Everything written to stdout / stderr (the Powertools logger's JSON lines) while a test runs. */
export interface CapturedLogs {
  text(): string;
  restore(): void;
}

export const captureLogs = (): CapturedLogs => {
  const written: string[] = [];
  const record = (chunk: string | Uint8Array): boolean => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(record);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(record);
  return {
    text: () => written.join(''),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
};

// ---- Invoking and asserting ----------------------------------------------------------------------

/** The middy handler, in process, with the shared fake Lambda context. Never expected to throw. */
export const invokeHook = async (event: unknown): Promise<HookResponse> => {
  const response = await handler(event, lambdaContext);
  if (response === undefined) {
    throw new Error('the hook answered nothing');
  }
  return response;
};

export const INTERNAL_FAILURE_PREFIX = 'FireLens hook could not evaluate the request: ';

/**
 * FAILED + InternalFailure with the request's token and exactly `message` after the common prefix
 * (a RegExp is matched against what follows the prefix); nothing else in the answer.
 */
export const expectInternalFailure = (response: HookResponse, message: string | RegExp, token = STACK_TOKEN): void => {
  expect(response).toEqual({
    hookStatus: 'FAILED',
    errorCode: 'InternalFailure',
    clientRequestToken: token,
    message: expect.any(String) as unknown,
  });
  const text = response.message ?? '';
  expect(text.startsWith(INTERNAL_FAILURE_PREFIX)).toBe(true);
  const tail = text.slice(INTERNAL_FAILURE_PREFIX.length);
  if (typeof message === 'string') {
    expect(tail).toBe(message);
  } else {
    expect(tail).toMatch(message);
  }
};

/** No canary in the message nor in anything logged; the logs do say the request failed. */
export const expectNothingSecret = (response: HookResponse, logs: string): void => {
  for (const secret of SECRETS) {
    expect(response.message ?? '').not.toContain(secret);
    expect(logs).not.toContain(secret);
  }
};
