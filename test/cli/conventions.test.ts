import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { CliIo } from '../../functions/cli/io';
import { createNodeIo, runCli } from '../../functions/cli/main';
import { readFixture } from '../helpers/rule-tester';

/**
 * The conventions users expect from cfn-lint, ESLint and checkov: help and version, an output file, a
 * config file found upward, glob patterns, colour only on a terminal, and a hint on a usage mistake.
 */

const ROOT = join(__dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const GOOD = readFixture('good/fargate-service-complete.yaml');
const WARNING_ONLY = readFixture('good/aws-example-cloudwatch-logs.yaml');
const ERROR = readFixture('bad/FL1301/inline-tcp-range-ipv4.yaml');

/** A temporary directory tree: `{ 'a/b.yaml': text }`. */
const tree = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'firelens-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
};

/** The CLI in-process on the real file system at `cwd`, output captured; `io` overrides members. */
const run = async (args: string[], cwd: string, io: Partial<CliIo> = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    ...createNodeIo(cwd),
    isTty: false,
    env: {},
    ...io,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
};

const EMPTY = tree({});

describe('--help', () => {
  it.each([['--help'], ['-h']])('prints the program help with %s and exits 0', async (flag) => {
    // Act
    const { code, stdout, stderr } = await run([flag], EMPTY);

    // Assert
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const section of ['Usage: firelens <command>', 'Commands:', 'Options:', 'Examples:', 'Exit codes']) {
      expect(stdout).toContain(section);
    }
  });

  it.each([
    ['lint', '--help'],
    ['lint', '-h'],
    ['expand', '--help'],
    ['expand', '-h'],
    ['rules', '--help'],
    ['schema', '-h'],
  ])('prints the help of `%s` with %s: usage, options, examples, exit codes; exit 0', async (command, flag) => {
    // Act
    const { code, stdout, stderr } = await run([command, flag], EMPTY);

    // Assert
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(new RegExp(`^Usage: firelens ${command}`));
    for (const section of ['Options:', 'Example', 'Exit codes']) {
      expect(stdout).toContain(section);
    }
  });

  it('prints the help on stderr and exits 32 when no command is given', async () => {
    const { code, stdout, stderr } = await run([], EMPTY);

    expect(code).toBe(32);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: firelens <command>');
  });
});

describe('--version', () => {
  it.each([['--version'], ['-V']])('prints the package.json version with %s', async (flag) => {
    const { code, stdout } = await run([flag], EMPTY);

    expect(code).toBe(0);
    expect(stdout).toBe(`${VERSION}\n`);
  });

  it('is bundled into the executable', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'firelens.cjs'), '--version'], { encoding: 'utf8' });

    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${VERSION}\n`);
  }, 60_000);
});

describe('usage mistakes', () => {
  it.each([
    [['--frobnicate'], 'firelens: unknown option --frobnicate', 'firelens --help'],
    [['frobnicate'], 'firelens: unknown command "frobnicate"', 'firelens --help'],
    [['lint', 't.yaml', '--frobnicate'], 'firelens lint: unknown option --frobnicate', 'firelens lint --help'],
    [['lint', 't.yaml', '-x'], 'firelens lint: unknown option -x', 'firelens lint --help'],
    [['lint', 't.yaml', '--format', 'xml'], 'firelens lint: unknown format "xml" (text, json, sarif, junit)', 'firelens lint --help'],
    [['expand', 't.yaml', '--frobnicate'], 'firelens expand: unknown option --frobnicate', 'firelens expand --help'],
    [['rules', '--frobnicate'], 'firelens rules: takes no arguments (got --frobnicate)', 'firelens rules --help'],
    [['schema', 'x'], 'firelens schema: takes no arguments (got x)', 'firelens schema --help'],
  ])('%j exits 32 with the mistake and a one-line hint', async (args, message, help) => {
    // Act
    const { code, stdout, stderr } = await run(args, EMPTY);

    // Assert
    expect(code).toBe(32);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\nRun "${help}" for usage.\n`);
  });
});

describe('lint --output-file', () => {
  it.each([['--output-file'], ['-o']])('writes the report to the file with %s and nothing to stdout', async (flag) => {
    // Arrange
    const dir = tree({ 'b.yaml': ERROR });

    // Act
    const { code, stdout } = await run(['lint', 'b.yaml', '--format', 'json', flag, 'report.json'], dir);

    // Assert
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { Rule: { Id: string } }[];
    expect(report.map((f) => f.Rule.Id)).toEqual(['FL1301']);
  });

  it('writes an empty report for a clean template, so CI always finds the file', async () => {
    const dir = tree({ 'ok.yaml': GOOD });

    const { code } = await run(['lint', 'ok.yaml', '-o', 'report.txt'], dir);

    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe('');
  });

  it('exits 32 when the file cannot be written, keeping the findings bits', async () => {
    const dir = tree({ 'b.yaml': ERROR });

    const { code, stderr } = await run(['lint', 'b.yaml', '-o', 'missing-dir/report.txt'], dir);

    expect(code).toBe(2 | 32);
    expect(stderr).toMatch(/^firelens lint: cannot write missing-dir\/report\.txt: ENOENT/);
  });
});

describe('config file', () => {
  it('reads .firelensrc.yaml from a parent directory', async () => {
    // Arrange: warnings (and FL1601's cannot-check note on the role from outside the template) only, ignored by the config two levels up
    const dir = tree({ '.firelensrc.yaml': 'ignore-checks: [FL12, FL15, FL16]\n', 'stacks/app/a.yaml': WARNING_ONLY });

    // Act
    const { code } = await run(['lint', 'a.yaml'], join(dir, 'stacks', 'app'));

    // Assert
    expect(code).toBe(0);
  });

  it('reads the "firelens" key of package.json', async () => {
    const dir = tree({ 'package.json': JSON.stringify({ name: 'x', firelens: { format: 'json', checks: 'FL1301' } }), 'b.yaml': ERROR });

    const { code, stdout } = await run(['lint', 'b.yaml'], dir);

    expect(code).toBe(2);
    expect((JSON.parse(stdout) as { Rule: { Id: string } }[]).map((f) => f.Rule.Id)).toEqual(['FL1301']);
  });

  it('takes the nearest config: an rc file in the current directory before a package.json above', async () => {
    const dir = tree({
      'package.json': JSON.stringify({ firelens: { format: 'json' } }),
      'sub/.firelensrc.yaml': 'format: junit\n',
      'sub/b.yaml': ERROR,
    });

    const { stdout } = await run(['lint', 'b.yaml'], join(dir, 'sub'));

    expect(stdout).toMatch(/^<\?xml/);
  });

  it('lets command-line options win over the file', async () => {
    const dir = tree({ '.firelensrc.yaml': 'format: json\nignore-checks: FL13\n', 'b.yaml': ERROR });

    const { code, stdout } = await run(['lint', 'b.yaml', '--format', 'text', '--ignore-checks', 'FL99'], dir);

    expect(code).toBe(2);
    expect(stdout).toMatch(/^FL1301 /);
  });

  it('turns on strict-24224 and sets the macro name', async () => {
    const dir = tree({
      '.firelensrc.yaml': 'strict-24224: true\nmacro-name: OtherMacro\n',
      'g.yaml': readFixture('bad/FL1301/unattached-group-strict.yaml'),
    });

    expect((await run(['lint', 'g.yaml'], dir)).code).toBe(2);
    expect((await run(['lint', 'g.yaml', '--no-config'], dir)).code).toBe(0);
  });

  it('uses the macro name of the file for expand', async () => {
    const dir = tree({ '.firelensrc.yaml': 'macro-name: OtherMacro\n', 't.yaml': 'Resources: {}\n' });

    const { stdout } = await run(['expand', 't.yaml', '--event'], dir);

    expect(JSON.parse(stdout)).toHaveProperty('transformId', '123456789012::OtherMacro');
  });

  it.each([
    ['format: [text]\n', '"format" must be a string'],
    ['chekcs: FL13\n', 'unknown key "chekcs" (known: checks, ignore-checks, strict-24224, format, macro-name)'],
    ['strict-24224: yes please\n', '"strict-24224" must be true or false'],
    ['- a\n', 'must be a mapping of settings'],
    ['a: [\n', 'cannot parse'],
  ])('exits 32 naming the file for %j', async (text, message) => {
    const dir = tree({ '.firelensrc.yaml': text, 'ok.yaml': GOOD });

    const { code, stderr } = await run(['lint', 'ok.yaml'], dir);

    expect(code).toBe(32);
    expect(stderr).toContain(`firelens lint: ${join(dir, '.firelensrc.yaml')}: ${message}`);
  });
});

describe('glob patterns', () => {
  it('lints every template a pattern matches, sorted, skipping node_modules', async () => {
    // Arrange
    const dir = tree({
      'stacks/a.yaml': GOOD,
      'stacks/nested/b.yaml': ERROR,
      'stacks/nested/c.json': '{}',
      'node_modules/pkg/bad.yaml': ERROR,
    });

    // Act
    const { code, stdout } = await run(['lint', 'stacks/**/*.yaml', '**/*.json', '--format', 'junit'], dir);

    // Assert
    expect(code).toBe(2);
    expect([...stdout.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'stacks/a.yaml',
      'stacks/nested/b.yaml',
      'stacks/nested/c.json',
    ]);
  });

  it('exits 32 when a pattern matches nothing', async () => {
    const { code, stderr } = await run(['lint', 'nowhere/*.yaml'], EMPTY);

    expect(code).toBe(32);
    expect(stderr).toContain('firelens lint: no template matches the pattern "nowhere/*.yaml"');
  });
});

describe('colour', () => {
  const dir = tree({ 'b.yaml': ERROR });
  const ESC = '\u001b[';

  it.each([
    ['a terminal', { isTty: true, env: {} }, true],
    ['a pipe', { isTty: false, env: {} }, false],
    ['a terminal with NO_COLOR', { isTty: true, env: { NO_COLOR: '1' } }, false],
    ['a terminal with an empty NO_COLOR', { isTty: true, env: { NO_COLOR: '' } }, true],
    ['a pipe with FORCE_COLOR', { isTty: false, env: { FORCE_COLOR: '1' } }, true],
    ['a terminal with FORCE_COLOR=0', { isTty: true, env: { FORCE_COLOR: '0' } }, false],
  ])('on %s: colour %s', async (_where, io, coloured) => {
    const { stdout } = await run(['lint', 'b.yaml'], dir, io);

    expect(stdout.includes(ESC)).toBe(coloured);
    expect(
      stdout
        .split(ESC)
        .map((part) => part.replace(/^\d+m/, ''))
        .join(''),
    ).toMatch(/^FL1301 Security group/);
  });

  it('never colours an output file, nor a format other than text', async () => {
    await run(['lint', 'b.yaml', '-o', 'out.txt'], dir, { isTty: true });
    const json = await run(['lint', 'b.yaml', '-f', 'json'], dir, { isTty: true });

    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).not.toContain(ESC);
    expect(json.stdout).not.toContain(ESC);
  });
});
