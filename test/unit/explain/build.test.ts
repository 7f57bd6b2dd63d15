import { explainTemplate } from '../../../functions/shared/explain/build';
import type { Json, JsonObject } from '../../../functions/shared/template/intrinsics';

/** A template with one task: a router (given properties) and an app routed to CloudWatch Logs. */
const template = (task: JsonObject, router: JsonObject = {}, app: JsonObject = {}): JsonObject => ({
  Resources: {
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Family: 'fam',
        ContainerDefinitions: [
          {
            Name: 'router',
            Image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.34.3',
            FirelensConfiguration: { Type: 'fluentbit' },
            ...router,
          },
          {
            Name: 'app',
            Image: 'nginx',
            LogConfiguration: {
              LogDriver: 'awsfirelens',
              Options: { Name: 'cloudwatch_logs', log_group_name: '/ecs/app', region: 'us-east-1' },
            },
            ...app,
          },
        ] as Json[],
        ...task,
      },
    },
  },
});

const explainOne = (t: JsonObject) => {
  const [task] = explainTemplate(t);
  if (task === undefined) {
    throw new Error('no task explained');
  }
  return task;
};

describe('explainTemplate', () => {
  it.each([
    [{ MemoryReservation: 51 }, '25MB'],
    [{ MemoryReservation: 100, Memory: 512 }, '50MB'],
    [{ Memory: 300 }, '150MB'],
    [{}, '25MB'],
    [{ MemoryReservation: { Ref: 'RouterMemory' } }, '<MemoryReservation / 2>MB'],
  ])('sets the forward input Mem_Buf_Limit from router memory %j as the agent does: %s', (router, expected) => {
    // Act
    const task = explainOne(template({ NetworkMode: 'awsvpc' }, router));

    // Assert
    expect(task.router.memBufLimit).toBe(expected);
    expect(task.config).toContain(`[INPUT]\n    Name forward\n    Mem_Buf_Limit ${expected}\n    unix_path /var/run/fluent.sock\n`);
  });

  it.each([
    ['awsvpc', '127.0.0.1'],
    ['bridge', '0.0.0.0'],
  ])('in %s mode adds the TCP forward input on %s and the health-check pair', (mode, listen) => {
    // Act
    const task = explainOne(template({ NetworkMode: mode }));

    // Assert
    expect(task.config).toContain(`[INPUT]\n    Name forward\n    Listen ${listen}\n    Port 24224\n`);
    expect(task.config).toContain('[INPUT]\n    Name tcp\n    Tag firelens-healthcheck\n    Listen 127.0.0.1\n    Port 8877\n');
    expect(task.config).toContain('[OUTPUT]\n    Name null\n    Match firelens-healthcheck\n');
  });

  it('in host mode has only the unix socket input and no health check', () => {
    // Act
    const task = explainOne(template({ NetworkMode: 'host' }));

    // Assert
    expect(task.config).not.toContain('24224');
    expect(task.config).not.toContain('firelens-healthcheck');
  });

  it.each([
    ['false', 'off'],
    ['yes', 'off'],
    ['True', 'on'],
  ])('reads enable-ecs-log-metadata %s with Go ParseBool (an invalid value leaves it off): %s', (value, expected) => {
    // Act
    const task = explainOne(template({}, { FirelensConfiguration: { Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': value } } }));

    // Assert
    expect(task.ecsMetadata).toBe(expected);
    expect(task.config.includes('record_modifier')).toBe(expected === 'on');
  });

  it('adds ec2_instance_id to the metadata only where the task may run on EC2', () => {
    // Act
    const ec2 = explainOne(template({ RequiresCompatibilities: ['EC2'] }));
    const fargate = explainOne(template({ RequiresCompatibilities: ['FARGATE'], NetworkMode: 'awsvpc' }));

    // Assert
    expect(ec2.config).toContain('    Record ec2_instance_id <EC2 instance id>\n    Record ecs_cluster <cluster name>\n');
    expect(fargate.config).not.toContain('ec2_instance_id');
    expect(fargate.config).toContain('    Record ecs_task_definition fam:<revision>\n');
  });

  it('keeps Name, the patterns and the buffer limit out of the output options, and writes the rest sorted by key', () => {
    // Arrange
    const options = { Name: 'http', uri: '/x', Host: 'h', 'include-pattern': 'a', 'exclude-pattern': 'b', 'log-driver-buffer-limit': '10' };

    // Act
    const task = explainOne(template({}, {}, { LogConfiguration: { LogDriver: 'awsfirelens', Options: options } }));

    // Assert
    expect(task.config).toContain('[FILTER]\n    Name   grep\n    Match app-firelens*\n    Regex  log a\n');
    expect(task.config).toContain('[FILTER]\n    Name   grep\n    Match app-firelens*\n    Exclude log b\n');
    expect(task.config).toMatch(/\[OUTPUT\]\n {4}Name http\n {4}Match app-firelens\*\n {4}Host h\n {4}uri \/x\n$/);
    expect(task.outputs[0]?.buffer).toEqual({ lines: 10, from: 'log-driver-buffer-limit', estimateBytes: 20480 });
  });

  it('says the agent fails a container whose options set no Name, and writes it no output', () => {
    // Act
    const task = explainOne(template({}, {}, { LogConfiguration: { LogDriver: 'awsfirelens', Options: { region: 'us-east-1' } } }));

    // Assert
    expect(task.outputs[0]?.plugin).toBeUndefined();
    expect(task.outputs[0]?.notes).toContain('The options set no Name: the ECS agent fails the task ("missing output key Name").');
    expect(task.config).not.toContain('Match app-firelens*');
  });

  it('renders no Fluent Bit file for a fluentd router, and says so', () => {
    // Act
    const task = explainOne(template({}, { FirelensConfiguration: { Type: 'fluentd' } }));

    // Assert
    expect(task.config).toBe('');
    expect(task.notes).toContain("The router's type is fluentd: only a fluentbit router's configuration is rendered.");
  });

  it('names a container entry it cannot read instead of ignoring it', () => {
    // Arrange
    const t = template({});
    const properties = (t['Resources'] as JsonObject)['Task'] as JsonObject;
    const containers = (properties['Properties'] as JsonObject)['ContainerDefinitions'] as Json[];
    containers.push({ 'Fn::If': ['Extra', { Name: 'extra', Image: 'x' }, { Ref: 'AWS::NoValue' }] });

    // Act
    const task = explainOne(t);

    // Assert
    expect(task.notes).toContain(
      'ContainerDefinitions[2] is ${If:Extra ? {"Name":"extra","Image":"x"} : ${Ref:AWS::NoValue}}: that container is not explained.',
    );
  });
});

describe('explainTemplate on a conditional FireLens (ContainerDefinitions under Fn::If)', () => {
  it('explains the branch that has the router and says which condition it needs', () => {
    // Arrange
    const plain = template({});
    const task = (plain['Resources'] as Record<string, JsonObject>)['Task'] as JsonObject;
    const properties = task['Properties'] as JsonObject;
    const withRouter = properties['ContainerDefinitions'] as Json[];
    const conditional: JsonObject = {
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
      Resources: {
        Task: {
          ...task,
          Properties: { ...properties, ContainerDefinitions: { 'Fn::If': ['IsProd', withRouter, [{ Name: 'app', Image: 'nginx' }]] } },
        },
      },
    };

    // Act
    const explained = explainTemplate(conditional);

    // Assert
    expect(explained.map((t) => t.logicalId)).toEqual(['Task']);
    expect(explained[0]?.notes[0]).toBe('This log router exists only when condition IsProd is true; this is that configuration.');
    expect(explained[0]?.outputs.map((o) => o.container)).toEqual(['app']);
  });
});
