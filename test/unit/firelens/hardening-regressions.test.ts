import { formatProblems } from '../../../functions/shared/errors';
import { expandFragment } from '../../../functions/shared/firelens';
import { refusal, runPipeline } from '../../../functions/shared/pipeline';
import type { Json, JsonObject } from '../../../functions/shared/template/intrinsics';

/**
 * Gaps the hardening tests (test/hostile, test/property) found and left alone, one `describe` per gap,
 * each with the smallest template that shows it.
 */

const expand = (fragment: JsonObject): { fragment?: JsonObject; error?: string } => {
  const result = expandFragment(fragment);
  return result.ok ? { fragment: result.fragment } : { error: formatProblems(result.problems) };
};

const resourcesOf = (fragment: JsonObject | undefined): Record<string, JsonObject> =>
  (fragment?.['Resources'] as Record<string, JsonObject> | undefined) ?? {};

const containersOf = (fragment: JsonObject | undefined): JsonObject[] =>
  ((resourcesOf(fragment)['Task']?.['Properties'] as JsonObject)['ContainerDefinitions'] as JsonObject[] | undefined) ?? [];

const template = (properties: JsonObject, resources: JsonObject = {}): JsonObject => ({
  Parameters: { StopSeconds: { Type: 'Number' }, AppName: { Type: 'String' } },
  Conditions: { IsProd: { 'Fn::Equals': ['prod', 'prod'] } },
  Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: properties }, ...resources },
});

const ec2 = (containers: Json[], fireLens: JsonObject, extra: JsonObject = {}): JsonObject =>
  template({
    RequiresCompatibilities: ['EC2'],
    NetworkMode: 'awsvpc',
    Memory: '1024',
    ContainerDefinitions: containers,
    FireLens: fireLens,
    ...extra,
  });

const CLOUDWATCH = { Destination: { CloudWatchLogs: { LogGroupName: '/ecs/app' } } };

const APP: JsonObject = { Name: 'app', Image: 'app:1', Memory: 256 };

const EXISTING_ROUTER: JsonObject = {
  Name: 'fluent-bit',
  Image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.5',
  Essential: true,
  MemoryReservation: 64,
  FirelensConfiguration: { Type: 'fluentbit' },
};

describe('a reused router whose FirelensConfiguration is not an object (was: reused as the router on guesses)', () => {
  it.each<[string, Json, RegExp]>([
    [
      'a string',
      'x',
      /FirelensConfiguration: must be an object \(\{Type: fluentbit or fluentd, Options\}\): the macro reuses this container as the log router/,
    ],
    ['a list', [{ Type: 'fluentbit' }], /FirelensConfiguration: must be an object/],
    [
      'an Fn::If',
      { 'Fn::If': ['IsProd', { Type: 'fluentbit' }, { Type: 'fluentd' }] },
      /FirelensConfiguration: is an intrinsic function \(Fn::If\); the macro reuses this container as the log router and cannot read it: write FirelensConfiguration out and put Fn::If on Type or Options/,
    ],
  ])('is refused when it is %s, naming the container', (_, configuration, message) => {
    // Arrange
    const fragment = ec2([{ ...EXISTING_ROUTER, FirelensConfiguration: configuration }, APP], CLOUDWATCH);

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toMatch(new RegExp(`Task\\.Properties\\.ContainerDefinitions\\[0\\]\\.${message.source}`));
  });

  it('is reported together with the other problems of the template', () => {
    // Arrange
    const fragment = ec2([{ ...EXISTING_ROUTER, FirelensConfiguration: 'x' }, APP], { ...CLOUDWATCH, BufferLimit: -1 });

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain('ContainerDefinitions[0].FirelensConfiguration: must be an object');
    expect(error).toContain('FireLens.BufferLimit: must be an integer');
  });
});

describe('a reused router whose own StopTimeout is an intrinsic (was: compared as if it were 120 s)', () => {
  it('is kept as written on EC2, even when a routed container stops more slowly than 120 s', () => {
    // Arrange
    const fragment = ec2(
      [
        { ...EXISTING_ROUTER, StopTimeout: { Ref: 'StopSeconds' } },
        { ...APP, StopTimeout: 300 },
      ],
      CLOUDWATCH,
    );

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(containersOf(out)[0]?.['StopTimeout']).toEqual({ Ref: 'StopSeconds' });
  });

  it('is not compared with routed StopTimeouts given by intrinsics either', () => {
    // Arrange
    const fragment = ec2(
      [
        { ...EXISTING_ROUTER, StopTimeout: { Ref: 'StopSeconds' } },
        { ...APP, StopTimeout: { Ref: 'StopSeconds' } },
      ],
      CLOUDWATCH,
    );

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
  });

  it('is refused when it is a literal that is not an integer', () => {
    // Arrange
    const fragment = ec2([{ ...EXISTING_ROUTER, StopTimeout: 'soon' }, APP], CLOUDWATCH);

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain('Task.Properties.ContainerDefinitions[0].StopTimeout: must be an integer number of seconds');
  });

  it('does not call a routed StopTimeout that is a literal but not an integer "an intrinsic function"', () => {
    // Arrange
    const fragment = ec2([{ ...APP, StopTimeout: 'late' }], CLOUDWATCH);

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain(
      "Task.Properties.ContainerDefinitions[0].StopTimeout: is not an integer, so the macro cannot make the log router's StopTimeout at least as long",
    );
  });
});

describe('a container-level FireLens that would have no effect (was: silently ignored)', () => {
  const worker: JsonObject = { Name: 'worker', Image: 'worker:1', Memory: 128 };

  it('is refused on a container that FireLens.Containers does not list', () => {
    // Arrange
    const fragment = ec2([APP, { ...worker, FireLens: { BufferLimit: 1024 } }], { ...CLOUDWATCH, Containers: ['app'] });

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain(
      'Task.Properties.ContainerDefinitions[1].FireLens: container "worker" has FireLens settings but is not in FireLens.Containers; add it there, or remove its FireLens',
    );
  });

  it('is refused as FireLens: false on a container FireLens.Containers lists', () => {
    // Arrange
    const fragment = ec2([APP, { ...worker, FireLens: false }], { ...CLOUDWATCH, Containers: ['app', 'worker'] });

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain(
      'Task.Properties.ContainerDefinitions[1].FireLens: container "worker" is in FireLens.Containers but opts out with FireLens: false',
    );
  });

  it('is refused on the log router the user wrote', () => {
    // Arrange
    const fragment = ec2([{ ...EXISTING_ROUTER, FireLens: { BufferLimit: 1024 } }, APP], CLOUDWATCH);

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain(
      'Task.Properties.ContainerDefinitions[0].FireLens: container "fluent-bit" is the log router and has FireLens settings; it cannot log through itself',
    );
  });

  it('still takes FireLens: false on an unlisted container, and settings on a listed one', () => {
    // Arrange
    const fragment = ec2(
      [
        { ...APP, FireLens: { BufferLimit: 1024 } },
        { ...worker, FireLens: false },
      ],
      { ...CLOUDWATCH, Containers: ['app'] },
    );

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(containersOf(out)[1]?.['LogConfiguration']).toMatchObject({ Options: { 'log-driver-buffer-limit': '1024' } });
    expect(containersOf(out)[2]).toEqual(worker);
  });
});

describe('a routed container whose Name is an intrinsic or missing (was: log_stream_prefix "/")', () => {
  it('gets its stream prefix joined from the intrinsic at deploy time', () => {
    // Arrange
    const fragment = ec2([{ ...APP, Name: { Ref: 'AppName' } }], { Destination: { CloudWatchLogs: {} } });

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(containersOf(out)[1]?.['Name']).toEqual({ Ref: 'AppName' });
    expect(containersOf(out)[1]?.['LogConfiguration']).toMatchObject({
      Options: { log_stream_prefix: { 'Fn::Join': ['', [{ Ref: 'AppName' }, '/']] } },
    });
    expect(refusal(runPipeline({ template: fragment }, { expand: 'fragment' }))).toEqual([]);
  });

  it('keeps a LogStreamPrefix the user gave', () => {
    // Arrange
    const fragment = ec2([{ ...APP, Name: { Ref: 'AppName' } }], { Destination: { CloudWatchLogs: { LogStreamPrefix: 'web-' } } });

    // Act
    const { fragment: out } = expand(fragment);

    // Assert
    expect(containersOf(out)[1]?.['LogConfiguration']).toMatchObject({ Options: { log_stream_prefix: 'web-' } });
  });

  it('is refused without a Name, or with a Name that is not a string, naming each container', () => {
    // Arrange
    const nameless = Object.fromEntries(Object.entries(APP).filter(([key]) => key !== 'Name'));
    const fragment = ec2(
      [nameless, { ...APP, Name: ['app'] }, { ...APP, Name: 'sidecar', LogConfiguration: { LogDriver: 'awslogs' } }],
      CLOUDWATCH,
    );

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain('Task.Properties.ContainerDefinitions[0].Name: is required: ECS refuses a container definition without a Name');
    expect(error).toContain('Task.Properties.ContainerDefinitions[1].Name: must be a string (or an intrinsic function that gives one)');
    expect(error).not.toContain('ContainerDefinitions[2]');
  });
});

describe('secrets given as an intrinsic (was: no read permission on the execution role)', () => {
  const SECRET_A = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:router-a-AbC123';
  const SECRET_B = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:router-b';
  const PARAMETER = 'arn:aws:ssm:eu-west-1:111122223333:parameter/dd/apikey';
  const datadog = (secretOptions: Json): JsonObject => ({
    Destination: { Custom: { Name: 'datadog', Options: { Host: 'http-intake.logs.datadoghq.eu' }, SecretOptions: secretOptions } },
  });

  /** Resources the execution role the macro created gets `action` on, over all its statements. */
  const grantedOn = (out: JsonObject | undefined, action: string): Json[] => {
    const policies = (resourcesOf(out)['TaskFireLensExecutionRole']?.['Properties'] as JsonObject)['Policies'] as JsonObject[];
    const statements = policies.flatMap((p) => (p['PolicyDocument'] as JsonObject)['Statement'] as JsonObject[]);
    return statements.filter((s) => (s['Action'] as Json[]).includes(action)).flatMap((s) => s['Resource'] as Json[]);
  };

  it('takes the union of both branches of an Fn::If choosing Router.Secrets', () => {
    // Arrange
    const secrets = {
      'Fn::If': [
        'IsProd',
        [{ Name: 'A', ValueFrom: SECRET_A }],
        [
          { Name: 'B', ValueFrom: SECRET_B },
          { Name: 'C', ValueFrom: PARAMETER },
        ],
      ],
    };
    const fragment = ec2([APP], { ...CLOUDWATCH, Router: { Secrets: secrets } });

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(containersOf(out)[0]?.['Secrets']).toEqual(secrets);
    expect(grantedOn(out, 'secretsmanager:GetSecretValue')).toEqual([SECRET_A, `${SECRET_B}-??????`]);
    expect(grantedOn(out, 'ssm:GetParameters')).toEqual([PARAMETER]);
  });

  it('reads each branch of an Fn::If ValueFrom, and of Custom SecretOptions on the task and on a container', () => {
    // Arrange
    const valueFrom = { 'Fn::If': ['IsProd', SECRET_B, PARAMETER] };
    const perStage = { 'Fn::If': ['IsProd', [{ Name: 'apikey', ValueFrom: SECRET_A }], [{ Name: 'apikey', ValueFrom: PARAMETER }]] };
    const fragment = ec2(
      [
        { ...APP, FireLens: datadog(perStage) },
        { ...APP, Name: 'worker' },
      ],
      datadog([{ Name: 'apikey', ValueFrom: valueFrom }]),
    );

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(grantedOn(out, 'secretsmanager:GetSecretValue')).toEqual(expect.arrayContaining([SECRET_A, `${SECRET_B}-??????`]));
    expect(grantedOn(out, 'ssm:GetParameters')).toEqual([PARAMETER]);
    expect(containersOf(out)[1]?.['LogConfiguration']).toMatchObject({ SecretOptions: perStage });
    expect(containersOf(out)[2]?.['LogConfiguration']).toMatchObject({ SecretOptions: [{ Name: 'apikey', ValueFrom: valueFrom }] });
    expect(refusal(runPipeline({ template: fragment }, { expand: 'fragment' }))).toEqual([]);
  });

  it('counts a must-have option as set only when every branch of an Fn::If SecretOptions sets it', () => {
    // Arrange
    const fragment = ec2([APP], datadog({ 'Fn::If': ['IsProd', [{ Name: 'apikey', ValueFrom: SECRET_A }], { Ref: 'AWS::NoValue' }] }));

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain('Task.Properties.ContainerDefinitions[0].LogConfiguration.Options: `datadog` needs `apikey`');
  });

  it('is refused when the list is an intrinsic the macro cannot read, naming each place', () => {
    // Arrange
    const fragment = ec2(
      [
        { ...APP, FireLens: datadog({ 'Fn::ImportValue': 'dd-secrets' }) },
        { ...APP, Name: 'worker' },
      ],
      {
        ...datadog({ 'Fn::If': ['IsProd', [{ Name: 'apikey', ValueFrom: SECRET_A }], { Ref: 'DdSecrets' }] }),
        Router: { Secrets: { Ref: 'RouterSecrets' } },
      },
    );

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain(
      'Task.Properties.FireLens.Router.Secrets: is an intrinsic function (Ref) the macro cannot read, so the execution role would get no secretsmanager:GetSecretValue / ssm:GetParameters on these secrets and the task would fail to start: write the list out (an Fn::If choosing between written-out lists is fine), or name an execution role (ExecutionRoleArn) that can read them and set FireLens.ExternalRolesGranted: true',
    );
    expect(error).toContain(
      'Task.Properties.FireLens.Destination.Custom.SecretOptions: is an Fn::If with a branch the macro cannot read (Ref), so the execution role would get no',
    );
    expect(error).toContain(
      'Task.Properties.ContainerDefinitions[0].FireLens.Destination.Custom.SecretOptions: is an intrinsic function (Fn::ImportValue) the macro cannot read',
    );
  });

  it('is refused even with ExternalRolesGranted when the macro creates the execution role', () => {
    // Arrange
    const fragment = ec2([APP], { ...CLOUDWATCH, Router: { Secrets: { Ref: 'RouterSecrets' } }, ExternalRolesGranted: true });

    // Act
    const { error } = expand(fragment);

    // Assert
    expect(error).toContain('Task.Properties.FireLens.Router.Secrets: is an intrinsic function (Ref) the macro cannot read');
  });

  it.each<[string, Json]>([
    ['a role from outside the template', 'arn:aws:iam::111122223333:role/ecs-execution'],
    ['a role of the template', { 'Fn::GetAtt': ['ExecutionRole', 'Arn'] }],
  ])('is taken on the word of ExternalRolesGranted for %s', (_, role) => {
    // Arrange
    const roleResource = { ExecutionRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } };
    const properties = {
      RequiresCompatibilities: ['EC2'],
      NetworkMode: 'awsvpc',
      Memory: '1024',
      ContainerDefinitions: [APP],
      ExecutionRoleArn: role,
      TaskRoleArn: 'arn:aws:iam::111122223333:role/task',
    };
    const granted = template(
      { ...properties, FireLens: { ...datadog({ Ref: 'DdSecrets' }), Router: { LogGroup: false }, ExternalRolesGranted: true } },
      roleResource,
    );
    const notGranted = template(
      { ...properties, FireLens: { ...datadog({ Ref: 'DdSecrets' }), Router: { LogGroup: false } } },
      roleResource,
    );

    // Act
    const { error } = expand(granted);
    const { error: refused } = expand(notGranted);

    // Assert
    expect(error).toBeUndefined();
    expect(refused).toContain(
      'Task.Properties.FireLens.Destination.Custom.SecretOptions: is an intrinsic function (Ref) the macro cannot read, so the execution role would get no secretsmanager:GetSecretValue / ssm:GetParameters on these secrets and the task would fail to start: write the list out (an Fn::If choosing between written-out lists is fine), or grant read access to them on the execution role yourself and set FireLens.ExternalRolesGranted: true',
    );
  });
});

describe("an app container's own Secrets when the macro creates the execution role (was: no read permission)", () => {
  const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-password-AbC123';
  const PARAMETER = 'arn:aws:ssm:eu-west-1:111122223333:parameter/app/token';
  const statementsOf = (out: JsonObject | undefined): JsonObject[] => {
    const role = resourcesOf(out)['TaskFireLensExecutionRole']?.['Properties'] as JsonObject;
    return ((role['Policies'] as JsonObject[] | undefined) ?? []).flatMap(
      (p) => (p['PolicyDocument'] as JsonObject)['Statement'] as JsonObject[],
    );
  };

  it('grants the created role read access to exactly those secrets (ECS fetches them with it)', () => {
    // Arrange
    const app = {
      ...APP,
      Secrets: [
        { Name: 'DB_PASSWORD', ValueFrom: SECRET },
        { Name: 'TOKEN', ValueFrom: PARAMETER },
      ],
    };
    const fragment = ec2([app], CLOUDWATCH);

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(statementsOf(out)).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [SECRET] },
        { Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: [PARAMETER] },
      ]),
    );
    expect(containersOf(out)[1]?.['Secrets']).toEqual(app.Secrets);
  });

  it('refuses an app Secrets list the macro cannot read, naming the container', () => {
    const fragment = ec2([{ ...APP, Secrets: { Ref: 'AppSecrets' } }], CLOUDWATCH);

    const { error } = expand(fragment);

    expect(error).toContain('Task.Properties.ContainerDefinitions[0].Secrets: is an intrinsic function (Ref) the macro cannot read');
  });

  it("leaves the apps' secrets to an execution role the user gave", () => {
    // Arrange
    const properties = {
      RequiresCompatibilities: ['EC2'],
      NetworkMode: 'awsvpc',
      Memory: '1024',
      ExecutionRoleArn: 'arn:aws:iam::111122223333:role/ecs-execution',
    };
    const fragment = template({
      ...properties,
      ContainerDefinitions: [{ ...APP, Secrets: { Ref: 'AppSecrets' } }],
      FireLens: { ...CLOUDWATCH, Router: { LogGroup: false }, ExternalRolesGranted: true },
    });

    // Act
    const { fragment: out, error } = expand(fragment);

    // Assert
    expect(error).toBeUndefined();
    expect(resourcesOf(out)['TaskFireLensExecutionRole']).toBeUndefined();
  });
});
