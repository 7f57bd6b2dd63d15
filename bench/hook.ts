/**
 * The hook handler (the middy chain, as deployed) per request: a RESOURCE target (one task definition)
 * and a STACK target whose payload a loopback HTTP server serves, as S3 serves presigned payloads.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { handler } from '../functions/hook/handler';
import type { HookResponse } from '../functions/shared/hook/types';
import type { Json, JsonObject } from '../functions/shared/template/intrinsics';
import { lambdaContext } from '../test/helpers/lambda-context';
import { measureAsync, type MeasureOptions, type Samples } from './measure';
import { quietly } from './quiet';

/**
 * The hook's settings for the bench: payloads from 127.0.0.1 over http (the loopback server), and no
 * ECS lookup: the generated services run task definitions of their own template, so the hook would
 * not call ECS anyway, and the setting makes sure no request leaves the machine.
 */
const HOOK_BENCH_ENV: Readonly<Record<string, string>> = {
  HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1',
  HOOK_PAYLOAD_ALLOW_HTTP: 'true',
  HOOK_PAYLOAD_MAX_BYTES: String(10 * 1024 * 1024),
  HOOK_ECS_LOOKUP: 'false',
  AWS_REGION: 'us-east-1',
};

type HookEvent = JsonObject & { requestData: JsonObject };

const readEvent = (root: string, name: string): HookEvent => JSON.parse(readFileSync(join(root, 'events/hook', name), 'utf8')) as HookEvent;

/** CloudFormation hands hooks every scalar as a string ("512", "true"). */
const stringifyScalars = (value: Json): Json => {
  if (Array.isArray(value)) {
    return value.map(stringifyScalars);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyScalars(v)]));
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
};

/** events/hook/resource-compliant.json with another task definition as its target. */
export const resourceEvent = (root: string, logicalId: string, properties: JsonObject): HookEvent => {
  const event = readEvent(root, 'resource-compliant.json');
  return {
    ...event,
    requestData: {
      ...event.requestData,
      targetLogicalId: logicalId,
      targetModel: { resourceProperties: stringifyScalars(properties), previousResourceProperties: {} },
    },
  };
};

/** events/hook/stack-compliant.json pointing at `payloadUrl`. */
export const stackEvent = (root: string, payloadUrl: string): HookEvent => {
  const event = readEvent(root, 'stack-compliant.json');
  return { ...event, requestData: { ...event.requestData, payload: payloadUrl } };
};

export interface PayloadServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `body` (a stack payload: `{template, previousTemplate}`) at every path on 127.0.0.1. */
export const servePayload = async (body: string): Promise<PayloadServer> => {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/stack/bench.json?X-Amz-Signature=0`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => {
          if (error) {
            reject(error);
          } else {
            resolve();
          }
        }),
      );
    },
  };
};

const invoke = async (event: HookEvent): Promise<HookResponse> => {
  const response = await quietly(() => handler(event, lambdaContext));
  if (response?.hookStatus !== 'SUCCESS') {
    throw new Error(`the hook did not accept the generated template: ${JSON.stringify(response)}`);
  }
  return response;
};

/** Per-request time of the hook handler for `event`; asserts that every answer is SUCCESS. */
export const measureHook = async (event: HookEvent, options: MeasureOptions): Promise<Samples> => {
  Object.assign(process.env, HOOK_BENCH_ENV);
  return measureAsync(() => invoke(event), options);
};
