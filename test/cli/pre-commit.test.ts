import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

import { createNodeIo, runCli } from '../../functions/cli/main';
import { readFixture } from '../helpers/rule-tester';

/**
 * The pre-commit hook (.pre-commit-hooks.yaml) as pre-commit runs it: the staged files that match `files`
 * (and `types_or`), appended to `entry`. pre-commit's own run is not possible here (it is a Python tool
 * that installs the hook from a git URL), so the test applies the hook's definition the way pre-commit does.
 */

const ROOT = join(__dirname, '..', '..');

interface HookDefinition {
  id: string;
  language: string;
  entry: string;
  files: string;
  types_or: string[];
}

const HOOKS = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];
const HOOK = HOOKS.find((h) => h.id === 'firelens-lint');

/** pre-commit's filter: `files` is a Python `re.search` pattern (this one is also valid JavaScript), then the type tags. */
const selected = (paths: readonly string[]): string[] => {
  const files = new RegExp(HOOK?.files ?? '$^');
  const types = new Set(HOOK?.types_or ?? []);
  return paths.filter((p) => files.test(p) && types.has(/\.ya?ml$/.test(p) ? 'yaml' : /\.json$/.test(p) ? 'json' : 'other'));
};

const STAGED = {
  'template.yaml': readFixture('good/fargate-service-complete.yaml'),
  'cloudformation/network.yml': 'Resources: {}\n',
  'stacks/logging/app.stack.json': '{"Resources": {}}\n',
  'infra/bad.yaml': readFixture('bad/FL1301/inline-tcp-range-ipv4.yaml'),
  'src/app.ts': 'export {};\n',
  '.github/workflows/ci.yml': 'on: push\n',
  'docs/template.md': '# not a template\n',
};

const repository = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'firelens-pre-commit-'));
  for (const [path, text] of Object.entries(STAGED)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
};

describe('.pre-commit-hooks.yaml', () => {
  it('declares firelens-lint as a node hook on YAML and JSON files', () => {
    expect(HOOK).toMatchObject({ id: 'firelens-lint', language: 'node', entry: 'firelens lint', types_or: ['yaml', 'json'] });
  });

  it('selects the CloudFormation-looking YAML and JSON files of a commit, not the others', () => {
    expect(selected(Object.keys(STAGED))).toEqual([
      'template.yaml',
      'cloudformation/network.yml',
      'stacks/logging/app.stack.json',
      'infra/bad.yaml',
    ]);
  });

  it('fails the commit on the one bad file among several, naming it', async () => {
    // Arrange
    const dir = repository();
    const [command, ...args] = (HOOK?.entry ?? '').split(' ');
    let stdout = '';

    // Act
    const code = await runCli([...args, ...selected(Object.keys(STAGED))], {
      ...createNodeIo(dir),
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
    });

    // Assert
    expect(command).toBe('firelens');
    expect(code).toBe(2);
    expect(stdout).toMatch(/^FL1301 /);
    expect(stdout).toContain('infra/bad.yaml:32:11');
    expect(stdout).not.toMatch(/template\.yaml|network\.yml|app\.stack\.json/);
  });

  it('passes when the staged templates are clean, through the real executable', () => {
    // Arrange
    const dir = repository();
    const clean = selected(Object.keys(STAGED)).filter((p) => p !== 'infra/bad.yaml');

    // Act
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'firelens.cjs'), 'lint', ...clean], { cwd: dir, encoding: 'utf8' });

    // Assert
    expect([result.status, result.stdout, result.stderr]).toEqual([0, '', '']);
  }, 60_000);
});
