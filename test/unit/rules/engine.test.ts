import { defineRule } from '../../../functions/shared/rules/define-rule';
import { compareFindings, logicalIdOf, RULE_CRASHED_META, runRules, toFinding } from '../../../functions/shared/rules/engine';
import { lintTemplate } from '../../../functions/shared/rules/lint';
import { describeSuppression, type SuppressedFinding } from '../../../functions/shared/rules/suppressions';
import type { Finding, Rule } from '../../../functions/shared/rules/types';
import { loadTemplate } from '../../../functions/shared/template/load';
import { buildTemplateView } from '../../../functions/shared/template/view';

const TEMPLATE = [
  'Resources:', // 1
  '  Task:', // 2
  '    Type: AWS::ECS::TaskDefinition', // 3
  '    Properties:', // 4
  '      ContainerDefinitions:', // 5
  '        - Name: app', // 6
  '          Image: app:1', // 7
  '          LogConfiguration:', // 8
  '            LogDriver: awsfirelens', // 9
  '  Other:', // 10
  '    Type: AWS::ECS::TaskDefinition', // 11
  '    Metadata:', // 12
  '      firelens-lint:', // 13
  '        config:', // 14
  '          ignore_checks: [FL9001]', // 15
  '    Properties: {}', // 16
].join('\n');

const pointAt = (id: string, ...paths: (string | number)[][]): Rule =>
  defineRule({
    meta: {
      id,
      name: 'test-rule',
      severity: 'warning',
      summary: 'Checks that tests can run',
      docsUrl: 'https://example.com/',
      tags: [],
    },
    *check() {
      for (const path of paths) {
        yield { path, message: `at ${path.join('.')}` };
      }
    },
  });

const crashing: Rule = defineRule({
  meta: {
    id: 'FL9002',
    name: 'crash',
    severity: 'error',
    summary: 'Checks that crashes are caught',
    docsUrl: 'https://example.com/',
    tags: [],
  },
  *check() {
    yield { path: ['Resources', 'Task'], message: 'before the crash' };
    throw new Error('boom');
  },
});

const run = (rules: Rule[], text = TEMPLATE, options = {}): Finding[] => {
  const { template, locator } = loadTemplate(text);
  return runRules(rules, buildTemplateView(template), template, { locator, filename: 't.yaml', ...options });
};

describe('runRules', () => {
  it('adds id, severity, logical id and the source location of the path', () => {
    // Act
    const findings = run([
      pointAt('FL9001', ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'LogConfiguration', 'LogDriver']),
    ]);

    // Assert
    expect(findings).toEqual([
      {
        ruleId: 'FL9001',
        severity: 'warning',
        message: 'at Resources.Task.Properties.ContainerDefinitions.0.LogConfiguration.LogDriver',
        logicalId: 'Task',
        path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'LogConfiguration', 'LogDriver'],
        location: { line: 9, column: 13, endLine: 9, endColumn: 22 },
        filename: 't.yaml',
      },
    ]);
  });

  it('turns a crashing rule into an FL0001 finding and keeps the other rules running', () => {
    // Act
    const findings = run([crashing, pointAt('FL9003', ['Resources', 'Other'])]);

    // Assert
    expect(findings.map((f) => [f.ruleId, f.message, f.location?.line])).toEqual([
      ['FL0001', 'Rule FL9002 (crash) crashed: boom', 1],
      ['FL9002', 'before the crash', 2],
      ['FL9003', 'at Resources.Other', 10],
    ]);
  });

  it('calls beforeRule before each rule, and lets what it throws stop the run instead of becoming FL0001', () => {
    // Arrange
    let calls = 0;
    const counting = { beforeRule: () => (calls += 1) };
    const deadline = {
      beforeRule: () => {
        throw new Error('deadline');
      },
    };

    // Act
    const findings = run([pointAt('FL9001', ['Resources', 'Task']), pointAt('FL9003', ['Resources', 'Other'])], TEMPLATE, counting);

    // Assert
    expect(findings).toHaveLength(2);
    expect(calls).toBe(2);
    expect(() => run([pointAt('FL9001', ['Resources', 'Task'])], TEMPLATE, deadline)).toThrow('deadline');
  });

  it('honours resource-level ignore_checks only on that resource', () => {
    // Act
    const findings = run([pointAt('FL9001', ['Resources', 'Other', 'Properties'], ['Resources', 'Task', 'Properties'])]);

    // Assert
    expect(findings.map((f) => f.logicalId)).toEqual(['Task']);
  });

  it('honours template-level ignore_checks under the cfn-lint key, by prefix', () => {
    // Arrange
    const text = `Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [FL90]\n${TEMPLATE}`;

    // Act
    const findings = run([pointAt('FL9001', ['Resources', 'Task']), pointAt('FL9101', ['Resources', 'Task'])], text);

    // Assert
    expect(findings.map((f) => f.ruleId)).toEqual(['FL9101']);
  });

  it.each(['F', 'FL', 'FL9', 'fl0'])('never matches an ignore_checks entry shorter than 4 characters (%s), not even FL0001', (entry) => {
    // Arrange
    const text = `Metadata:\n  firelens-lint:\n    config:\n      ignore_checks: [${entry}]\n${TEMPLATE}`;

    // Act
    const findings = run([pointAt('FL9001', ['Resources', 'Task']), crashing], text);

    // Assert
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['FL0001', 'FL9001', 'FL9002']);
  });

  it('tells every suppressed finding with the entry and resource that suppressed it', () => {
    // Arrange
    const told: SuppressedFinding[] = [];

    // Act
    const findings = run([pointAt('FL9001', ['Resources', 'Other', 'Properties'])], TEMPLATE, {
      onSuppressed: (s: SuppressedFinding) => told.push(s),
    });

    // Assert
    expect(findings).toEqual([]);
    expect(told).toHaveLength(1);
    expect(told[0]?.honoured).toBe(true);
    expect(told[0]?.by).toEqual({
      entry: 'FL9001',
      logicalId: 'Other',
      path: ['Resources', 'Other', 'Metadata', 'firelens-lint', 'config', 'ignore_checks', 0],
    });
    expect(told.map((s) => describeSuppression(s.by))).toEqual(['Metadata of resource Other (ignore_checks FL9001)']);
  });

  it('under an allow-list policy obeys only allowed entries: never FL0xxx, errors only by exact id', () => {
    // Arrange
    const text = `Metadata:\n  firelens-lint:\n    config:\n      ignore_checks: [FL90, FL0001]\n${TEMPLATE}`;
    const rules = [pointAt('FL9001', ['Resources', 'Task']), crashing];
    const told: SuppressedFinding[] = [];
    const allow = (ids: string[]) => ({ templateSuppressions: { allow: ids }, onSuppressed: (s: SuppressedFinding) => told.push(s) });

    // Act
    const none = run(rules, text, allow([]));
    const byPrefix = run(rules, text, allow(['FL90', 'FL0001']));
    const exact = run(rules, text, allow(['FL9002']));

    // Assert
    expect(none.map((f) => f.ruleId).sort()).toEqual(['FL0001', 'FL9001', 'FL9002']);
    expect(byPrefix.map((f) => f.ruleId).sort()).toEqual(['FL0001', 'FL9002']);
    expect(exact.map((f) => f.ruleId).sort()).toEqual(['FL0001', 'FL9001']);
    expect(told.filter((s) => !s.honoured)).toHaveLength(3 + 2 + 2);
  });

  it('skips rules in ignoreRules and runs only onlyRules when given', () => {
    // Arrange
    const rules = [
      pointAt('FL9101', ['Resources', 'Task']),
      pointAt('FL9102', ['Resources', 'Task']),
      pointAt('FL9103', ['Resources', 'Task']),
    ];

    // Act
    const ignored = run(rules, TEMPLATE, { ignoreRules: ['FL9102'] });
    const only = run(rules, TEMPLATE, { onlyRules: ['FL9103'] });

    // Assert
    expect(ignored.map((f) => f.ruleId)).toEqual(['FL9101', 'FL9103']);
    expect(only.map((f) => f.ruleId)).toEqual(['FL9103']);
  });

  it('sorts by line, then column, then rule id', () => {
    // Act
    const findings = run([
      pointAt('FL9102', ['Resources', 'Other'], ['Resources', 'Task', 'Properties']),
      pointAt('FL9101', ['Resources', 'Other']),
    ]);

    // Assert
    expect(findings.map((f) => `${f.ruleId}@${String(f.location?.line)}`)).toEqual(['FL9102@4', 'FL9101@10', 'FL9102@10']);
  });
});

describe('compareFindings', () => {
  it('orders by file name before line', () => {
    // Arrange
    const base: Finding = {
      ruleId: 'FL1',
      severity: 'error',
      message: '',
      logicalId: undefined,
      path: [],
      location: { line: 1, column: 1, endLine: 1, endColumn: 1 },
      filename: 'b.yaml',
    };
    const other: Finding = { ...base, filename: 'a.yaml', location: { line: 9, column: 1, endLine: 9, endColumn: 1 } };

    // Act
    const sorted = [base, other].sort(compareFindings);

    // Assert
    expect(sorted.map((f) => f.filename)).toEqual(['a.yaml', 'b.yaml']);
  });
});

describe('toFinding', () => {
  it('bounds a message that quotes a huge value, keeping its start and its advice', () => {
    // Regression: rules quote template values, and a 1 MB image name made a 2 MB finding.
    const message = `Log router ${'x'.repeat(1_000_000)} uses an image with no tag; pin a version`;

    const finding = toFinding(RULE_CRASHED_META, { path: [], message }, {});

    expect(finding.message).toHaveLength(1_000);
    expect(finding.message.startsWith('Log router xxx')).toBe(true);
    expect(finding.message.endsWith('uses an image with no tag; pin a version')).toBe(true);
  });
});

describe('logicalIdOf', () => {
  it('reads the resource id from a Resources path and nothing else', () => {
    expect(logicalIdOf(['Resources', 'Task', 'Properties'])).toBe('Task');
    expect(logicalIdOf(['Parameters', 'Image'])).toBeUndefined();
  });
});

describe('lintTemplate', () => {
  it('runs the catalogue and never throws on a malformed template; the malformed part is an FL0000 finding', () => {
    // Act
    const findings = lintTemplate({ Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: 'oops' } } });

    // Assert
    expect(findings.map((f) => [f.ruleId, f.path.join('/'), f.message])).toEqual([
      ['FL0000', 'Resources/Task/Properties', 'must be an object, not a string'],
    ]);
  });

  it.each([
    ['a string', 'x'],
    ['a list', [1]],
    ['null', null],
    ['an intrinsic function (Fn::If)', { 'Fn::If': ['C', {}, {}] }],
  ])('reports Resources that is %s instead of finding nothing in it', (what, resources) => {
    // Act
    const findings = lintTemplate({ Resources: resources });

    // Assert
    expect(findings.map((f) => [f.ruleId, f.path.join('/'), f.message])).toEqual([
      ['FL0000', 'Resources', `must be a mapping of logical ids to resources, not ${what}`],
    ]);
  });
});
