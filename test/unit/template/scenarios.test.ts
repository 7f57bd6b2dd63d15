import { lintTemplate } from '../../../functions/shared/rules/lint';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { MAX_SCENARIOS, planScenarios } from '../../../functions/shared/template/scenarios';

const ROUTER = {
  Name: 'log_router',
  Image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
  FirelensConfiguration: { Type: 'fluentbit' },
  MemoryReservation: 50,
};
const APP = {
  Name: 'app',
  Image: 'nginx:1.27',
  LogConfiguration: {
    LogDriver: 'awsfirelens',
    Options: { Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: '/app', log_stream_prefix: 'app-' },
  },
};
const unknownCondition = (name: string): JsonObject => ({ [name]: { 'Fn::Equals': [{ Ref: 'Environment' }, name] } });

/** A FireLens service whose group gets `ingress`; `extra` adds resources, parameters or conditions. */
const serviceTemplate = (ingress: JsonObject[] | JsonObject, extra: JsonObject = {}): JsonObject => ({
  Parameters: { Environment: { Type: 'String' }, ...(extra['Parameters'] as JsonObject | undefined) },
  Conditions: (extra['Conditions'] as JsonObject | undefined) ?? {},
  Resources: {
    Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { NetworkMode: 'awsvpc', ContainerDefinitions: [ROUTER, APP] } },
    Group: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', SecurityGroupIngress: ingress } },
    Service: {
      Type: 'AWS::ECS::Service',
      Properties: {
        TaskDefinition: { Ref: 'Task' },
        NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: [{ 'Fn::GetAtt': ['Group', 'GroupId'] }] } },
      },
    },
    ...(extra['Resources'] as JsonObject | undefined),
  },
});
const open = (port: JsonObject | number): JsonObject => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: '0.0.0.0/0' });

describe('planScenarios', () => {
  it('takes the fast path (no scenarios, no copy) without Fn::If or allowed-value Ref in the rules’ resources', () => {
    // Arrange: an Fn::If outside them and a parameter that has a Default but no AllowedValues
    const template = serviceTemplate([open({ Ref: 'Port' })], {
      Parameters: { Port: { Type: 'Number', Default: 24224 } },
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::If': ['C', 'a', 'b'] } } } },
    });

    // Act
    const plan = planScenarios(template);

    // Assert
    expect(plan).toBeUndefined();
  });

  it('keeps a Ref to a parameter without AllowedValues (a deploy can override its Default), substitutes allowed values', () => {
    // Arrange
    const template = serviceTemplate([open({ Ref: 'Port' }), open({ Ref: 'Allowed' })], {
      Parameters: { Port: { Type: 'Number', Default: 80 }, Allowed: { Type: 'Number', AllowedValues: [80, 24224] } },
    });

    // Act
    const plan = planScenarios(template);

    // Assert
    const ingress = plan?.scenarios.map((s) => (s.template['Resources'] as JsonObject)['Group']);
    expect(plan?.scenarios.map((s) => s.assumptions)).toEqual([
      [{ kind: 'parameter', name: 'Allowed', value: 80 }],
      [{ kind: 'parameter', name: 'Allowed', value: 24224 }],
    ]);
    expect(ingress?.[1]).toEqual({
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'g', SecurityGroupIngress: [open({ Ref: 'Port' }), open(24224)] },
    });
    expect(template['Resources']).toEqual(serviceTemplate([open({ Ref: 'Port' }), open({ Ref: 'Allowed' })])['Resources']);
  });

  it('drops AWS::NoValue items and resources whose Condition is false, and maps paths into the chosen branch', () => {
    // Arrange
    const template = serviceTemplate([open(80), { 'Fn::If': ['Open', open(24224), { Ref: 'AWS::NoValue' }] }, open(443)], {
      Conditions: unknownCondition('Open'),
      Resources: { Extra: { Type: 'AWS::EC2::SecurityGroup', Condition: 'Open', Properties: { GroupDescription: 'x' } } },
    });

    // Act
    const [whenFalse, whenTrue] = planScenarios(template)?.scenarios ?? [];

    // Assert
    const groupOf = (t: JsonObject | undefined): unknown => (t?.['Resources'] as JsonObject)['Group'];
    expect(groupOf(whenFalse?.template)).toMatchObject({ Properties: { SecurityGroupIngress: [open(80), open(443)] } });
    expect(Object.keys(whenFalse?.template['Resources'] as JsonObject)).not.toContain('Extra');
    expect(Object.keys(whenTrue?.template['Resources'] as JsonObject)).toContain('Extra');
    const ingress = ['Resources', 'Group', 'Properties', 'SecurityGroupIngress'];
    expect(whenFalse?.originalPath([...ingress, 1, 'FromPort'])).toEqual([...ingress, 2, 'FromPort']);
    expect(whenTrue?.originalPath([...ingress, 1, 'FromPort'])).toEqual([...ingress, 1, 'Fn::If', 1, 'FromPort']);
    expect(whenTrue?.originalPath([...ingress, 2])).toEqual([...ingress, 2]);
  });

  it('evaluates conditions so that a condition and its negation are never both true', () => {
    // Arrange
    const template = serviceTemplate([open({ 'Fn::If': ['A', { 'Fn::If': ['NotA', 24224, 80] }, 443] })], {
      Conditions: { ...unknownCondition('A'), NotA: { 'Fn::Not': [{ Condition: 'A' }] } },
    });

    // Act
    const plan = planScenarios(template);

    // Assert
    expect(plan?.scenarios).toHaveLength(2);
    expect(lintTemplate(template).filter((f) => f.ruleId === 'FL1301')).toEqual([]);
  });

  it(`checks at most ${String(MAX_SCENARIOS)} scenarios and reports the bound (FL0004), still finding a violation behind one condition`, () => {
    // Arrange: 40 independent conditions (2^40 combinations); the last one opens 24224
    const names = Array.from({ length: 40 }, (_, i) => `C${String(i).padStart(2, '0')}`);
    const ingress = names.map((name, i) => ({ 'Fn::If': [name, open(i === 39 ? 24224 : 8000 + i), open(80)] }));
    const template = serviceTemplate(ingress, { Conditions: Object.assign({}, ...names.map(unknownCondition)) as JsonObject });

    // Act
    const plan = planScenarios(template);
    const findings = lintTemplate(template);

    // Assert
    expect(plan?.scenarios).toHaveLength(MAX_SCENARIOS);
    expect(plan?.truncated).toEqual({ combinations: '1,099,511,627,776', checked: MAX_SCENARIOS });
    // FL1601's informational "cannot check the task role" is beside the point here.
    const relevant = findings.filter((f) => f.ruleId !== 'FL1601');
    expect(relevant.map((f) => [f.ruleId, f.severity, f.path.join('/')])).toEqual([
      ['FL0004', 'informational', 'Conditions'],
      ['FL1301', 'error', 'Resources/Group/Properties/SecurityGroupIngress/39/Fn::If/1'],
    ]);
    expect(relevant[1]?.message).toMatch(/FireLens port 24224 \(when condition C39 is true\)$/);
    expect(relevant[0]?.message).toContain(
      'give 1,099,511,627,776 combinations, more than the 64 scenarios the rules run over; 64 were checked',
    );
  });
});

describe('lintTemplate over scenarios', () => {
  it('reports a finding every scenario has once, without a condition, and one that needs two conditions with both', () => {
    // Arrange
    const template = serviceTemplate([open(24224), open({ 'Fn::If': ['A', { 'Fn::If': ['B', 24224, 81] }, 82] })], {
      Conditions: { ...unknownCondition('A'), ...unknownCondition('B') },
    });

    // Act
    const findings = lintTemplate(template).filter((f) => f.ruleId === 'FL1301');

    // Assert
    expect(findings.map((f) => [f.path.join('/'), f.message.replace(/^.*24224-24224 from CIDR 0\.0\.0\.0\/0, /, '')])).toEqual([
      ['Resources/Group/Properties/SecurityGroupIngress/0', 'which includes the FireLens port 24224'],
      [
        'Resources/Group/Properties/SecurityGroupIngress/1',
        'which includes the FireLens port 24224 (when condition A is true and condition B is true)',
      ],
    ]);
  });

  it('names each scenario when no single set of conditions describes where the finding holds', () => {
    // Arrange: open when A and B differ
    const port = { 'Fn::If': ['A', { 'Fn::If': ['B', 80, 24224] }, { 'Fn::If': ['B', 24224, 80] }] };
    const template = serviceTemplate([open(port)], { Conditions: { ...unknownCondition('A'), ...unknownCondition('B') } });

    // Act
    const findings = lintTemplate(template).filter((f) => f.ruleId === 'FL1301');

    // Assert
    expect(findings.map((f) => f.message.slice(f.message.indexOf(' (when')))).toEqual([
      ' (when condition A is true and condition B is false, or condition A is false and condition B is true)',
    ]);
  });
});
