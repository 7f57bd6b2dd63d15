/**
 * Findings of one template linted in several scenarios, merged: a finding every scenario has is reported
 * once, as it is; one that only some scenarios have says when it holds ("… (when condition UseSidecar is
 * true)"), naming the fewest conditions and parameter values that set those scenarios apart.
 */
import { pathString } from '../template/locator';
import type { Assumption, Scenario } from '../template/scenarios';
import { boundFindingMessage } from './engine';
import type { Finding } from './types';

const describeAssumption = (assumption: Assumption): string =>
  assumption.kind === 'condition'
    ? `condition ${assumption.name} is ${String(assumption.value)}`
    : `parameter ${assumption.name} is ${typeof assumption.value === 'string' ? assumption.value : JSON.stringify(assumption.value)}`;

const valueKey = (scenario: Scenario, index: number): string => JSON.stringify(scenario.assumptions[index]?.value ?? null);

/** Assumption indices, the conditions named in `preferred` first (in that order), then the rest in order. */
const preferredFirst = (scenario: Scenario | undefined, preferred: readonly string[]): number[] => {
  const assumptions = scenario?.assumptions ?? [];
  const rank = (index: number): number => {
    const assumption = assumptions[index];
    const at = assumption?.kind === 'condition' ? preferred.indexOf(assumption.name) : -1;
    return at === -1 ? preferred.length : at;
  };
  return [...assumptions.keys()].sort((a, b) => rank(a) - rank(b) || a - b);
};

/** At most this many scenarios are spelled out when no single conjunction describes where a finding holds. */
const LISTED_SCENARIOS = 3;

/**
 * The fewest assumptions shared by the scenarios that have the finding and ruling out those that do not;
 * when no conjunction does, the first few scenarios that have it, each in full.
 */
const describeWhen = (scenarios: readonly Scenario[], having: ReadonlySet<number>, preferred: readonly string[] = []): string => {
  const included = scenarios.filter((_, i) => having.has(i));
  let excluded = scenarios.filter((_, i) => !having.has(i));
  const first = included[0];
  const width = first?.assumptions.length ?? 0;
  const chosen: number[] = [];
  for (const index of preferredFirst(first, preferred)) {
    if (excluded.length === 0) {
      break;
    }
    const value = first === undefined ? '' : valueKey(first, index);
    if (!included.every((s) => valueKey(s, index) === value)) {
      continue;
    }
    const remaining = excluded.filter((s) => valueKey(s, index) === value);
    if (remaining.length < excluded.length) {
      chosen.push(index);
      excluded = remaining;
    }
  }
  if (excluded.length === 0) {
    chosen.sort((a, b) => a - b);
    return chosen.map((index) => describeAssumption(first?.assumptions[index] as Assumption)).join(' and ');
  }
  const varying = [...Array(width).keys()].filter((index) =>
    scenarios.some((s) => valueKey(s, index) !== valueKey(scenarios[0] as Scenario, index)),
  );
  const listed = included
    .slice(0, LISTED_SCENARIOS)
    .map((s) => varying.map((index) => describeAssumption(s.assumptions[index] as Assumption)).join(' and '));
  const more = included.length - listed.length;
  return `${listed.join(', or ')}${more > 0 ? `, or ${String(more)} other scenario${more === 1 ? '' : 's'}` : ''}`;
};

/**
 * `perScenario[i]` are the findings of `scenarios[i]`, at the user's paths; `preferred` gives the conditions a
 * finding's description names first (those of the `Fn::If`s on its path).
 */
export const mergeScenarioFindings = (
  scenarios: readonly Scenario[],
  perScenario: readonly (readonly Finding[])[],
  preferred: (finding: Finding) => readonly string[],
): Finding[] => {
  const merged = new Map<string, { finding: Finding; having: Set<number> }>();
  perScenario.forEach((findings, scenario) => {
    // The n-th identical finding of a scenario merges with the n-th of the others, so repeats are kept.
    const occurrences = new Map<string, number>();
    for (const finding of findings) {
      const base = `${finding.ruleId}\u0000${pathString(finding.path)}\u0000${finding.message}`;
      const n = occurrences.get(base) ?? 0;
      occurrences.set(base, n + 1);
      const key = `${base}\u0000${String(n)}`;
      const entry = merged.get(key);
      if (entry === undefined) {
        merged.set(key, { finding, having: new Set([scenario]) });
      } else {
        entry.having.add(scenario);
      }
    }
  });
  return [...merged.values()].map(({ finding, having }) =>
    having.size === scenarios.length
      ? finding
      : { ...finding, message: boundFindingMessage(`${finding.message} (when ${describeWhen(scenarios, having, preferred(finding))})`) },
  );
};
