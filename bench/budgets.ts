/** The budgets of issues #5 and #11, checked by `npm run bench -- --check` (never in unit tests: timing is not a test). */

export interface Budget {
  readonly name: string;
  /** The measured value, in `unit`. */
  readonly value: number;
  readonly limit: number;
  /** `below`: value < limit; `atMost`: value ≤ limit. */
  readonly kind: 'below' | 'atMost';
  readonly unit: string;
}

export interface BudgetInputs {
  readonly expansionRatio: number;
  readonly lintRatio: number;
  readonly expansionGrowth: number;
  readonly lintGrowth: number;
  readonly macroBundleBytes: number;
  readonly coldImportMs: Readonly<Record<string, number>>;
  readonly peakMemoryBytes: number;
  /** `firelens lint` process over bare `node -e 0`, by "<resources> res, JSON|YAML". */
  readonly lintProcessRatios: Readonly<Record<string, number>>;
  readonly hookStackJsonRatio: number;
  /** The slowest run of each hostile input, by label ("CLI: …", "hook: …"). */
  readonly hostileMs: Readonly<Record<string, number>>;
}

/** #11: the lint process, JSON or YAML, at about 400 resources within 2.5× a bare Node, at 30 within 1.8×. */
const LINT_PROCESS_LIMITS: Readonly<Record<string, number>> = {
  '30 res, JSON': 1.8,
  '30 res, YAML': 1.8,
  '400 res, JSON': 2.5,
  '400 res, YAML': 2.5,
};

const KIB = 1024;
const MIB = 1024 * 1024;

export const budgetsOf = (m: BudgetInputs): Budget[] => [
  { name: 'expansion at the largest size, × JSON baseline', value: m.expansionRatio, limit: 5, kind: 'atMost', unit: '×' },
  { name: 'lint at the largest size, × JSON baseline', value: m.lintRatio, limit: 5, kind: 'atMost', unit: '×' },
  { name: 'expansion growth (largest / one tenth)', value: m.expansionGrowth, limit: 12, kind: 'below', unit: '' },
  { name: 'lint growth (largest / one tenth)', value: m.lintGrowth, limit: 12, kind: 'below', unit: '' },
  { name: 'macro bundle (minified)', value: m.macroBundleBytes / KIB, limit: 250, kind: 'below', unit: 'KiB' },
  ...Object.entries(m.coldImportMs).map(([fn, ms]): Budget => ({
    name: `cold import of ${fn}`,
    value: ms,
    limit: 150,
    kind: 'below',
    unit: 'ms',
  })),
  { name: 'peak memory of the largest expansion (max RSS)', value: m.peakMemoryBytes / MIB, limit: 128, kind: 'below', unit: 'MiB' },
  ...Object.entries(LINT_PROCESS_LIMITS).map(([label, limit]): Budget => ({
    name: `firelens lint process, ${label}, × bare node`,
    value: m.lintProcessRatios[label] ?? Number.NaN,
    limit,
    kind: 'atMost',
    unit: '×',
  })),
  {
    name: 'hook STACK target at the largest size (JSON), × JSON baseline',
    value: m.hookStackJsonRatio,
    limit: 10,
    kind: 'atMost',
    unit: '×',
  },
  ...Object.entries(m.hostileMs).map(([label, ms]): Budget => ({
    name: `hostile input answered, ${label}`,
    value: ms,
    limit: 1000,
    kind: 'atMost',
    unit: 'ms',
  })),
];

export const withinBudget = (b: Budget): boolean => (b.kind === 'below' ? b.value < b.limit : b.value <= b.limit);

const show = (value: number, unit: string): string =>
  `${value.toFixed(value < 20 ? 2 : 1)}${unit === '×' || unit === '' ? unit : ` ${unit}`}`;

export const describeBudget = (b: Budget): string =>
  `${withinBudget(b) ? 'ok  ' : 'MISS'} ${b.name}: ${show(b.value, b.unit)} (budget ${b.kind === 'below' ? '<' : '≤'} ${show(b.limit, b.unit)})`;
