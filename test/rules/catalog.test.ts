import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { catalog } from '../../functions/shared/rules/catalog';
import { metaProblems } from '../../functions/shared/rules/define-rule';
import { renderRuleOptionsTable, renderRulesTable } from '../../functions/shared/rules/format/rules-table';
import { lintTemplate } from '../../functions/shared/rules/lint';
import { loadTemplate } from '../../functions/shared/template/load';
import { readFixture, TEMPLATES_DIR } from '../helpers/rule-tester';

const ROOT = join(__dirname, '..', '..');
const CATALOG_DIR = join(ROOT, 'functions', 'shared', 'rules', 'catalog');
const ruleFiles = readdirSync(CATALOG_DIR).filter((f) => /^fl\d{4}-.*\.ts$/.test(f));
const goodFixtures = readdirSync(join(TEMPLATES_DIR, 'good')).filter((f) => f.endsWith('.yaml'));

describe('rule catalogue', () => {
  it('has unique ids', () => {
    const ids = catalog.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is sorted by id', () => {
    const ids = catalog.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('registers every rule file exactly once, under the id and name of its file', () => {
    const expected = ruleFiles.map((f) => f.replace(/\.ts$/, '')).sort();
    const actual = catalog.map((r) => `${r.meta.id.toLowerCase()}-${r.meta.name}`).sort();
    expect(actual).toEqual(expected);
  });

  it.each(catalog.map((r) => [r.meta.id, r] as const))('%s has well-formed metadata', (_id, rule) => {
    expect(metaProblems(rule.meta)).toEqual([]);
    expect(rule.meta.summary).toMatch(/^Checks that [^\n]*[^.]$/);
    expect(['error', 'warning', 'informational']).toContain(rule.meta.severity);
    expect(rule.meta.docsUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/AmazonECS\//);
  });

  it.each(catalog.map((r) => [r.meta.id, r] as const))('%s has a test file and a bad fixture folder', (id, rule) => {
    const base = `${id.toLowerCase()}-${rule.meta.name}`;
    expect(existsSync(join(ROOT, 'test', 'rules', `${base}.test.ts`))).toBe(true);
    const bad = join(TEMPLATES_DIR, 'bad', id);
    expect(existsSync(bad) && readdirSync(bad).some((f) => f.endsWith('.yaml'))).toBe(true);
  });

  it('has one export per rule file (one rule per file)', () => {
    for (const file of ruleFiles) {
      const exports = readFileSync(join(CATALOG_DIR, file), 'utf8').match(/^export /gm) ?? [];
      expect([file, exports.length]).toEqual([file, 1]);
    }
  });

  it.each([...ruleFiles, '../helpers.ts'])('%s reads only view facts, never raw properties, view.resources or view.template', (file) => {
    // Arrange: comments may mention the words; only code counts.
    const code = readFileSync(join(CATALOG_DIR, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');

    // Act
    const rawReads = code.match(/\.properties\b|\[\s*['"]properties['"]\s*\]|\bview\s*\.\s*(resources|template)\b/g) ?? [];

    // Assert
    expect(rawReads).toEqual([]);
  });

  it('keeps the README rules table up to date', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1];
    expect(section).toBe(renderRulesTable(catalog));
  });

  it('keeps the README rule options table up to date', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = /<!-- rule-options:start -->\n([\s\S]*?)<!-- rule-options:end -->/.exec(readme)?.[1];
    expect(section).toBe(renderRuleOptionsTable(catalog));
  });
});

describe('good templates', () => {
  it('exist', () => {
    expect(goodFixtures.length).toBeGreaterThanOrEqual(5);
  });

  it.each(goodFixtures)('%s yields no error from the whole catalogue', (fixture) => {
    // Arrange
    const { template, locator } = loadTemplate(readFixture(join('good', fixture)));

    // Act
    const errors = lintTemplate(template, { locator, filename: fixture }).filter((f) => f.severity === 'error');

    // Assert
    expect(errors).toEqual([]);
  });

  it('fargate-service-complete.yaml yields no finding at all', () => {
    const { template } = loadTemplate(readFixture('good/fargate-service-complete.yaml'));
    expect(lintTemplate(template)).toEqual([]);
  });
});
