/** The budgets of issue #5, checked by `npm run bench -- --check` (never in unit tests: timing is not a test). */

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
}

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
];

export const withinBudget = (b: Budget): boolean => (b.kind === 'below' ? b.value < b.limit : b.value <= b.limit);

const show = (value: number, unit: string): string =>
  `${value.toFixed(value < 20 ? 2 : 1)}${unit === '×' || unit === '' ? unit : ` ${unit}`}`;

export const describeBudget = (b: Budget): string =>
  `${withinBudget(b) ? 'ok  ' : 'MISS'} ${b.name}: ${show(b.value, b.unit)} (budget ${b.kind === 'below' ? '<' : '≤'} ${show(b.limit, b.unit)})`;
