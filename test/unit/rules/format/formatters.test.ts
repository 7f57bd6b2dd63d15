import { formatJson } from '../../../../functions/shared/rules/format/json';
import { escapeXml, formatJunit } from '../../../../functions/shared/rules/format/junit';
import { artifactLocation, FINGERPRINT_KEY, formatSarif } from '../../../../functions/shared/rules/format/sarif';
import { formatText } from '../../../../functions/shared/rules/format/text';
import type { FormatInput } from '../../../../functions/shared/rules/format/types';
import type { Finding, RuleMeta } from '../../../../functions/shared/rules/types';

const RULE: RuleMeta = {
  id: 'FL1301',
  name: 'port-24224-open',
  severity: 'error',
  summary: 'Checks that no security group of a FireLens task lets port 24224 in',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html',
  tags: [],
};
const WARN: RuleMeta = {
  ...RULE,
  id: 'FL1501',
  name: 'router-image-mutable-tag',
  severity: 'warning',
  summary: 'Checks that images are pinned',
};

const located: Finding = {
  ruleId: 'FL1301',
  severity: 'error',
  message: 'Security group Group allows <all> & "more"',
  logicalId: 'Group',
  path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
  location: { line: 12, column: 11, endLine: 15, endColumn: 3 },
  filename: 'stack.yaml',
};
const unlocated: Finding = {
  ...located,
  ruleId: 'FL1501',
  severity: 'warning',
  message: 'pin it',
  location: undefined,
  filename: 'hook.json',
  path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
};

const INPUT: FormatInput = { findings: [located, unlocated], rules: [RULE, WARN], filenames: ['stack.yaml', 'hook.json', 'clean.yaml'] };

describe('formatText', () => {
  it('prints cfn-lint style id + message, then file:line:col or the path when there is no line', () => {
    const text = formatText(INPUT);
    expect(text.split('\n')).toEqual([
      'FL1301 Security group Group allows <all> & "more"',
      'stack.yaml:12:11',
      '',
      'FL1501 pin it',
      'hook.json:Resources/Task/Properties/ContainerDefinitions/0/Image',
      '',
    ]);
    expect(text).toMatchSnapshot();
  });

  it('prints nothing when there are no findings', () => {
    expect(formatText({ ...INPUT, findings: [] })).toBe('');
  });
});

describe('formatJson', () => {
  it('uses the cfn-lint JSON shape', () => {
    const [first, second] = JSON.parse(formatJson(INPUT)) as unknown[];
    expect(first).toEqual({
      Filename: 'stack.yaml',
      Level: 'Error',
      Location: {
        Start: { LineNumber: 12, ColumnNumber: 11 },
        End: { LineNumber: 15, ColumnNumber: 3 },
        Path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
      },
      Message: 'Security group Group allows <all> & "more"',
      Rule: { Id: 'FL1301', ShortDescription: RULE.summary, Description: RULE.summary, Source: RULE.docsUrl },
    });
    expect(second).toMatchObject({ Level: 'Warning', Filename: 'hook.json', Rule: { Id: 'FL1501' } });
  });
});

describe('formatSarif', () => {
  it('writes a SARIF 2.1.0 log with the rules and one result per finding', () => {
    const log = JSON.parse(formatSarif({ ...INPUT, srcRoot: '/work/stacks' })) as {
      version: string;
      $schema: string;
      runs: {
        tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string }[] } };
        originalUriBaseIds: unknown;
        results: Record<string, unknown>[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(['FL1301', 'FL1501']);
    expect(log.runs[0]?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/stacks/' } });
    expect(log.runs[0]?.results[0]).toEqual({
      ruleId: 'FL1301',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Security group Group allows <all> & "more"' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'stack.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 12, startColumn: 11, endLine: 15, endColumn: 3 },
          },
          logicalLocations: [{ fullyQualifiedName: 'Resources/Group/Properties/SecurityGroupIngress/0', kind: 'element' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown },
    });
    expect(log.runs[0]?.results[1]).toMatchObject({ ruleId: 'FL1501', level: 'warning', ruleIndex: 1 });
  });

  it.each([
    ['stack.yaml', { uri: 'stack.yaml', uriBaseId: '%SRCROOT%' }],
    ['./stacks/a b.yaml', { uri: 'stacks/a%20b.yaml', uriBaseId: '%SRCROOT%' }],
    ['/abs/dir/x#1.yaml', { uri: 'file:///abs/dir/x%231.yaml' }],
    ['C:\\stacks\\t.yaml', { uri: 'file:///C:/stacks/t.yaml' }],
  ])('maps the file name %j to a SARIF artifact location', (file, location) => {
    expect(artifactLocation(file)).toEqual(location);
  });
});

describe('formatJunit', () => {
  it('writes one suite per file, one test case per rule, a failure per failing rule, and escapes XML', () => {
    const xml = formatJunit(INPUT);
    expect(xml).toContain('<testsuite name="stack.yaml" tests="2" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<failure type="error" message="Security group Group allows &lt;all&gt; &amp; &quot;more&quot;">');
    expect(xml).toContain('<testsuite name="clean.yaml" tests="2" failures="0" errors="0" skipped="0">');
    expect(xml).not.toContain('<all>');
    expect(xml).toMatchSnapshot();
  });

  it('puts every finding of one rule in one file into one failure (JUnit readers keep one per test case)', () => {
    // Arrange
    const second: Finding = {
      ...located,
      message: 'Security group Other allows 24224',
      location: { line: 20, column: 5, endLine: 20, endColumn: 9 },
    };

    // Act
    const xml = formatJunit({ ...INPUT, findings: [located, second, unlocated] });

    // Assert
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml).toContain(
      '<failure type="error" message="2 findings; first: Security group Group allows &lt;all&gt; &amp; &quot;more&quot;">',
    );
    expect(xml).toContain('stack.yaml:20:5 Security group Other allows 24224</failure>');
    expect(xml).toContain('<testsuites name="firelens-lint" tests="6" failures="2" errors="0">');
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml("a\u0001b'")).toBe('ab&apos;');
  });
});
