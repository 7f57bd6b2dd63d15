import { formatProblems } from '../../../functions/shared/errors';
import { expandFragment } from '../../../functions/shared/firelens';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';

/**
 * Regressions found by the property-based tests (test/property/, issue #6), one `describe` per bug, each
 * with the smallest template that showed it.
 */

const expand = (fragment: JsonObject): { fragment?: JsonObject; error?: string } => {
  const result = expandFragment(fragment);
  return result.ok ? { fragment: result.fragment } : { error: formatProblems(result.problems) };
};

const containersOf = (fragment: JsonObject | undefined): JsonObject[] =>
  (((fragment?.['Resources'] as Record<string, JsonObject>)['Task']?.['Properties'] as JsonObject)['ContainerDefinitions'] as
    JsonObject[] | undefined) ?? [];

const resourcesOf = (fragment: JsonObject | undefined): Record<string, JsonObject> =>
  (fragment?.['Resources'] as Record<string, JsonObject> | undefined) ?? {};

/** One task definition; `containers` and `fireLens` are the parts a case changes. */
const template = (properties: JsonObject): JsonObject => ({
  Parameters: { StopSeconds: { Type: 'Number' }, RouterName: { Type: 'String' } },
  Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: properties } },
});

const ec2 = (containers: JsonObject[], fireLens: JsonObject): JsonObject =>
  template({
    RequiresCompatibilities: ['EC2'],
    NetworkMode: 'awsvpc',
    Memory: '1024',
    ContainerDefinitions: containers,
    FireLens: fireLens,
  });

const CLOUDWATCH = { Destination: { CloudWatchLogs: { LogGroupName: '/ecs/app' } } };

const EXISTING_ROUTER: JsonObject = {
  Name: 'fluent-bit',
  Image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.5',
  Essential: true,
  MemoryReservation: 64,
  FirelensConfiguration: { Type: 'fluentbit' },
};

describe('a routed StopTimeout given by an intrinsic on EC2 (was: router StopTimeout 9007199254740991)', () => {
  it('is refused when the router gets no explicit StopTimeout, naming the container', () => {
    // Arrange
    const fragment = ec2([{ Name: 'app', Image: 'app:1', Memory: 256, StopTimeout: { Ref: 'StopSeconds' } }], CLOUDWATCH);

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain(
      "Task.Properties.ContainerDefinitions[0].StopTimeout: is an intrinsic function, so the macro cannot make the log router's StopTimeout at least as long",
    );
  });

  it('is refused for a router the user wrote without a StopTimeout', () => {
    // Arrange
    const fragment = ec2([EXISTING_ROUTER, { Name: 'app', Image: 'app:1', Memory: 256, StopTimeout: { Ref: 'StopSeconds' } }], CLOUDWATCH);

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain('Task.Properties.ContainerDefinitions[1].StopTimeout: is an intrinsic function');
  });

  it('takes an explicit Router.StopTimeout as written', () => {
    // Arrange
    const fragment = ec2([{ Name: 'app', Image: 'app:1', Memory: 256, StopTimeout: { Ref: 'StopSeconds' } }], {
      ...CLOUDWATCH,
      Router: { StopTimeout: 300 },
    });

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(containersOf(out)[0]?.['StopTimeout']).toBe(300);
  });

  it('still counts as 120 s on Fargate, where that is the most a container may get', () => {
    // Arrange
    const fragment = template({
      RequiresCompatibilities: ['FARGATE'],
      NetworkMode: 'awsvpc',
      Cpu: '256',
      Memory: '512',
      ContainerDefinitions: [{ Name: 'app', Image: 'app:1', StopTimeout: { Ref: 'StopSeconds' } }],
      FireLens: CLOUDWATCH,
    });

    // Act
    const { fragment: out } = expand(fragment);

    // Assert
    expect(containersOf(out)[0]?.['StopTimeout']).toBe(120);
  });
});

describe('numbers of the FireLens property written as strings (was: passed through as strings, or ignored)', () => {
  it('become numbers in the router container, its log group and the buffer option', () => {
    // Arrange
    const fragment = ec2([{ Name: 'app', Image: 'app:1', Memory: 256 }], {
      ...CLOUDWATCH,
      BufferLimit: ' 4096 ',
      Router: { MemoryReservation: '32', Memory: '64', Cpu: '16', StopTimeout: '60', LogRetentionInDays: '14' },
    });

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(containersOf(out)[0]).toMatchObject({ Cpu: 16, Memory: 64, MemoryReservation: 32, StopTimeout: 60 });
    expect(resourcesOf(out)['TaskFireLensRouterLogGroup']?.['Properties']).toEqual({ RetentionInDays: 14 });
    expect(containersOf(out)[1]?.['LogConfiguration']).toMatchObject({ Options: { 'log-driver-buffer-limit': '4096' } });
  });
});

describe('a router the user wrote, named by an intrinsic (was: routed containers depended on a "log_router" that does not exist)', () => {
  it('is refused: the dependency on the router needs its name', () => {
    // Arrange
    const fragment = ec2(
      [
        { ...EXISTING_ROUTER, Name: { Ref: 'RouterName' } },
        { Name: 'app', Image: 'app:1', Memory: 256 },
      ],
      CLOUDWATCH,
    );

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain(
      'Task.Properties.ContainerDefinitions[0].Name: must be a literal string: the routed containers get a DependsOn on the log router by its name',
    );
  });
});

describe('retention periods CloudWatch Logs does not accept (was: a log group CloudFormation refuses at deploy)', () => {
  it('are refused, with the closest accepted period', () => {
    // Arrange
    const fragment = ec2([{ Name: 'app', Image: 'app:1', Memory: 256 }], {
      Destination: { CloudWatchLogs: { RetentionInDays: 13 } },
      Router: { LogRetentionInDays: 29 },
    });

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain('Task.Properties.FireLens.Destination.CloudWatchLogs.RetentionInDays: must be one of 1, 3, 5, 7, 14,');
    expect(error).toContain('not 13 (did you mean 14?)');
    expect(error).toContain('Task.Properties.FireLens.Router.LogRetentionInDays: must be one of');
    expect(error).toContain('not 29 (did you mean 30?)');
  });
});

describe('a router LogGroup written as an ARN (was: execution role scoped to "arn:aws:s3:::bucket:*")', () => {
  it('is refused, naming the field, because awslogs-group takes the log group name', () => {
    // Arrange
    const fragment = ec2([{ Name: 'app', Image: 'app:1', Memory: 256 }], {
      ...CLOUDWATCH,
      Router: { LogGroup: 'arn:aws:s3:::bucket' },
    });

    // Act
    const { error, fragment: expanded } = expand(fragment);

    // Assert
    expect(expanded).toBeUndefined();
    expect(error).toContain('Task.Properties.FireLens.Router.LogGroup: "arn:aws:s3:::bucket" is not a log group name');
  });

  it('still accepts a log group name with the characters CloudWatch Logs allows', () => {
    // Arrange
    const fragment = ec2([{ Name: 'app', Image: 'app:1', Memory: 256 }], {
      ...CLOUDWATCH,
      Router: { LogGroup: '/ecs/firelens#router_1.x-y' },
    });

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
  });
});
