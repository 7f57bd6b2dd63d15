import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

import { runCli } from '../../functions/cli/main';

const ROOT = join(__dirname, '..', '..');

/** Runs the CLI in-process with captured output. */
const run = async (args: string[], files: Record<string, string> = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) {
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      }
      return text;
    },
  });
  return { code, stdout, stderr };
};

const TEMPLATE = `Transform: FireLensMacro
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      TaskRoleArn: !GetAtt Role.Arn
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/docker/library/nginx:1.27
      FireLens:
        Destination:
          Firehose: {DeliveryStreamName: !Ref Stream}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
  Stream:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties: {}
`;

describe('firelens expand', () => {
  it('prints the expanded template as YAML on stdout and nothing on stderr', async () => {
    // Act
    const { code, stdout, stderr } = await run(['expand', 't.yaml'], { 't.yaml': TEMPLATE });

    // Assert
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const out = parse(stdout) as { Transform?: unknown; Resources: Record<string, { Type: string }> };
    expect(out.Transform).toBeUndefined();
    expect(out.Resources['TaskFireLensTaskPolicy']?.Type).toBe('AWS::IAM::Policy');
    expect(stdout).toContain("'2012-10-17'".replace(/'/g, '"'));
  });

  it('prints JSON with --format json', async () => {
    const { code, stdout } = await run(['expand', 't.yaml', '--format', 'json'], { 't.yaml': TEMPLATE });

    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    expect(out.Resources['TaskFireLensTaskPolicy']?.Properties['PolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['firehose:PutRecordBatch'], Resource: [{ 'Fn::GetAtt': ['Stream', 'Arn'] }] }],
    });
  });

  it('exits 1 and lists every problem on stderr when the expansion is refused', async () => {
    const bad = TEMPLATE.replace('Firehose: {DeliveryStreamName: !Ref Stream}', 'Firehose: {}\n        BufferLimit: x');

    const { code, stdout, stderr } = await run(['expand', 't.yaml'], { 't.yaml': bad });

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      't.yaml: FireLens expansion failed:\n' +
        '  16:11: Task.Properties.FireLens.Destination.Firehose: DeliveryStreamName is required\n' +
        '  17:9: Task.Properties.FireLens.BufferLimit: must be an integer from 0 to 536870911\n',
    );
  });

  it('refuses, as the deployed macro does, a template whose expansion breaks a rule, naming the line the user wrote', async () => {
    // Arrange: the expansion itself works, but the rules over it find a plain api key (FL1405).
    const secret = TEMPLATE.replace(
      'Firehose: {DeliveryStreamName: !Ref Stream}',
      'Custom: {Name: datadog, Options: {apikey: abc123, Host: http-intake.logs.datadoghq.com, TLS: "on", provider: ecs}}',
    );

    // Act
    const expand = await run(['expand', 't.yaml'], { 't.yaml': secret });
    const lint = await run(['lint', 't.yaml', '--format', 'json'], { 't.yaml': secret });

    // Assert
    expect(expand.code).toBe(1);
    expect(expand.stdout).toBe('');
    expect(expand.stderr).toContain(
      '  16:45: Task.Properties.FireLens.Destination.Custom.Options.apikey: app sets apikey as a plain option value',
    );
    expect(expand.stderr).toContain('[FL1405]');
    const findings = JSON.parse(lint.stdout) as { Rule: { Id: string }; Location: { Start: { LineNumber: number } } }[];
    expect(findings.filter((f) => f.Rule.Id === 'FL1405').map((f) => f.Location.Start.LineNumber)).toEqual([16]);
  });

  it('reports a YAML error with its line and column', async () => {
    const { code, stderr } = await run(['expand', 't.yaml'], { 't.yaml': 'Resources:\n  A: 1\n  A: 2\n' });

    expect(code).toBe(1);
    expect(stderr).toMatch(/^t\.yaml:3:3: cannot parse the template: /);
  });

  it('reports a missing file and a usage mistake with distinct exit codes', async () => {
    expect((await run(['expand', 'missing.yaml'])).stderr).toContain('missing.yaml: cannot read the file (ENOENT)');
    expect((await run(['expand'])).code).toBe(32);
    expect((await run(['expand', 't.yaml', '--format', 'xml'], { 't.yaml': TEMPLATE })).code).toBe(32);
    expect((await run(['nonsense'])).code).toBe(32);
  });

  it('writes the macro event CloudFormation would send with --event', async () => {
    const { code, stdout } = await run(
      ['expand', 't.yaml', '--event', '--region', 'eu-west-1', '--account', '111122223333', '--param', 'Env=prod'],
      {
        't.yaml': TEMPLATE,
      },
    );

    expect(code).toBe(0);
    const event = JSON.parse(stdout) as Record<string, unknown>;
    expect(event).toMatchObject({
      region: 'eu-west-1',
      accountId: '111122223333',
      transformId: '111122223333::FireLensMacro',
      params: {},
      templateParameterValues: { Env: 'prod' },
    });
    expect(Object.keys(event['fragment'] as object)).toEqual(['Resources']);
  });
});

describe('the firelens executable', () => {
  it("runs `npm start`'s job on the bundled example with the result on stdout only", () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'firelens-'));
    writeFileSync(join(dir, 't.yaml'), TEMPLATE);

    // Act
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'firelens.cjs'), 'expand', join(dir, 't.yaml')], { encoding: 'utf8' });

    // Assert
    expect(result.status).toBe(0);
    expect(parse(result.stdout)).toHaveProperty(['Resources', 'TaskFireLensTaskPolicy', 'Type'], 'AWS::IAM::Policy');
  }, 60_000);
});
