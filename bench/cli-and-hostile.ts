/**
 * Issue #11's rows: the `firelens lint` process on JSON and YAML beside a bare `node -e 0` (interleaved, so
 * their ratio compares runs made side by side), and the hostile inputs of the loader, each timed through the
 * CLI process and the hook handler with the answer it gave.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { stringify } from 'yaml';

import { handler } from '../functions/hook/handler';
import type { HookResponse } from '../functions/shared/hook/types';
import type { JsonObject } from '../functions/shared/template/intrinsics';
import { createLambdaContext } from '../test/helpers/lambda-context';
import { aliasFanOutTemplate, deepPathTemplate, hashFloodTemplate, routerlessTask } from '../test/hostile/inputs';
import { type PayloadServer, servePayload, stackEvent } from './hook';
import { elapsedMs, type Samples, summarize } from './measure';
import { timedRun } from './processes';
import { quietly } from './quiet';

/** A Node process of the bench, stopped after 30 s. */
const wall = (args: readonly string[], cwd: string): { ms: number; status: number | null; stderr: string } => {
  const { ms, run } = timedRun(process.execPath, args, cwd, 30_000);
  return { ms, status: run.status, stderr: run.stderr };
};

/**
 * The CLI bundle started as bin/firelens.cjs starts it (through bin/load-bundle.cjs and its code cache), minus
 * bin's walk for stale sources. The cache lives in the bench's own folder, so each bench run starts without one.
 */
const launcher = (root: string, outDir: string): { readonly path: string; readonly cache: string } => {
  const path = join(outDir, 'firelens-launcher.cjs');
  const cache = join(outDir, 'compile-cache');
  writeFileSync(
    path,
    [
      `'use strict';`,
      `process.env.FIRELENS_COMPILE_CACHE = ${JSON.stringify(cache)};`,
      `require('node:module').enableCompileCache?.();`,
      `void require(${JSON.stringify(join(root, 'bin', 'load-bundle.cjs'))}).loadBundle(${JSON.stringify(join(root, 'dist', 'firelens.cjs'))}).main();`,
      '',
    ].join('\n'),
  );
  return { path, cache };
};

export interface LintProcessRow {
  readonly label: string;
  readonly bytes: number;
  readonly lint: Samples;
  readonly bare: Samples;
  /** The first run, made without a code cache (it writes the cache the recorded runs use). */
  readonly firstMs: number;
  /** The file linted, for a run of another linter on the same text. */
  readonly path: string;
}

/**
 * `firelens lint FILE` on the expanded templates (what CloudFormation deploys, and what cfn-lint is given),
 * as indented JSON and as YAML, each run alternating with a bare `node -e 0`: `runs` rounds after a first run
 * per file made with the code cache removed (reported apart: what a fresh machine's first lint costs).
 */
export const measureLintProcesses = (
  root: string,
  outDir: string,
  templates: readonly { readonly resources: number; readonly template: JsonObject }[],
  runs: number,
): LintProcessRow[] => {
  const { path: bin, cache } = launcher(root, outDir);
  const files = templates.flatMap(({ resources, template }) => {
    const json = join(outDir, 'templates', `expanded-${String(resources)}.json`);
    const yaml = join(outDir, 'templates', `expanded-${String(resources)}.yaml`);
    const jsonText = JSON.stringify(template, null, 2);
    const yamlText = stringify(template, { aliasDuplicateObjects: false, lineWidth: 0 });
    writeFileSync(json, jsonText);
    writeFileSync(yaml, yamlText);
    return [
      { label: `${String(resources)} res, JSON`, path: json, bytes: Buffer.byteLength(jsonText) },
      { label: `${String(resources)} res, YAML`, path: yaml, bytes: Buffer.byteLength(yamlText) },
    ];
  });
  const firstMs = files.map((file) => {
    rmSync(cache, { recursive: true, force: true });
    const first = wall([bin, 'lint', file.path], root);
    if (first.status === null || (first.status & (2 | 32)) !== 0) {
      throw new Error(`firelens lint ${file.path} exited ${String(first.status)}: ${first.stderr}`);
    }
    return first.ms;
  });
  const lint = files.map((): number[] => []);
  const bare = files.map((): number[] => []);
  for (let round = 0; round < runs; round += 1) {
    files.forEach((file, i) => {
      bare[i]?.push(wall(['-e', '0'], root).ms);
      lint[i]?.push(wall([bin, 'lint', file.path], root).ms);
    });
  }
  return files.map((file, i) => ({
    label: file.label,
    bytes: file.bytes,
    lint: summarize(lint[i] ?? []),
    bare: summarize(bare[i] ?? []),
    firstMs: firstMs[i] ?? Number.NaN,
    path: file.path,
  }));
};

export interface HostileRow {
  readonly label: string;
  readonly ms: Samples;
  /** What the entry answered: exit code and first line, or hook status and error code. */
  readonly answer: string;
}

const firstLine = (text: string): string => (text.split('\n')[0] ?? '').slice(0, 60);

const hostileProcess = (label: string, args: readonly string[], root: string, bin: string, runs: number): HostileRow => {
  const results = Array.from({ length: runs }, () => {
    const { ms, run } = timedRun(process.execPath, [bin, ...args], root, 30_000);
    return { ms, status: run.status, line: firstLine(run.stdout || run.stderr) };
  });
  const last = results.at(-1);
  return {
    label: `CLI: ${label}`,
    ms: summarize(results.map((r) => r.ms)),
    answer: `exit ${String(last?.status)}${last?.line ? `, ${last.line}` : ''}`,
  };
};

const timedHook = async (event: unknown, remainingMs: number): Promise<{ ms: number; response: HookResponse }> => {
  const context = createLambdaContext({ getRemainingTimeInMillis: () => remainingMs });
  const start = process.hrtime.bigint();
  const response = (await quietly(() => handler(event, context))) as HookResponse;
  return { ms: elapsedMs(start), response };
};

const hostileHook = async (label: string, event: () => unknown, runs: number, remainingMs = 30_000): Promise<HostileRow> => {
  const results: { ms: number; response: HookResponse }[] = [];
  for (let i = 0; i < runs; i += 1) {
    results.push(await timedHook(event(), remainingMs));
  }
  const last = results.at(-1)?.response;
  return {
    label: `hook: ${label}`,
    ms: summarize(results.map((r) => r.ms)),
    answer: `${last?.hookStatus ?? 'no answer'}${last?.errorCode ? ` / ${last.errorCode}` : ''}`,
  };
};

const resourceHookEvent = (properties: unknown): unknown => ({
  clientRequestToken: 'bench',
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/bench/1',
  hookTypeName: 'Private::FireLens::Hook',
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestData: {
    targetName: 'AWS::ECS::TaskDefinition',
    targetType: 'AWS::ECS::TaskDefinition',
    targetLogicalId: 'Task',
    targetModel: { resourceProperties: properties },
  },
  requestContext: { invocation: 1 },
});

/** Serves one stack payload per template for the time of `fn`. */
const withPayloads = async <T>(templates: readonly string[], fn: (servers: readonly PayloadServer[]) => Promise<T>): Promise<T> => {
  const servers = await Promise.all(templates.map((template) => servePayload(JSON.stringify({ template, previousTemplate: '' }))));
  try {
    return await fn(servers);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
};

/**
 * The hostile inputs of #11 through `firelens lint` (a process) and the hook handler: each must answer within
 * 1 s. `heavyYaml` is a large YAML template the hook gets with 2 s left (a 0.5 s budget): it must answer
 * before its deadline, FAILED when the work does not fit.
 */
export const measureHostile = async (root: string, outDir: string, heavyYaml: string, runs: number): Promise<HostileRow[]> => {
  const bin = launcher(root, outDir).path;
  const file = (name: string, text: string): string => {
    const path = join(outDir, 'templates', name);
    writeFileSync(path, text);
    return path;
  };
  const oversize = file('oversize.yaml', `Resources: {}\n#${'x'.repeat(5 * 1024 * 1024)}\n`);
  const rows = [
    hostileProcess('17,000-char key over 4,000 values (JSON)', ['lint', file('flood.json', hashFloodTemplate())], root, bin, runs),
    hostileProcess('190 levels of 1,000-char keys (JSON)', ['lint', file('deep.json', deepPathTemplate())], root, bin, runs),
    hostileProcess('3,900 aliases of one anchor (YAML)', ['lint', file('aliases.yaml', aliasFanOutTemplate())], root, bin, runs),
    hostileProcess('lint /dev/zero', ['lint', '/dev/zero'], root, bin, runs),
    hostileProcess('a file over 5 MiB', ['lint', oversize], root, bin, runs),
  ];
  const hookRows = await withPayloads([hashFloodTemplate(), aliasFanOutTemplate(), heavyYaml], async ([flood, aliases, heavy]) => [
    await hostileHook('17,000-char key over 4,000 values', () => stackEvent(root, flood?.url ?? ''), runs),
    await hostileHook('3,900 aliases of one anchor', () => stackEvent(root, aliases?.url ?? ''), runs),
    await hostileHook(
      '40,000 findings (RESOURCE target)',
      () => resourceHookEvent((routerlessTask(40_000, 0) as { Properties: unknown }).Properties),
      runs,
    ),
    await hostileHook('1 MB YAML with 2 s left (deadline 0.5 s)', () => stackEvent(root, heavy?.url ?? ''), runs, 2_000),
  ]);
  return [...rows, ...hookRows];
};

export interface CfnLintRow {
  readonly label: string;
  /** cfn-lint's version, as it prints it. */
  readonly version: string;
  readonly cfnLint: Samples;
  readonly firelens: Samples;
}

/**
 * `npm run bench -- --cfn-lint`: cfn-lint on the same files as the lint-process rows, when it is on the PATH
 * (#11 states its budgets as "≥ 40× and ≥ 20× faster than cfn-lint"). Off by default: cfn-lint takes about 10 s
 * on the 400-resource template, and it is no dependency of this repository.
 */
export const measureCfnLint = (root: string, rows: readonly LintProcessRow[], runs: number): CfnLintRow[] => {
  const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) {
    process.stderr.write('bench: --cfn-lint given, but cfn-lint is not on the PATH; no cfn-lint rows\n');
    return [];
  }
  return rows.map((row) => {
    const times = Array.from({ length: runs }, () => timedRun('cfn-lint', [row.path], root).ms);
    return { label: row.label, version: version.stdout.trim(), cfnLint: summarize(times), firelens: row.lint };
  });
};
