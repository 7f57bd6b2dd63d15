import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runCli } from '../../functions/cli/main';
import type { ExplainedTask } from '../../functions/shared/explain/types';

const ROOT = join(__dirname, '..', '..');

/** Runs the CLI in-process; paths are read from `files`, else from the repository. */
const run = async (args: string[], files: Record<string, string> = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => files[path] ?? readFileSync(join(ROOT, path), 'utf8'),
  });
  return { code, stdout, stderr };
};

const TWO_TASKS = `Transform: FireLensMacro
Resources:
  Web:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions:
        - Name: web
          Image: public.ecr.aws/docker/library/nginx:1.27
      FireLens:
        Destination:
          CloudWatchLogs: {LogGroupName: /ecs/web}
        BufferLimit: 512
  Worker:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions:
        - Name: worker
          Image: public.ecr.aws/docker/library/python:3.12-slim
      FireLens:
        Destination:
          Custom:
            Name: datadog
            Options: {Host: http-intake.logs.datadoghq.com}
            SecretOptions:
              - {Name: apikey, ValueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:dd-AbCdEf'}
  Plain:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/docker/library/nginx:1.27
`;

describe('firelens explain', () => {
  it('explains only the task --task names', async () => {
    // Act
    const { code, stdout } = await run(['explain', 't.yaml', '--task', 'Worker'], { 't.yaml': TWO_TASKS });

    // Assert
    expect(code).toBe(0);
    expect(stdout).toContain('# Worker: log router "log_router" (fluentbit)');
    expect(stdout).not.toContain('# Web:');
    expect(stdout).toContain('    Match worker-firelens*\n');
  });

  it('refuses an unknown --task with exit 32 and lists the FireLens task ids', async () => {
    // Act
    const { code, stdout, stderr } = await run(['explain', 't.yaml', '--task', 'Nope'], { 't.yaml': TWO_TASKS });

    // Assert
    expect(code).toBe(32);
    expect(stdout).toBe('');
    expect(stderr).toContain('no FireLens task Nope in t.yaml; its FireLens tasks: Web, Worker');
  });

  it('never prints a secret value: the output gets the agent variable (option name, container index 1 after the router), the ARN is named', async () => {
    // Act
    const { stdout } = await run(['explain', 't.yaml', '--task', 'Worker'], { 't.yaml': TWO_TASKS });

    // Assert
    expect(stdout).toContain('    apikey ${apikey_1}\n');
    expect(stdout).toContain(
      'secret: apikey = ${apikey_1}, from SecretOptions arn:aws:secretsmanager:us-east-1:111122223333:secret:dd-AbCdEf',
    );
  });

  it('prints the same explanation as JSON with the documented fields', async () => {
    // Act
    const { code, stdout } = await run(['explain', 't.yaml', '--format', 'json'], { 't.yaml': TWO_TASKS });
    const parsed = JSON.parse(stdout) as { template: string; tasks: ExplainedTask[] };

    // Assert
    expect(code).toBe(0);
    expect(parsed.template).toBe('t.yaml');
    expect(parsed.tasks.map((t) => t.logicalId)).toEqual(['Web', 'Worker']);
    const [web] = parsed.tasks;
    expect(web?.router).toMatchObject({ name: 'log_router', type: 'fluentbit', memBufLimit: '25MB' });
    expect(web?.outputs[0]).toMatchObject({
      container: 'web',
      match: 'web-firelens*',
      plugin: 'cloudwatch_logs',
      taskRole: 'WebFireLensTaskRole',
      buffer: { lines: 512, from: 'log-driver-buffer-limit', estimateBytes: 512 * 2048 },
    });
    expect(web?.outputs[0]?.permissions.flatMap((p) => p.actions)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(web?.config).toContain('[OUTPUT]\n    Name cloudwatch_logs\n    Match web-firelens*\n    log_group_name /ecs/web\n');
  });

  it('says when a template has no FireLens task', async () => {
    // Act
    const { code, stdout } = await run(['explain', 'p.yaml'], { 'p.yaml': 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n' });

    // Assert
    expect(code).toBe(0);
    expect(stdout).toBe('# p.yaml: no task definition has a FireLens log router.\n');
  });

  it('exits 1 with every problem when the macro would refuse the template', async () => {
    // Arrange
    const refused = TWO_TASKS.replace('BufferLimit: 512', 'BufferLimit: -1');

    // Act
    const { code, stdout, stderr } = await run(['explain', 't.yaml'], { 't.yaml': refused });

    // Assert
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('t.yaml: the macro would refuse the template, so nothing deploys:\n  Web.Properties.FireLens.BufferLimit');
  });

  it('rejects a bad --format and a missing template as usage mistakes', async () => {
    // Act
    const badFormat = await run(['explain', 't.yaml', '--format', 'yaml'], { 't.yaml': TWO_TASKS });
    const noTemplate = await run(['explain']);

    // Assert
    expect(badFormat.code).toBe(32);
    expect(badFormat.stderr).toContain('--format must be text or json');
    expect(noTemplate.code).toBe(32);
    expect(noTemplate.stderr).toContain('no template given');
  });

  it('is listed in the program help and has its own', async () => {
    // Act
    const program = await run(['--help']);
    const own = await run(['explain', '--help']);

    // Assert
    expect(program.stdout).toContain('explain TEMPLATE');
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('Usage: firelens explain TEMPLATE [options]');
  });
});

describe('README', () => {
  it('shows what `firelens explain` prints for the README example', async () => {
    // Arrange
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = '<!-- explain:start -->\n```text\n';
    const end = '```\n<!-- explain:end -->';
    const shown = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end));

    // Act
    const { code, stdout } = await run(['explain', 'examples/fargate-cloudwatch.yaml']);

    // Assert
    expect(code).toBe(0);
    expect(readme).toContain(start);
    expect(shown).toBe(stdout);
  });
});
