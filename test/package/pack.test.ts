import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

/**
 * The npm package as a user gets it: `npm pack` (its `prepack` builds dist/firelens.cjs), the tarball
 * installed offline with an empty npm cache into an empty folder (so it must need no dependency), then
 * `npx firelens` run there, far from the sources. pre-commit installs `language: node` hooks the same way
 * (`npm pack`, then `npm install -g` of the tarball).
 */

const ROOT = join(__dirname, '..', '..');

/** The environment without the npm_* variables of an enclosing `npm test`, and with an empty npm cache. */
const cleanEnv = (cache: string): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_'))),
  npm_config_cache: cache,
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
});

const sh = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> =>
  spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });

const ok = (result: SpawnSyncReturns<string>): string => {
  if (result.status !== 0) {
    throw new Error(`exit ${String(result.status)}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
};

const SAMPLE = `Transform: FireLensMacro
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/docker/library/nginx:1.27
      FireLens:
        Destination:
          CloudWatchLogs: {}
`;

describe('the npm package', () => {
  const work = mkdtempSync(join(tmpdir(), 'firelens-pack-'));
  const env = cleanEnv(join(work, 'empty-npm-cache'));
  const project = join(work, 'project');
  let tarball = '';

  beforeAll(() => {
    // Arrange: pack, then install the tarball alone into an empty project
    const packed = JSON.parse(ok(sh('npm', ['pack', '--json', '--pack-destination', work], ROOT, env))) as { filename: string }[];
    tarball = join(work, packed[0]?.filename ?? '');
    ok(sh('mkdir', ['-p', project], work, env));
    writeFileSync(join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
    ok(sh('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], project, env));
    writeFileSync(join(project, 'template.yaml'), SAMPLE);
  }, 90_000);

  it('installs from its tarball without the sources and without any other package', () => {
    const installed = join(project, 'node_modules', 'firelens-macro');

    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'dist', 'package.json', 'schema']);
    expect(existsSync(join(installed, 'functions'))).toBe(false);
    expect(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['firelens-macro']);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['private']).toBeUndefined();
  });

  it('runs `npx firelens --version` and `npx firelens lint`', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

    expect(ok(sh('npx', ['--no-install', 'firelens', '--version'], project, env))).toBe(`${version}\n`);
    const clean = sh('npx', ['--no-install', 'firelens', 'lint', 'template.yaml', '--format', 'json'], project, env);
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([0, '[]\n', '']);
    writeFileSync(
      join(project, 'bad.yaml'),
      SAMPLE.replace('nginx:1.27', 'nginx').replace(
        'CloudWatchLogs: {}',
        'CloudWatchLogs: {}\n        Router: {Image: amazon/aws-for-fluent-bit:latest}',
      ),
    );
    const bad = sh('npx', ['--no-install', 'firelens', 'lint', 'bad.yaml'], project, env);
    expect(bad.status).toBe(4);
    expect(bad.stdout).toContain('FL1501');
  });

  it('runs `npx firelens expand`', () => {
    const out = parse(ok(sh('npx', ['--no-install', 'firelens', 'expand', 'template.yaml'], project, env))) as {
      Resources: Record<string, { Type: string }>;
    };

    expect(out.Resources['TaskFireLensLogGroup']?.Type).toBe('AWS::Logs::LogGroup');
  });
});
