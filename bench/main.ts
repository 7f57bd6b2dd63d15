/**
 * `npm run bench [-- --check] [--quick]`: bench/run.mjs bundles this file and runs it with
 * `node --expose-gc`. Prints one table (BENCHMARKS.md explains every row) and the budget verdicts;
 * with --check, exits 1 when a budget is missed.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

import { expandMacroEvent } from '../functions/macro/handler';
import { expandAndCheck } from '../functions/shared/firelens/expand-and-check';
import { lintTemplate } from '../functions/shared/rules/lint';
import type { JsonObject } from '../functions/shared/template/intrinsics';
import { type BudgetInputs, budgetsOf, describeBudget, withinBudget } from './budgets';
import { type GeneratedTemplate, generateTemplate } from './generate';
import { measureHook, resourceEvent, servePayload, stackEvent } from './hook';
import { FULL, QUICK, type Samples, collectGarbage, measure, measurePair } from './measure';
import { measureBareNode, measureColdImport, measureLintProcess, measurePeakMemory } from './processes';
import { quietlySync } from './quiet';
import { kib, mib, ms, ratio, renderTable } from './table';

/** Resources after expansion. The growth ratio compares the last size with the one a tenth of it. */
const SIZES = [20, 50, 100, 250, 500] as const;
const LARGEST = 500;
const TENTH = 50;
const FUNCTIONS = ['FireLensMacroFunction', 'FireLensHookFunction'] as const;

const args = new Set(process.argv.slice(2));
const check = args.has('--check');
const quick = args.has('--quick');
const options = quick ? QUICK : FULL;
const processRuns = quick ? 3 : 15;
const lintRuns = quick ? 2 : 7;
const root = process.cwd();
const outDir = process.env['BENCH_OUT'] ?? join(root, '.bench');
const bundles = JSON.parse(process.env['BENCH_FUNCTIONS'] ?? '{}') as Record<string, string>;

interface SizeResult {
  readonly generated: GeneratedTemplate;
  readonly fragment: JsonObject;
  readonly inputBytes: number;
  readonly expandedBytes: number;
  readonly jsonInput: Samples;
  readonly expansion: Samples;
  readonly jsonExpanded: Samples;
  readonly lint: Samples;
}

const progress = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

/** The fragment the macro receives: the template without the macro's own Transform entry. */
const fragmentOf = (template: JsonObject): JsonObject => Object.fromEntries(Object.entries(template).filter(([key]) => key !== 'Transform'));

/** Expansion must succeed, leave its input untouched, and produce a template without error findings. */
const expandChecked = (fragment: JsonObject, text: string, size: number): JsonObject => {
  const result = expandAndCheck(fragment);
  if (!result.ok) {
    throw new Error(`the generated ${String(size)}-resource template does not expand: ${JSON.stringify(result.problems.slice(0, 3))}`);
  }
  if (JSON.stringify(fragment) !== text) {
    throw new Error('expandAndCheck changed its input: the bench would time different work on each run');
  }
  const resources = Object.keys(result.fragment['Resources'] as JsonObject).length;
  if (resources !== size) {
    throw new Error(`the generated template expands to ${String(resources)} resources, not ${String(size)}`);
  }
  const errors = lintTemplate(result.fragment).filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`the expansion of the ${String(size)}-resource template has error findings: ${errors.map((f) => f.ruleId).join(', ')}`);
  }
  return result.fragment;
};

const measureSize = (size: number): SizeResult => {
  const generated = generateTemplate(size);
  const fragment = fragmentOf(generated.template);
  const text = JSON.stringify(fragment);
  const expanded = expandChecked(fragment, text, size);
  const expandedText = JSON.stringify(expanded);
  collectGarbage();
  const { baseline: jsonInput, subject: expansion } = measurePair(() => JSON.stringify(JSON.parse(text)), () => expandAndCheck(fragment), options);
  const { baseline: jsonExpanded, subject: lint } = measurePair(() => JSON.stringify(JSON.parse(expandedText)), () => lintTemplate(expanded), options);
  return { generated, fragment, inputBytes: Buffer.byteLength(text), expandedBytes: Buffer.byteLength(expandedText), jsonInput, expansion, jsonExpanded, lint };
};

const macroEvent = (fragment: JsonObject): JsonObject => ({
  region: 'us-east-1',
  accountId: '123456789012',
  fragment,
  transformId: '123456789012::FireLensMacro',
  params: {},
  requestId: '00000000-0000-4000-8000-000000000000',
  templateParameterValues: { VpcId: 'vpc-0123456789abcdef0', SubnetIds: ['subnet-0123456789abcdef0'] },
});

const measureMacroHandler = (fragment: JsonObject): Samples => {
  const event = macroEvent(fragment);
  const first = quietlySync(() => expandMacroEvent(event));
  if (first.status !== 'success') {
    throw new Error(`expandMacroEvent refused the generated template: ${first.errorMessage ?? ''}`);
  }
  return measure(() => quietlySync(() => expandMacroEvent(event)), options);
};

const yamlOf = (template: JsonObject): string => stringify(template, { aliasDuplicateObjects: false, lineWidth: 0 });

/** The machine, and its load average when the run started: other processes' work shows in every timing. */
const machine = (): string => {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg()[0] ?? 0;
  return `node ${process.version}, ${process.platform}/${process.arch}, ${String(cpus().length)} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, load average ${load.toFixed(2)} at start${quick ? ', --quick (indicative only)' : ''}`;
};

const bundlePath = (id: string): string => {
  const path = bundles[id];
  if (path === undefined) {
    throw new Error(`no bundle for ${id}: run the bench through bench/run.mjs (npm run bench)`);
  }
  return path;
};

const main = async (): Promise<number> => {
  const machineLine = machine();
  mkdirSync(join(outDir, 'templates'), { recursive: true });
  const results = new Map<number, SizeResult>();
  for (const size of SIZES) {
    progress(`expansion and lint at ${String(size)} resources`);
    results.set(size, measureSize(size));
  }
  const largest = results.get(LARGEST);
  const tenth = results.get(TENTH);
  if (largest === undefined || tenth === undefined) {
    throw new Error('SIZES must hold LARGEST and TENTH');
  }

  progress('macro handler (expandMacroEvent) at the largest size');
  const macroHandler = measureMacroHandler(largest.fragment);

  progress('hook: resource and stack targets');
  const expanded = expandAndCheck(largest.fragment);
  // The generator's first block: a Fargate service whose task definition the macro expanded.
  const taskId = 'Api1Task';
  const task = expanded.ok ? (expanded.fragment['Resources'] as JsonObject)[taskId] : undefined;
  if (task === undefined || task === null || typeof task !== 'object' || Array.isArray(task)) {
    throw new Error(`${taskId} is missing from the largest expansion`);
  }
  const hookResource = await measureHook(resourceEvent(root, taskId, task['Properties'] as JsonObject), options);
  const yamlText = yamlOf(largest.generated.template);
  const server = await servePayload(JSON.stringify({ template: yamlText, previousTemplate: '' }));
  const hookStack = await measureHook(stackEvent(root, server.url), options).finally(() => server.close());

  progress('firelens lint as a process');
  const yamlPath = join(outDir, 'templates', `template-${String(LARGEST)}.yaml`);
  writeFileSync(yamlPath, yamlText);
  const lintProcess = measureLintProcess(root, yamlPath, lintRuns);

  progress('bundles: size and cold import');
  const bare = measureBareNode(processRuns, root);
  const imports = FUNCTIONS.map((id) => ({ id, bytes: statSync(bundlePath(id)).size, ...measureColdImport(bundlePath(id), processRuns) }));

  progress('peak memory of the largest expansion');
  const eventPath = join(outDir, 'templates', `macro-event-${String(LARGEST)}.json`);
  writeFileSync(eventPath, JSON.stringify(macroEvent(largest.fragment)));
  const peaks = Array.from({ length: quick ? 1 : 3 }, () => measurePeakMemory(bundlePath('FireLensMacroFunction'), eventPath));
  if (peaks.some((p) => p.status !== 'success')) {
    throw new Error('the macro bundle refused the largest template');
  }
  const peak = Math.max(...peaks.map((p) => p.maxRssBytes));
  const peakAfterImport = Math.max(...peaks.map((p) => p.afterImportBytes));

  const growth = (pick: (r: SizeResult) => Samples): number => pick(largest).median / pick(tenth).median;
  const templateCell = (r: SizeResult, bytes: number): string => `${String(r.generated.resources)} res, ${kib(bytes)}`;
  const rows: string[][] = [];
  for (const r of results.values()) {
    rows.push(['expansion (expandAndCheck)', templateCell(r, r.inputBytes), ms(r.expansion.median), ms(r.expansion.p95), ms(r.jsonInput.median), ratio(r.expansion.median / r.jsonInput.median)]);
  }
  rows.push(['macro handler (expandMacroEvent)', templateCell(largest, largest.inputBytes), ms(macroHandler.median), ms(macroHandler.p95), ms(largest.jsonInput.median), ratio(macroHandler.median / largest.jsonInput.median)]);
  for (const r of results.values()) {
    rows.push(['lint (lintTemplate of the expansion)', templateCell(r, r.expandedBytes), ms(r.lint.median), ms(r.lint.p95), ms(r.jsonExpanded.median), ratio(r.lint.median / r.jsonExpanded.median)]);
  }
  rows.push(
    [`growth ${String(LARGEST)} / ${String(TENTH)}: expansion`, '', ratio(growth((r) => r.expansion)), '', ratio(growth((r) => r.jsonInput)), ''],
    [`growth ${String(LARGEST)} / ${String(TENTH)}: lint`, '', ratio(growth((r) => r.lint)), '', ratio(growth((r) => r.jsonExpanded)), ''],
    ['hook, RESOURCE target (one task definition)', '1 res', ms(hookResource.median), ms(hookResource.p95), '', ''],
    ['hook, STACK target (YAML payload over loopback HTTP)', templateCell(largest, Buffer.byteLength(yamlText)), ms(hookStack.median), ms(hookStack.p95), '', ''],
    ['`firelens lint` process (YAML file)', templateCell(largest, Buffer.byteLength(yamlText)), ms(lintProcess.median), ms(lintProcess.p95), '', ''],
    ['bare `node -e ""` process', '', ms(bare.median), ms(bare.p95), '', ''],
  );
  for (const b of imports) {
    rows.push([`${b.id}: bundle ${kib(b.bytes)}, cold import`, '', ms(b.importMs.median), ms(b.importMs.p95), '', '']);
    rows.push([`${b.id}: whole \`node -e "require(bundle)"\``, '', ms(b.processMs.median), ms(b.processMs.p95), '', '']);
  }
  rows.push([`peak memory (max RSS), macro on the largest (${mib(peakAfterImport)} after import)`, templateCell(largest, largest.inputBytes), mib(peak), '', '', '']);

  const inputs: BudgetInputs = {
    expansionRatio: largest.expansion.median / largest.jsonInput.median,
    lintRatio: largest.lint.median / largest.jsonExpanded.median,
    expansionGrowth: growth((r) => r.expansion),
    lintGrowth: growth((r) => r.lint),
    macroBundleBytes: imports.find((b) => b.id === 'FireLensMacroFunction')?.bytes ?? Number.NaN,
    coldImportMs: Object.fromEntries(imports.map((b) => [b.id, b.importMs.median])),
    peakMemoryBytes: peak,
  };
  const budgets = budgetsOf(inputs);

  const out = [
    `Machine: ${machineLine}`,
    `Timings in ms (median and p95 of ${quick ? 'a few' : `≥ ${String(options.minRuns)}`} warm runs; processes: ${String(processRuns)} runs, lint process ${String(lintRuns)}).`,
    '',
    renderTable(['Measure', 'Template', 'Median', 'p95', 'JSON baseline', 'vs JSON'], rows, new Set([2, 3, 4, 5])),
    '',
    'Budgets:',
    ...budgets.map((b) => `  ${describeBudget(b)}`),
    '',
  ].join('\n');
  process.stdout.write(out);
  const missed = budgets.filter((b) => !withinBudget(b));
  if (check && missed.length > 0) {
    process.stderr.write(`bench --check: ${String(missed.length)} budget(s) missed:\n${missed.map((b) => `  ${describeBudget(b)}\n`).join('')}`);
    return 1;
  }
  return 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
