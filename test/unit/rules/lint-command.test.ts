import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CliIo } from '../../../functions/cli/io';
import { lintCommand } from '../../../functions/cli/lint-command';
import { rulesCommand } from '../../../functions/cli/rules-command';
import { catalog } from '../../../functions/shared/rules/catalog';
import { renderRuleOptionsTable, renderRulesTable } from '../../../functions/shared/rules/format/rules-table';
import { readFixture } from '../../helpers/rule-tester';

const fakeIo = (files: Record<string, string>): CliIo & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) {
        throw new Error('ENOENT');
      }
      return text;
    },
  };
};

const GOOD = readFixture('good/fargate-service-complete.yaml');
const WARNING_ONLY = readFixture('good/aws-example-cloudwatch-logs.yaml');
const ERROR = readFixture('bad/FL1301/inline-tcp-range-ipv4.yaml');

describe('lintCommand', () => {
  it('exits 0 and prints nothing for a clean template', async () => {
    const io = fakeIo({ 'ok.yaml': GOOD });
    expect(await lintCommand(['ok.yaml'], io)).toBe(0);
    expect(io.out).toEqual([]);
  });

  it('exits 14 (2|4|8) when there are errors, warnings and informational findings, and prints them in text', async () => {
    // a.yaml's task role is a literal ARN from outside the template: FL1601 reports it as cannot-check (informational).
    const io = fakeIo({ 'a.yaml': WARNING_ONLY, 'b.yaml': ERROR });
    expect(await lintCommand(['a.yaml', 'b.yaml'], io)).toBe(14);
    expect(io.out.join('')).toContain('FL1301 Security group Group, attached to service Service, allows TCP 24000-25000');
    expect(io.out.join('')).toContain('b.yaml:32:11');
  });

  it('exits 12 for warnings and informational findings only, 4 without the informational rule, and 0 once all are ignored by prefix', async () => {
    const io = fakeIo({ 'a.yaml': WARNING_ONLY });
    expect(await lintCommand(['a.yaml'], io)).toBe(12);
    expect(await lintCommand(['a.yaml', '--ignore-checks', 'FL16'], fakeIo({ 'a.yaml': WARNING_ONLY }))).toBe(4);
    expect(await lintCommand(['a.yaml', '--ignore-checks', 'FL12,FL15,FL16'], fakeIo({ 'a.yaml': WARNING_ONLY }))).toBe(0);
  });

  it("honours the template's ignore_checks, lists what it suppressed and who with --show-suppressed (text and json)", async () => {
    // Arrange
    const suppressed = `Metadata:\n  firelens-lint:\n    config:\n      ignore_checks: [FL13]\n${ERROR}`;

    // Act
    const plain = fakeIo({ 's.yaml': suppressed });
    const plainExit = await lintCommand(['s.yaml'], plain);
    const text = fakeIo({ 's.yaml': suppressed });
    const textExit = await lintCommand(['s.yaml', '--show-suppressed'], text);
    const json = fakeIo({ 's.yaml': suppressed });
    await lintCommand(['s.yaml', '--show-suppressed', '-f', 'json'], json);

    // Assert
    expect(plainExit).toBe(0);
    expect(plain.out).toEqual([]);
    expect(textExit).toBe(0);
    expect(text.out.join('')).toContain(
      "FL1301 [suppressed by the template's Metadata (ignore_checks FL13)] Security group Group, attached to service Service, allows TCP 24000-25000",
    );
    expect(text.out.join('')).toContain('s.yaml:36:11');
    const entries = JSON.parse(json.out.join('')) as { Rule: { Id: string }; Suppressed?: { By: string } }[];
    expect(entries.map((e) => [e.Rule.Id, e.Suppressed?.By])).toEqual([['FL1301', "the template's Metadata (ignore_checks FL13)"]]);
  });

  it('warns on stderr about an ignore_checks entry too short to match any rule, and obeys it for nothing', async () => {
    // Arrange
    const io = fakeIo({ 's.yaml': `Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [F]\n${ERROR}` });

    // Act
    const exit = await lintCommand(['s.yaml'], io);

    // Assert
    expect(exit).toBe(2);
    expect(io.err).toEqual([
      'firelens lint: s.yaml:4:23: warning: ignore_checks entry "F" matches no rule: an entry is a rule id or a prefix of at least 4 characters (FL13)\n',
    ]);
  });

  it('runs only --checks rules', async () => {
    const io = fakeIo({ 'b.yaml': ERROR });
    expect(await lintCommand(['b.yaml', '--checks=FL1501'], io)).toBe(0);
  });

  it('flags an unattached group only with --strict-24224', async () => {
    const text = readFixture('bad/FL1301/unattached-group-strict.yaml');
    expect(await lintCommand(['g.yaml'], fakeIo({ 'g.yaml': text }))).toBe(0);
    expect(await lintCommand(['g.yaml', '--strict-24224'], fakeIo({ 'g.yaml': text }))).toBe(2);
  });

  it('keeps FL1303 with --strict-24224: an unknown port on an unattached group is a warning, not hidden', async () => {
    // Arrange
    const text = readFixture('bad/FL1303/unattached-group-strict.yaml');
    const io = fakeIo({ 'g.yaml': text });

    // Act
    const code = await lintCommand(['g.yaml', '--strict-24224', '--checks', 'FL13'], io);

    // Assert
    expect(code).toBe(4);
    expect(io.out.join('')).toContain(
      'FL1303 Port 24224 reachability cannot be checked: the FromPort of an ingress rule of security group Group',
    );
    expect(await lintCommand(['g.yaml', '--checks', 'FL13'], fakeIo({ 'g.yaml': text }))).toBe(0);
  });

  it('reports an unparsable template as FL0000 with its line and exits 2', async () => {
    const io = fakeIo({ 'broken.yaml': 'Resources:\n  A: 1\n  A: 2\n' });
    expect(await lintCommand(['broken.yaml', '--format', 'json'], io)).toBe(2);
    const [finding] = JSON.parse(io.out.join('')) as { Rule: { Id: string }; Location: { Start: { LineNumber: number } } }[];
    expect(finding?.Rule.Id).toBe('FL0000');
    expect(finding?.Location.Start.LineNumber).toBe(3);
  });

  it('exits 32 with a diagnostic on stderr for usage mistakes and unreadable files', async () => {
    const io = fakeIo({});
    expect(await lintCommand([], io)).toBe(32);
    expect(await lintCommand(['x.yaml', '--format', 'xml'], io)).toBe(32);
    expect(await lintCommand(['missing.yaml'], io)).toBe(32);
    expect(io.err.join('')).toContain('cannot read missing.yaml');
    expect(io.out).toEqual([]);
  });

  it('prints the rules table with --list-rules', async () => {
    const io = fakeIo({});
    expect(await lintCommand(['--list-rules'], io)).toBe(0);
    expect(io.out.join('')).toBe(renderRulesTable(catalog));
  });

  it('writes SARIF and JUnit on request', async () => {
    const sarif = fakeIo({ 'b.yaml': ERROR });
    await lintCommand(['b.yaml', '--format', 'sarif'], sarif);
    expect((JSON.parse(sarif.out.join('')) as { version: string }).version).toBe('2.1.0');
    const junit = fakeIo({ 'b.yaml': ERROR });
    await lintCommand(['b.yaml', '--format', 'junit'], junit);
    expect(junit.out.join('')).toContain('<testsuite name="b.yaml"');
  });
});

describe('rulesCommand', () => {
  it('prints the Markdown rules table, then each rule option with its default and range', async () => {
    const io = fakeIo({});
    expect(await rulesCommand([], io)).toBe(0);
    const out = io.out.join('');
    expect(out.startsWith(renderRulesTable(catalog))).toBe(true);
    expect(out).toContain(renderRuleOptionsTable(catalog));
    expect(out).toContain('| FL1103 | average-log-line-bytes | 2048 | 1–1048576 |');
  });
});

describe('lintCommand --configure-rule', () => {
  // 4096 log lines: 8 MiB at the default 2048 bytes a line, 1 MiB at 256; containers reserve 510 of 512 MiB.
  const TIGHT = readFixture('bad/FL1103/buffer-lines-at-default-line-size.yaml');

  it('finds FL1103 at the default average line size', async () => {
    const io = fakeIo({ 't.yaml': TIGHT });
    expect(await lintCommand(['t.yaml', '--checks', 'FL1103'], io)).toBe(2);
    expect(io.out.join('')).toContain('4096 log lines × 2048 bytes');
  });

  it('uses the configured average line size: 4096 lines of 256 bytes fit', async () => {
    const io = fakeIo({ 't.yaml': TIGHT });
    expect(await lintCommand(['t.yaml', '--checks', 'FL1103', '--configure-rule', 'FL1103:average-log-line-bytes=256'], io)).toBe(0);
    expect(io.out).toEqual([]);
  });

  it.each([
    ['FL9999:average-log-line-bytes=512', 'unknown rule "FL9999"'],
    ['FL1103:line-bytes=512', 'unknown option "line-bytes" of FL1103 (options of FL1103: average-log-line-bytes)'],
    ['FL1103:average-log-line-bytes=0', 'FL1103:average-log-line-bytes must be an integer from 1 to 1048576 (got "0")'],
    ['FL1103:average-log-line-bytes=lots', 'must be an integer from 1 to 1048576 (got "lots")'],
    ['FL1103=512', 'is not RULE:key=value'],
  ])('refuses %s as a usage error (exit 32) naming the mistake', async (setting, mistake) => {
    const io = fakeIo({ 't.yaml': TIGHT });
    expect(await lintCommand(['t.yaml', '--configure-rule', setting], io)).toBe(32);
    expect(io.err.join('')).toContain(mistake);
    expect(io.out).toEqual([]);
  });
});

describe('lintCommand with Transform: FireLensMacro', () => {
  it('expands the macro first and lints the result', async () => {
    // Arrange: the bundled macro example; unexpanded, its FireLens property would not be linted at all.
    const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'fargate-cloudwatch.yaml'), 'utf8');
    const io = fakeIo({ 'm.yaml': text });

    // Act
    await lintCommand(['m.yaml', '--format', 'json'], io);

    // Assert
    const ids = (JSON.parse(io.out.join('') || '[]') as { Rule: { Id: string } }[]).map((f) => f.Rule.Id);
    expect(text).toContain('FireLensMacro');
    expect(ids.filter((id) => id.startsWith('FL0') || id === 'FL1001' || id === 'FL1009')).toEqual([]);
  });
});
