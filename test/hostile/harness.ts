/**
 * The entry points hostile input reaches, each wrapped so a test gets plain data back: the macro
 * (middy handler and its core), template loading, the CLI (in-process and as a process with a small
 * heap), lintTemplate and the hook (middy handler, payloads served from a loopback server).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli } from '../../functions/cli/main';
import { handler as hookHandler } from '../../functions/hook/handler';
import { expandMacroEvent, handler as macroHandler } from '../../functions/macro/handler';
import type { MacroResponse, MacroResult } from '../../functions/middleware/macro-response';
import { TemplateParseError } from '../../functions/shared/errors';
import type { HookResponse } from '../../functions/shared/hook/types';
import { MAX_FINDING_MESSAGE } from '../../functions/shared/rules/engine';
import { decodeTemplateBytes } from '../../functions/shared/template/decode';
import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../functions/shared/template/load';
import { createLambdaContext } from '../helpers/lambda-context';
import { type LocalServer, startLocalServer } from '../unit/hook/local-servers';

export const ROOT = join(__dirname, '..', '..');

/** Longest message each entry may answer with (the macro's and the hook's documented bounds). */
export const MACRO_MESSAGE_LIMIT = 4096;
export const HOOK_MESSAGE_LIMIT = 1024;
/** One finding or parse error: the engine's bound (rules quote template values), never the input itself. */
export const CLI_MESSAGE_LIMIT = MAX_FINDING_MESSAGE;

/** Text that gives away a crash rather than explaining the input. */
const CRASH_SIGNS = [
  /\n\s+at \S+ \(/, // a stack frame
  /Cannot read propert/i,
  /is not a function/i,
  /is not iterable/i,
  /undefined is not/i,
  /Maximum call stack/i,
  /\b(TypeError|RangeError|ReferenceError)\b/,
  /unexpected error/i,
  /failed unexpectedly/i,
  /internal error/i,
];

/** A message a user can act on: no crash signs, and bounded (never the input echoed back). */
export const expectClear = (message: string | undefined, limit: number): void => {
  expect(typeof message).toBe('string');
  const text = message ?? '';
  expect(text.length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(limit);
  for (const sign of CRASH_SIGNS) {
    expect(text).not.toMatch(sign);
  }
};

/** Swallows what the functions' loggers write while `run` runs (Powertools writes to stdout). */
const quietly = async <T>(run: () => Promise<T> | T): Promise<T> => {
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true),
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
  ];
  try {
    return await run();
  } finally {
    for (const spy of spies) {
      spy.mockRestore();
    }
  }
};

const REQUEST_ID = 'b8f3e0c2-6d0e-4a4e-9d7c-hostile00001';

export const macroEvent = (fragment: unknown): Record<string, unknown> => ({
  region: 'us-east-1',
  accountId: '123456789012',
  fragment,
  transformId: '123456789012::FireLensMacro',
  params: {},
  requestId: REQUEST_ID,
  templateParameterValues: {},
});

/** The macro Lambda through its middy chain. */
export const invokeMacro = (event: unknown): Promise<MacroResponse> =>
  quietly(async () => (await macroHandler(event, createLambdaContext())) as MacroResponse);

/** The macro's adapter without middy (what the handler calls). */
export const callExpandMacroEvent = (event: unknown): Promise<MacroResult> => quietly(() => expandMacroEvent(event));

/** decode (as the CLI reads files) then load: the template, or the parse error. */
export const loadBytes = (bytes: Uint8Array): { template: JsonObject } | { error: TemplateParseError } => {
  try {
    return { template: loadTemplate(decodeTemplateBytes(bytes)).template };
  } catch (error) {
    if (error instanceof TemplateParseError) {
      return { error };
    }
    throw error;
  }
};

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `firelens …` in-process, files given as bytes and read as the real CLI reads them. */
export const runCliInProcess = async (args: readonly string[], files: Readonly<Record<string, Uint8Array>>): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) {
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      }
      return decodeTemplateBytes(content);
    },
  });
  return { code, stdout, stderr };
};

/** One finding of `firelens lint --format json`, reduced to what the tests read. */
export interface JsonFinding {
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Location: {
    readonly Start: { readonly LineNumber: number; readonly ColumnNumber: number };
    readonly Path: readonly (string | number)[];
  };
}

export const jsonFindings = (stdout: string): JsonFinding[] => JSON.parse(stdout) as JsonFinding[];

export interface ProcessRun extends CliRun {
  readonly code: number;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
}

/** A heap small enough that an unbounded input would run out of it: the bounds must hold well inside. */
export const CHILD_HEAP_MB = 128;
/** Generous: the heavy cases finish in about a second; only a runaway reaches this. */
export const CHILD_TIMEOUT_MS = 20_000;

let scratch: string | undefined;

/** Writes `content` to a file in this run's scratch folder (made on first use) and returns its path. */
export const scratchFile = (name: string, content: Uint8Array | string): string => {
  scratch ??= mkdtempSync(join(tmpdir(), 'firelens-hostile-'));
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

/** Removes the scratch folder (the heavy inputs are megabytes each). */
export const removeScratch = (): void => {
  if (scratch !== undefined) {
    rmSync(scratch, { recursive: true, force: true });
    scratch = undefined;
  }
};

/** `node --max-old-space-size=128 bin/firelens.cjs …` as a real process, killed after 20 s. */
export const runCliProcess = (args: readonly string[]): Promise<ProcessRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${String(CHILD_HEAP_MB)}`, join(ROOT, 'bin', 'firelens.cjs'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, timedOut, stdout, stderr });
    });
  });

/** The JSON body CloudFormation stores behind a payload URL, around template bytes that may not be UTF-8. */
export const payloadBody = (template: Uint8Array): Uint8Array => {
  const escaped: number[] = [];
  for (const byte of template) {
    if (byte === 0x22 || byte === 0x5c) {
      escaped.push(0x5c, byte);
    } else if (byte < 0x20) {
      escaped.push(...new TextEncoder().encode(`\\u${byte.toString(16).padStart(4, '0')}`));
    } else {
      escaped.push(byte);
    }
  }
  return Buffer.concat([Buffer.from('{"template":"'), Uint8Array.from(escaped), Buffer.from('","previousTemplate":""}')]);
};

const HOOK_ENV: Readonly<Record<string, string>> = {
  HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1',
  HOOK_PAYLOAD_ALLOW_HTTP: 'true',
  HOOK_PAYLOAD_TIMEOUT_MS: '10000',
  HOOK_ECS_LOOKUP: 'false',
  AWS_REGION: 'us-east-1',
};

/** A loopback payload server and the hook handler's environment, for one test file. */
export interface HookBench {
  /** Serves `body` at a fresh path and returns a STACK event pointing at it. */
  stackEvent(body: Uint8Array): Record<string, unknown>;
  close(): Promise<void>;
}

export const startHookBench = async (): Promise<HookBench> => {
  const bodies = new Map<string, Uint8Array>();
  const server: LocalServer = await startLocalServer((request, response) => {
    const body = bodies.get(request.url.split('?')[0] ?? '');
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(body === undefined ? '' : Buffer.from(body));
  });
  const saved = { ...process.env };
  Object.assign(process.env, HOOK_ENV);
  let next = 0;
  return {
    stackEvent: (body) => {
      next += 1;
      const path = `/stack/hostile-${String(next)}.json`;
      bodies.set(path, body);
      return hookEvent({
        targetName: 'STACK',
        targetType: 'STACK',
        targetLogicalId: 'hostile-stack',
        payload: `${server.origin}${path}?X-Amz-Signature=0`,
      });
    },
    close: async () => {
      process.env = saved;
      await server.close();
    },
  };
};

const HOOK_TOKEN = '7a1f0c3e-1111-4a5b-9c2d-hostile00001';

const hookEvent = (requestData: Record<string, unknown>): Record<string, unknown> => ({
  clientRequestToken: HOOK_TOKEN,
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/hostile/1',
  hookTypeName: 'Private::FireLens::Hook',
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestData,
  requestContext: { invocation: 1 },
});

/** A RESOURCE target: one resource's properties, as CloudFormation sends them. */
export const resourceEvent = (type: string, properties: unknown): Record<string, unknown> =>
  hookEvent({ targetName: type, targetType: type, targetLogicalId: 'Target', targetModel: { resourceProperties: properties } });

/** The hook Lambda through its middy chain. */
export const invokeHook = (event: unknown): Promise<HookResponse> =>
  quietly(async () => (await hookHandler(event, createLambdaContext())) as HookResponse);

/** Every answer of the hook, whatever the input: a status, the request's token, a bounded clear message. */
export const expectHookAnswered = (response: HookResponse): void => {
  expect(['SUCCESS', 'FAILED']).toContain(response.hookStatus);
  expect(response.clientRequestToken).toBe(HOOK_TOKEN);
  if (response.hookStatus === 'FAILED') {
    expectClear(response.message, HOOK_MESSAGE_LIMIT);
  }
};
