import { expandMacroEvent } from '../../../functions/macro/handler';
import { prepareTemplate, refusal, runPipeline } from '../../../functions/shared/pipeline';
import { loadTemplate } from '../../../functions/shared/template/load';

/** A Fargate task whose two containers log through FireLens; a plain api key is on line 17, in FireLens. */
const TEMPLATE = [
  'Transform: FireLensMacro', // 1
  'Resources:', // 2
  '  Task:', // 3
  '    Type: AWS::ECS::TaskDefinition', // 4
  '    Properties:', // 5
  '      RequiresCompatibilities: [FARGATE]', // 6
  '      NetworkMode: awsvpc', // 7
  '      Cpu: 256', // 8
  '      Memory: 512', // 9
  '      ContainerDefinitions:', // 10
  '        - {Name: web, Image: web:1}', // 11
  '        - {Name: worker, Image: worker:1}', // 12
  '      FireLens:', // 13
  '        Destination:', // 14
  '          Custom:', // 15
  '            Name: datadog', // 16
  '            Options: {apikey: abc123, Host: http-intake.logs.datadoghq.com, TLS: "on", provider: ecs}', // 17
].join('\n');

const COMPLIANT = TEMPLATE.replace('apikey: abc123, ', '').replace(
  '            Name: datadog',
  '            Name: datadog\n            SecretOptions: [{Name: apikey, ValueFrom: arn:aws:secretsmanager:eu-west-1:111122223333:secret:dd-AbCdEf}]',
);

/** What CloudFormation sends the macro: the template without its Transform section. */
const fragmentOf = (text: string) => Object.fromEntries(Object.entries(loadTemplate(text).template).filter(([key]) => key !== 'Transform'));

describe('runPipeline', () => {
  it('reports a finding inside a routed container at the line the user wrote it on', () => {
    // Act
    const { findings } = runPipeline({ text: TEMPLATE, filename: 't.yaml' }, { expand: 'if-transform' });

    // Assert
    const secrets = findings.filter((f) => f.ruleId === 'FL1405');
    expect(secrets.map((f) => ({ path: f.path.join('/'), line: f.location?.line, logicalId: f.logicalId }))).toEqual([
      { path: 'Resources/Task/Properties/FireLens/Destination/Custom/Options/apikey', line: 17, logicalId: 'Task' },
      { path: 'Resources/Task/Properties/FireLens/Destination/Custom/Options/apikey', line: 17, logicalId: 'Task' },
    ]);
  });

  it('refuses in `firelens expand` mode exactly what the macro refuses, with the same problems', () => {
    // Act
    const cli = refusal(runPipeline({ text: TEMPLATE }, { expand: 'always' }));
    const macro = expandMacroEvent({ requestId: 'r', fragment: fragmentOf(TEMPLATE) });

    // Assert
    expect(cli.length).toBeGreaterThan(0);
    expect(cli[0]).toMatchObject({
      logicalId: 'Task',
      path: ['Resources', 'Task', 'Properties', 'FireLens', 'Destination', 'Custom', 'Options', 'apikey'],
    });
    expect(cli[0]?.message).toMatch(/apikey as a plain option value.*\[FL1405\]$/);
    expect(macro.status).toBe('failure');
    expect(macro.errorMessage).toContain('Task.Properties.FireLens.Destination.Custom.Options.apikey: ');
    expect(macro.errorMessage).not.toContain('ContainerDefinitions');
  });

  it('accepts the template once the key moves to SecretOptions, in every mode', () => {
    expect(refusal(runPipeline({ text: COMPLIANT }, { expand: 'always' }))).toEqual([]);
    expect(refusal(runPipeline({ text: COMPLIANT }, { expand: 'if-transform' }))).toEqual([]);
    expect(expandMacroEvent({ requestId: 'r', fragment: fragmentOf(COMPLIANT) }).status).toBe('success');
  });

  it('lints a template without the macro as written, at its own paths', () => {
    // Arrange
    const text = TEMPLATE.replace('Transform: FireLensMacro\n', '');

    // Act
    const prepared = prepareTemplate({ text }, { expand: 'if-transform' });
    const { findings } = runPipeline({ text }, { expand: 'if-transform' });

    // Assert
    expect(prepared).toMatchObject({ stage: 'expanded', expanded: false });
    expect(findings.some((f) => f.ruleId === 'FL1405')).toBe(false);
  });

  it('expands only under the configured macro name', () => {
    // Arrange
    const renamed = TEMPLATE.replace('Transform: FireLensMacro', 'Transform: OrgFireLens');

    // Act
    const other = prepareTemplate({ text: renamed }, { expand: 'if-transform' });
    const named = prepareTemplate({ text: renamed }, { expand: 'if-transform', macroName: 'OrgFireLens' });

    // Assert
    expect(other).toMatchObject({ expanded: false });
    expect(named).toMatchObject({ expanded: true });
  });

  it('stops at an unreadable text with FL0000 at its line, and at a refused expansion with FL0002 at the user’s line', () => {
    // Act
    const unreadable = runPipeline({ text: 'Resources:\n  A: 1\n  A: 2\n' }, { expand: 'if-transform' });
    const refused = runPipeline({ text: TEMPLATE.replace('Name: datadog', 'Nmae: datadog') }, { expand: 'if-transform' });

    // Assert
    expect(unreadable.findings.map((f) => [f.ruleId, f.location?.line])).toEqual([['FL0000', 3]]);
    expect(refused.prepared.stage).toBe('refused');
    expect(refused.findings.map((f) => [f.ruleId, f.location?.line])).toContainEqual(['FL0002', 16]);
  });
});

describe('runPipeline: buffers of small declared lines', () => {
  it('counts them at 2048 bytes a line, as the rules and the hook do, so the macro never accepts what they refuse', () => {
    // Arrange: 64 MiB of 512-byte lines is 131072 lines, which lint and the hook (seeing only lines) count as 256 MiB.
    const text = `Transform: FireLensMacro
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
          Memory: 256
      FireLens:
        Destination: {CloudWatchLogs: {}}
        BufferMemory: 64
        AverageLogLineBytes: 512
`;

    // Act
    const problems = refusal(runPipeline({ text }, { expand: 'always' }));

    // Assert
    expect(problems.map((p) => p.message)).toEqual([
      "task memory (512 MiB) must exceed the containers' memory (306 MiB, the log router included) plus the FireLens buffers (256 MiB: 131072 log lines at 2048 bytes each); raise Memory, or lower BufferLimit / BufferMemory",
    ]);
  });
});
