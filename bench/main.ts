/**
 * `npm run bench [-- --check] [--quick] [--cfn-lint]`: bench/run.mjs bundles this file and runs it with
 * `node --expose-gc`. Prints one table (BENCHMARKS.md explains every row) and the budget verdicts;
 * with --check, exits 1 when a budget is missed.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import { stringify } from 'yaml';

import { expandMacroEvent } from '../functions/macro/handler';
import { refusal, runPipeline } from '../functions/shared/pipeline';
import { lintTemplate } from '../functions/shared/rules/lint';
import type { JsonObject } from '../functions/shared/template/intrinsics';
import { type BudgetInputs, budgetsOf, describeBudget, withinBudget } from './budgets';
import { measureCfnLint, measureHostile, measureLintProcesses } from './cli-and-hostile';
import { type GeneratedTemplate, generateTemplate } from './generate';
import { measureHook, resourceEvent, servePayload, stackEvent } from './hook';
import { FULL, measureRounds, QUICK, type Samples } from './measure';
import { measureBareNode, measureColdImport, measurePeakMemory } from './processes';
import { quietlySync } from './quiet';
import { kib, mib, ms, ratio, renderTable } from './table';

/** Resources after expansion. The growth ratio compares the last size with the one a tenth of it. */
const SIZES = [20, 50, 100, 250, 500] as const;
const LARGEST = 500;
const TENTH = 50;
const FUNCTIONS = ['FireLensMacroFunction', 'FireLensHookFunction'] as const;
/** Resources of the expanded templates `firelens lint` runs on as a process (#11: about 30 and 400). */
const CLI_SIZES = [30, 400] as const;

const args = new Set(process.argv.slice(2));
const check = args.has('--check');
const quick = args.has('--quick');
const options = quick ? QUICK : FULL;
const processRuns = quick ? 3 : 15;
const lintRuns = quick ? 2 : 7;
const root = process.cwd();
const outDir = process.env['BENCH_OUT'] ?? join(root, '.bench');
const bundles = JSON.parse(process.env['BENCH_FUNCTIONS'] ?? '{}') as Record<string, string>;

interface Prepared {
  readonly size: number;
  readonly generated: GeneratedTemplate;
  readonly fragment: JsonObject;
  readonly text: string;
  readonly expanded: JsonObject;
  readonly expandedText: string;
}

interface SizeResult extends Prepared {
  readonly jsonInput: Samples;
  readonly expansion: Samples;
  readonly jsonExpanded: Samples;
  readonly lint: Samples;
}

const progress = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

/** The fragment the macro receives: the template without the macro's own Transform entry. */
const fragmentOf = (template: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(template).filter(([key]) => key !== 'Transform'));

/** Expansion must succeed, leave its input untouched, and produce a template without error findings. */
const expandChecked = (fragment: JsonObject, text: string, size: number): JsonObject => {
  const result = expandFragmentChecked(fragment);
  const problems = refusal(result);
  if (result.prepared.stage !== 'expanded' || problems.length > 0) {
    throw new Error(`the generated ${String(size)}-resource template does not expand: ${JSON.stringify(problems.slice(0, 3))}`);
  }
  if (JSON.stringify(fragment) !== text) {
    throw new Error('the pipeline changed its input: the bench would time different work on each run');
  }
  const output = result.prepared.output;
  const resources = Object.keys(output['Resources'] as JsonObject).length;
  if (resources !== size) {
    throw new Error(`the generated template expands to ${String(resources)} resources, not ${String(size)}`);
  }
  return output;
};

/** What the macro runs on a fragment: the pipeline's expansion and the rules over its output. */
const expandFragmentChecked = (fragment: JsonObject) => runPipeline({ template: fragment }, { expand: 'fragment' });

const prepare = (size: number): Prepared => {
  const generated = generateTemplate(size);
  const fragment = fragmentOf(generated.template);
  const text = JSON.stringify(fragment);
  const expanded = expandChecked(fragment, text, size);
  return { size, generated, fragment, text, expanded, expandedText: JSON.stringify(expanded) };
};

/**
 * Every size's expansion and its JSON baseline in the same rounds (plus the macro handler at the largest
 * size), then every size's lint and its baseline: ratios and growth compare series that ran side by side.
 */
const measureSizes = (prepared: readonly Prepared[], largest: Prepared): { results: SizeResult[]; macroHandler: Samples } => {
  const event = macroEvent(largest.fragment);
  const first = quietlySync(() => expandMacroEvent(event));
  if (first.status !== 'success') {
    throw new Error(`expandMacroEvent refused the generated template: ${first.errorMessage ?? ''}`);
  }
  progress(`expansion at ${prepared.map((p) => String(p.size)).join(', ')} resources, and the macro handler at ${String(largest.size)}`);
  const expansionSeries = measureRounds(
    [
      ...prepared.flatMap((p) => [() => JSON.stringify(JSON.parse(p.text)), () => expandFragmentChecked(p.fragment)]),
      () => quietlySync(() => expandMacroEvent(event)),
    ],
    options,
  );
  progress(`lint at ${prepared.map((p) => String(p.size)).join(', ')} resources`);
  const lintSeries = measureRounds(
    prepared.flatMap((p) => [() => JSON.stringify(JSON.parse(p.expandedText)), () => lintTemplate(p.expanded)]),
    options,
  );
  const at = (series: readonly Samples[], i: number): Samples => {
    const samples = series[i];
    if (samples === undefined) {
      throw new Error(`no series ${String(i)}`);
    }
    return samples;
  };
  const results = prepared.map((p, i) => ({
    ...p,
    jsonInput: at(expansionSeries, 2 * i),
    expansion: at(expansionSeries, 2 * i + 1),
    jsonExpanded: at(lintSeries, 2 * i),
    lint: at(lintSeries, 2 * i + 1),
  }));
  return { results, macroHandler: at(expansionSeries, 2 * prepared.length) };
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
  const loadAtStart = loadavg()[0] ?? 0;
  const busy = loadAtStart > cpus().length / 2;
  mkdirSync(join(outDir, 'templates'), { recursive: true });
  progress('generating templates and checking that they expand');
  const prepared = SIZES.map(prepare);
  const largestPrepared = prepared.find((p) => p.size === LARGEST);
  if (largestPrepared === undefined) {
    throw new Error('SIZES must hold LARGEST');
  }
  const { results, macroHandler } = measureSizes(prepared, largestPrepared);
  const largest = results.find((r) => r.size === LARGEST);
  const tenth = results.find((r) => r.size === TENTH);
  if (largest === undefined || tenth === undefined) {
    throw new Error('SIZES must hold LARGEST and TENTH');
  }

  progress('hook: resource and stack targets');
  // The generator's first block: a Fargate service whose task definition the macro expanded.
  const taskId = 'Api1Task';
  const task = (largest.expanded['Resources'] as JsonObject)[taskId];
  if (task === undefined || task === null || typeof task !== 'object' || Array.isArray(task)) {
    throw new Error(`${taskId} is missing from the largest expansion`);
  }
  const hookResource = await measureHook(resourceEvent(root, taskId, task['Properties'] as JsonObject), options);
  const yamlText = yamlOf(largest.generated.template);
  const server = await servePayload(JSON.stringify({ template: yamlText, previousTemplate: '' }));
  const hookStack = await measureHook(stackEvent(root, server.url), options).finally(() => server.close());
  // The same template as JSON text, and the JSON baseline of that text in the same run.
  const jsonText = JSON.stringify(largest.generated.template);
  const [jsonPayloadBaseline] = measureRounds([() => JSON.stringify(JSON.parse(jsonText))], options);
  const jsonServer = await servePayload(JSON.stringify({ template: jsonText, previousTemplate: '' }));
  const hookStackJson = await measureHook(stackEvent(root, jsonServer.url), options).finally(() => jsonServer.close());

  progress('firelens lint as a process, beside a bare node -e 0');
  const lintProcesses = measureLintProcesses(
    root,
    outDir,
    CLI_SIZES.map((size) => ({ resources: size, template: prepare(size).expanded })),
    lintRuns,
  );
  const withCfnLint = args.has('--cfn-lint');
  if (withCfnLint) {
    progress('cfn-lint on the same files');
  }
  const cfnLint = withCfnLint ? measureCfnLint(root, lintProcesses, 3) : [];
  progress('hostile inputs');
  const hostile = await measureHostile(root, outDir, yamlText, quick ? 1 : 3);

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
  for (const r of results) {
    rows.push([
      'expansion (pipeline, fragment)',
      templateCell(r, Buffer.byteLength(r.text)),
      ms(r.expansion.median),
      ms(r.expansion.p95),
      ms(r.jsonInput.median),
      ratio(r.expansion.median / r.jsonInput.median),
    ]);
  }
  rows.push([
    'macro handler (expandMacroEvent)',
    templateCell(largest, Buffer.byteLength(largest.text)),
    ms(macroHandler.median),
    ms(macroHandler.p95),
    ms(largest.jsonInput.median),
    ratio(macroHandler.median / largest.jsonInput.median),
  ]);
  for (const r of results) {
    rows.push([
      'lint (lintTemplate of the expansion)',
      templateCell(r, Buffer.byteLength(r.expandedText)),
      ms(r.lint.median),
      ms(r.lint.p95),
      ms(r.jsonExpanded.median),
      ratio(r.lint.median / r.jsonExpanded.median),
    ]);
  }
  rows.push(
    [
      `growth ${String(LARGEST)} / ${String(TENTH)}: expansion`,
      '',
      ratio(growth((r) => r.expansion)),
      '',
      ratio(growth((r) => r.jsonInput)),
      '',
    ],
    [`growth ${String(LARGEST)} / ${String(TENTH)}: lint`, '', ratio(growth((r) => r.lint)), '', ratio(growth((r) => r.jsonExpanded)), ''],
    ['hook, RESOURCE target (one task definition)', '1 res', ms(hookResource.median), ms(hookResource.p95), '', ''],
    [
      'hook, STACK target (YAML payload over loopback HTTP)',
      templateCell(largest, Buffer.byteLength(yamlText)),
      ms(hookStack.median),
      ms(hookStack.p95),
      '',
      '',
    ],
    [
      'hook, STACK target (JSON payload over loopback HTTP)',
      templateCell(largest, Buffer.byteLength(jsonText)),
      ms(hookStackJson.median),
      ms(hookStackJson.p95),
      ms(jsonPayloadBaseline?.median ?? Number.NaN),
      ratio(hookStackJson.median / (jsonPayloadBaseline?.median ?? Number.NaN)),
    ],
    ...lintProcesses.map((p) => [
      `\`firelens lint\` process (expanded template), × bare \`node -e 0\``,
      `${p.label}, ${kib(p.bytes)}`,
      ms(p.lint.median),
      ms(p.lint.p95),
      ms(p.bare.median),
      ratio(p.lint.median / p.bare.median),
    ]),
    ...lintProcesses.map((p) => [`the same, first run: no code cache yet (it writes one)`, p.label, ms(p.firstMs), '', '', '']),
    ...cfnLint.map((c) => [
      `${c.version} process on the same file (baseline column: \`firelens lint\`; ratio: times faster)`,
      c.label,
      ms(c.cfnLint.median),
      ms(c.cfnLint.p95),
      ms(c.firelens.median),
      ratio(c.cfnLint.median / c.firelens.median),
    ]),
    ['bare `node -e ""` process', '', ms(bare.median), ms(bare.p95), '', ''],
    ...hostile.map((h) => [`hostile, ${h.label} → ${h.answer}`, '', ms(h.ms.median), ms(h.ms.p95), '', '']),
  );
  for (const b of imports) {
    rows.push([`${b.id}: bundle ${kib(b.bytes)}, cold import`, '', ms(b.importMs.median), ms(b.importMs.p95), '', '']);
    rows.push([`${b.id}: whole \`node -e "require(bundle)"\``, '', ms(b.processMs.median), ms(b.processMs.p95), '', '']);
  }
  rows.push([
    `peak memory (max RSS), macro on the largest (${mib(peakAfterImport)} after import)`,
    templateCell(largest, Buffer.byteLength(largest.text)),
    mib(peak),
    '',
    '',
    '',
  ]);

  const inputs: BudgetInputs = {
    expansionRatio: largest.expansion.median / largest.jsonInput.median,
    lintRatio: largest.lint.median / largest.jsonExpanded.median,
    expansionGrowth: growth((r) => r.expansion),
    lintGrowth: growth((r) => r.lint),
    macroBundleBytes: imports.find((b) => b.id === 'FireLensMacroFunction')?.bytes ?? Number.NaN,
    coldImportMs: Object.fromEntries(imports.map((b) => [b.id, b.importMs.median])),
    peakMemoryBytes: peak,
    lintProcessRatios: Object.fromEntries(lintProcesses.map((p) => [p.label, p.lint.median / p.bare.median])),
    hookStackJsonRatio: hookStackJson.median / (jsonPayloadBaseline?.median ?? Number.NaN),
    hostileMs: Object.fromEntries(hostile.map((h) => [h.label, h.ms.ms.at(-1) ?? Number.NaN])),
  };
  const budgets = budgetsOf(inputs);

  const out = [
    `Machine: ${machineLine}`,
    `Timings in ms: median and p95 of warm runs (expansion and lint: rounds that run every series once, ≥ ${String(options.minRuns)} rounds and ≥ ${String(options.minMs / 1000)} s per group); fresh processes: ${String(processRuns)} runs each, lint process ${String(lintRuns)}.`,
    '',
    renderTable(['Measure', 'Template', 'Median', 'p95', 'JSON baseline', 'vs JSON'], rows, new Set([2, 3, 4, 5])),
    '',
    'Budgets:',
    ...budgets.map((b) => `  ${describeBudget(b)}`),
    ...(busy
      ? [
          '',
          `The machine was busy (load average ${loadAtStart.toFixed(2)} on ${String(cpus().length)} CPUs): other processes preempt long calls more often than short ones, which inflates the largest sizes and the growth ratios. Rerun on a quiet machine.`,
        ]
      : []),
    '',
  ].join('\n');
  process.stdout.write(out);
  const missed = budgets.filter((b) => !withinBudget(b));
  if (check && missed.length > 0) {
    process.stderr.write(
      `bench --check: ${String(missed.length)} budget(s) missed:\n${missed.map((b) => `  ${describeBudget(b)}\n`).join('')}`,
    );
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
