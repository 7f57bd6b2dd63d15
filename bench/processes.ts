/**
 * Measures that need a fresh Node process: importing a function bundle (cold start proxy), the peak
 * memory of the macro on the largest template, and `firelens lint` as a whole command.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

import { elapsedMs, type Samples, summarize } from './measure';

const RESULT_MARK = 'BENCH_RESULT ';

/**
 * Runs `node -e script` and returns the JSON the script printed after RESULT_MARK (handlers log to stdout too),
 * unchecked: each caller states the shape its own script prints.
 */
const runNodeScript = (script: string, env: NodeJS.ProcessEnv = process.env): unknown => {
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    throw new Error(`node -e failed (${String(run.status)}): ${run.stderr}`);
  }
  const line = run.stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (line === undefined) {
    throw new Error(`node -e printed no result: ${run.stdout.slice(0, 500)}`);
  }
  return JSON.parse(line.slice(RESULT_MARK.length));
};

/** A process run to its end, timed from spawn to exit (its output kept for the caller's answer). */
export const timedRun = (
  command: string,
  args: readonly string[],
  cwd: string,
  timeoutMs?: number,
): { ms: number; run: SpawnSyncReturns<string> } => {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs });
  return { ms: elapsedMs(start), run };
};

const wallMs = (command: string, args: readonly string[], cwd: string): number => {
  const { ms, run } = timedRun(command, args, cwd);
  if (run.error) {
    throw run.error;
  }
  return ms;
};

export interface ColdImport {
  /** `require(bundle)` inside a fresh process, timed from just before to just after the call. */
  readonly importMs: Samples;
  /** The whole `node -e "require(bundle)"` process, seen from outside (spawn to exit). */
  readonly processMs: Samples;
}

/** `runs` fresh processes that each require the bundle once. */
export const measureColdImport = (bundlePath: string, runs: number): ColdImport => {
  const script = `const t = process.hrtime.bigint(); require(${JSON.stringify(bundlePath)}); const ms = Number(process.hrtime.bigint() - t) / 1e6; console.log(${JSON.stringify(RESULT_MARK)} + JSON.stringify(ms));`;
  const imports: number[] = [];
  const processes: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    imports.push(runNodeScript(script) as number);
    processes.push(elapsedMs(start));
  }
  return { importMs: summarize(imports), processMs: summarize(processes) };
};

/** A bare `node -e ''`: what every process costs before any of our code runs. */
export const measureBareNode = (runs: number, cwd: string): Samples =>
  summarize(Array.from({ length: runs }, () => wallMs(process.execPath, ['-e', ''], cwd)));

export interface PeakMemory {
  /** `process.resourceUsage().maxRSS` at the end, in bytes: the process's resident-set high-water mark. */
  readonly maxRssBytes: number;
  /** The same mark after importing the bundle, before the event was read. */
  readonly afterImportBytes: number;
  readonly status: string;
}

/**
 * A fresh process imports the macro bundle, reads and parses the event file (as the Lambda runtime
 * parses the request), calls the handler with a Lambda-like context and serialises the response; then
 * reports its RSS high-water mark.
 */
export const measurePeakMemory = (bundlePath: string, eventPath: string): PeakMemory => {
  const script = `
    const { readFileSync } = require('node:fs');
    const { handler } = require(${JSON.stringify(bundlePath)});
    const afterImportBytes = process.resourceUsage().maxRSS * 1024;
    const event = JSON.parse(readFileSync(${JSON.stringify(eventPath)}, 'utf8'));
    const context = { functionName: 'bench', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench',
      memoryLimitInMB: '128', awsRequestId: 'bench', logGroupName: '/aws/lambda/bench', logStreamName: 'bench', callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => 30000, done() {}, fail() {}, succeed() {} };
    handler(event, context).then((response) => {
      const body = JSON.stringify(response);
      const maxRssBytes = process.resourceUsage().maxRSS * 1024;
      console.log(${JSON.stringify(RESULT_MARK)} + JSON.stringify({ maxRssBytes, afterImportBytes, status: response.status, bytes: body.length }));
    });`;
  return runNodeScript(script) as PeakMemory;
};
