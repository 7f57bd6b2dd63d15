/**
 * RuleTester-style table runner (ESLint's idea over cfn-lint's good/bad fixture folders): each valid
 * fixture yields nothing from the rule; each invalid fixture yields exactly the listed findings,
 * pinned to id, path, line and column, with the message matched by a stable fragment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runRulesOverScenarios } from '../../functions/shared/rules/lint';
import type { Finding, Rule, RuleOptions } from '../../functions/shared/rules/types';
import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../functions/shared/template/load';

export const TEMPLATES_DIR = join(__dirname, '..', 'fixtures', 'templates');

/** Every shared good template (`good/*.yaml`): a rule's valid cases unless it has a reason to differ. */
export const GOOD_TEMPLATES: readonly string[] = readdirSync(join(TEMPLATES_DIR, 'good'))
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => `good/${name}`);

export interface ExpectedFinding {
  readonly ruleId: string;
  readonly path: readonly (string | number)[];
  readonly line: number;
  readonly column: number;
  /** A stable fragment of the message. */
  readonly message: string;
  /** Set for a rule's informational "cannot check" findings; otherwise the rule's own severity. */
  readonly severity?: 'informational';
}

export interface InvalidCase {
  /** Relative to test/fixtures/templates, e.g. `bad/FL1001/driver-without-router.yaml`. */
  readonly fixture: string;
  readonly findings: readonly ExpectedFinding[];
  readonly ruleOptions?: Partial<RuleOptions>;
  readonly externalTaskDefinitions?: ReadonlyMap<string, JsonObject>;
}

export interface ValidCase {
  readonly fixture: string;
  readonly ruleOptions?: Partial<RuleOptions>;
}

export interface RuleTests {
  readonly valid: readonly (string | ValidCase)[];
  readonly invalid: readonly InvalidCase[];
}

export const readFixture = (fixture: string): string => readFileSync(join(TEMPLATES_DIR, fixture), 'utf8');

const lintFixtureWith = (
  rule: Rule,
  fixture: string,
  options: { ruleOptions?: Partial<RuleOptions>; externalTaskDefinitions?: ReadonlyMap<string, JsonObject> } = {},
): Finding[] => {
  const { template, locator } = loadTemplate(readFixture(fixture));
  // Through the scenarios, as every entry point runs the rules: each Fn::If branch, each allowed parameter value.
  return runRulesOverScenarios([rule], template, {
    locator,
    filename: fixture,
    ruleOptions: options.ruleOptions,
    externalTaskDefinitions: options.externalTaskDefinitions,
  });
};

const shape = (f: Finding | ExpectedFinding): Omit<ExpectedFinding, 'message'> =>
  'location' in f
    ? { ruleId: f.ruleId, path: [...f.path], line: f.location?.line ?? -1, column: f.location?.column ?? -1 }
    : { ruleId: f.ruleId, path: [...f.path], line: f.line, column: f.column };

export const ruleTester = (rule: Rule, tests: RuleTests): void => {
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
    it.each(tests.valid.map((v) => (typeof v === 'string' ? { fixture: v } : v)))('finds nothing in $fixture', (valid) => {
      expect(lintFixtureWith(rule, valid.fixture, valid)).toEqual([]);
    });

    it.each(tests.invalid)('reports exactly the expected findings in $fixture', (invalid) => {
      // Act
      const findings = lintFixtureWith(rule, invalid.fixture, invalid);

      // Assert
      expect(findings.map(shape)).toEqual(invalid.findings.map(shape));
      findings.forEach((finding, i) => {
        expect(finding.message).toContain(invalid.findings[i]?.message ?? '\u0000missing expectation');
        expect(finding.severity).toBe(invalid.findings[i]?.severity ?? rule.meta.severity);
      });
    });
  });
};
