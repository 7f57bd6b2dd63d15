import { validateTask } from '../../../functions/shared/firelens/validate-task';
import { EC2_PROPERTIES, specAndTask, taskOf, taskYaml } from './helpers';

/** The problems of a template whose FireLens property is valid. */
const validate = (yaml: string) => {
  const { spec, task } = specAndTask(yaml);
  return validateTask(spec, task).problems;
};

const paths = (problems: readonly { path: readonly (string | number)[] }[]): string[] => problems.map((p) => p.path.join('.'));

const PROPS = 'Resources.Task.Properties';

describe('validateTask', () => {
  it('accepts a Fargate task with one app container and a CloudWatchLogs destination', () => {
    // Act
    const problems = validate(taskYaml({}));

    // Assert
    expect(problems).toEqual([]);
  });

  it('refuses ContainerDefinitions that is not a literal list, and checks nothing else', () => {
    // Arrange: the router name would collide too, but nothing can be read from an Fn::If list
    const yaml = taskYaml({}).replace(
      /ContainerDefinitions:\n(.|\n)*?FireLens:/,
      'ContainerDefinitions: !If [IsProd, [{Name: a, Image: x}], [{Name: b, Image: y}]]\n      FireLens:',
    );

    // Act
    const problems = validate(yaml);

    // Assert
    expect(problems).toEqual([
      {
        logicalId: 'Task',
        path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions'],
        message: 'must be a literal list of container definitions for the FireLens expansion',
      },
    ]);
  });

  it('still reports the platform and the forward port when the FireLens property itself is wrong (no spec)', () => {
    // Arrange
    const task = taskOf(
      taskYaml({
        properties: `      RequiresCompatibilities: [FARGATE]
      RuntimePlatform: {OperatingSystemFamily: WINDOWS_SERVER_2019_CORE}`,
        containers: `        - Name: app
          Image: x
          PortMappings: [{ContainerPort: 80}, {ContainerPort: 24224, HostPort: 24224}]`,
        fireLens: '        Destination: 42',
      }),
    );

    // Act
    const { problems } = validateTask(undefined, task);

    // Assert
    expect(problems.map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
      `${PROPS}.RuntimePlatform.OperatingSystemFamily: FireLens is not supported for Windows containers on Fargate`,
      `${PROPS}.ContainerDefinitions.0.PortMappings.1.ContainerPort: port 24224 is FireLens's forward input; mapping it lets anything on the network write logs into the task`,
      `${PROPS}.ContainerDefinitions.0.PortMappings.1.HostPort: port 24224 is FireLens's forward input; mapping it lets anything on the network write logs into the task`,
    ]);
  });

  it('refuses a port range that includes 24224 (ContainerPortRange or HostPortRange, issue #12)', () => {
    // Arrange
    const task = taskOf(
      taskYaml({
        containers: `        - Name: app
          Image: x
          PortMappings: [{ContainerPortRange: '24000-25000'}, {ContainerPortRange: '8000-8100', HostPortRange: '24200-24300'}, {ContainerPortRange: '8000-8100'}]`,
        fireLens: '        Destination: 42',
      }),
    );

    // Act
    const { problems } = validateTask(undefined, task);

    // Assert
    expect(paths(problems)).toEqual([
      `${PROPS}.ContainerDefinitions.0.PortMappings.0.ContainerPortRange`,
      `${PROPS}.ContainerDefinitions.0.PortMappings.1.HostPortRange`,
    ]);
  });

  it('points at the index the user wrote even when an earlier container is not an object', () => {
    // Arrange
    const task = taskOf(
      taskYaml({
        containers: '        - oops\n        - {Name: app, Image: x, PortMappings: [{HostPort: 24224}]}',
        fireLens: '        Destination: 42',
      }),
    );

    // Act
    const { problems } = validateTask(undefined, task);

    // Assert
    expect(paths(problems)).toEqual([`${PROPS}.ContainerDefinitions.1.PortMappings.0.HostPort`]);
  });

  it('reads the launch type case-insensitively, as the template view does', () => {
    // Arrange
    const task = taskOf(
      taskYaml({
        properties: `      RequiresCompatibilities: [fargate]
      RuntimePlatform: {OperatingSystemFamily: windows_server_2022_full}`,
      }),
    );

    // Act
    const { problems } = validateTask(undefined, task);

    // Assert
    expect(paths(problems)).toEqual([`${PROPS}.RuntimePlatform.OperatingSystemFamily`]);
  });

  describe('the log router', () => {
    const ROUTER = `        - Name: router
          Image: my/fluent-bit
          FirelensConfiguration: {Type: fluentbit}`;

    it('refuses a second router at its FirelensConfiguration', () => {
      // Act
      const problems = validate(
        taskYaml({ containers: `${ROUTER}\n${ROUTER.replace('router', 'router2')}\n        - {Name: app, Image: x}` }),
      );

      // Assert
      expect(problems).toEqual([
        {
          logicalId: 'Task',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'FirelensConfiguration'],
          message: 'a task may have only one log router (FirelensConfiguration)',
        },
      ]);
    });

    it('refuses FireLens.Router beside a router the user wrote', () => {
      // Act
      const problems = validate(
        taskYaml({
          containers: `${ROUTER}\n        - {Name: app, Image: x}`,
          fireLens: `        Router: {Name: r}\n        Destination: {CloudWatchLogs: {}}`,
        }),
      );

      // Assert
      expect(problems).toEqual([
        {
          logicalId: 'Task',
          path: ['Resources', 'Task', 'Properties', 'FireLens', 'Router'],
          message:
            'the task already has a log router ("router"); remove FireLens.Router, or remove that container\'s FirelensConfiguration',
        },
      ]);
    });

    it('refuses a reused router whose Name is not a literal', () => {
      // Act
      const problems = validate(
        taskYaml({ containers: `${ROUTER.replace('Name: router', 'Name: !Ref RouterName')}\n        - {Name: app, Image: x}` }),
      );

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [
          `${PROPS}.ContainerDefinitions.0.Name`,
          'must be a literal string: the routed containers get a DependsOn on the log router by its name',
        ],
      ]);
    });

    it('refuses a new router whose name an app container already has', () => {
      // Act
      const problems = validate(taskYaml({ containers: '        - {Name: log_router, Image: x}' }));

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [`${PROPS}.FireLens.Router.Name`, 'a container is already named "log_router"; choose another router name'],
      ]);
    });

    it('refuses a reused router that waits for a container logging through it', () => {
      // Act
      const problems = validate(
        taskYaml({
          containers: `${ROUTER}\n          DependsOn: [{ContainerName: app, Condition: START}]\n        - {Name: app, Image: x}`,
        }),
      );

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [`${PROPS}.ContainerDefinitions.0.DependsOn`, 'the log router depends on a container that logs through it: a start-order cycle'],
      ]);
    });

    it('refuses an S3 config file on Fargate with a custom router image', () => {
      // Act
      const problems = validate(
        taskYaml({
          fireLens: `        Router: {Image: my/fluent-bit, ConfigFile: 'arn:aws:s3:::bucket/fluent.conf'}
        Destination: {CloudWatchLogs: {}}`,
        }),
      );

      // Assert
      expect(paths(problems)).toEqual([`${PROPS}.FireLens.Router.ConfigFile`]);
      expect(problems[0]?.message).toMatch(/^Fargate cannot load config files from S3/);
    });
  });

  describe('StopTimeout', () => {
    it('refuses a router StopTimeout shorter than a routed container’s', () => {
      // Act
      const problems = validate(
        taskYaml({
          containers: '        - {Name: app, Image: x, StopTimeout: 60}',
          fireLens: '        Router: {StopTimeout: 20}\n        Destination: {CloudWatchLogs: {}}',
        }),
      );

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [
          `${PROPS}.FireLens.Router.StopTimeout`,
          "is 20s, shorter than a routed container's StopTimeout (60s): its last logs would be lost",
        ],
      ]);
    });

    it('refuses a router StopTimeout above Fargate’s 120 s', () => {
      // Act
      const problems = validate(taskYaml({ fireLens: '        Router: {StopTimeout: 200}\n        Destination: {CloudWatchLogs: {}}' }));

      // Assert
      expect(problems.map((p) => p.message)).toEqual(['is 200s; Fargate allows at most 120s']);
    });

    it('asks for an explicit router StopTimeout on EC2 when a routed one is an intrinsic', () => {
      // Act
      const problems = validate(
        taskYaml({ properties: EC2_PROPERTIES, containers: '        - {Name: app, Image: x, StopTimeout: !Ref Stop}' }),
      );

      // Assert
      expect(paths(problems)).toEqual([`${PROPS}.ContainerDefinitions.0.StopTimeout`]);
      expect(problems[0]?.message).toMatch(
        /^is an intrinsic function, so the macro cannot make the log router's StopTimeout at least as long/,
      );
    });

    it('takes an intrinsic routed StopTimeout as Fargate’s cap instead of refusing it', () => {
      // Act
      const problems = validate(taskYaml({ containers: '        - {Name: app, Image: x, StopTimeout: !Ref Stop}' }));

      // Assert
      expect(problems).toEqual([]);
    });

    it('refuses a reused router StopTimeout that is not an integer', () => {
      // Act
      const problems = validate(
        taskYaml({
          containers: `        - {Name: router, Image: x, StopTimeout: soon, FirelensConfiguration: {Type: fluentbit}}
        - {Name: app, Image: x}`,
        }),
      );

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [`${PROPS}.ContainerDefinitions.0.StopTimeout`, 'must be an integer number of seconds (ECS refuses anything else)'],
      ]);
    });
  });

  describe('container selection', () => {
    it('refuses a FireLens.Containers entry that names no container', () => {
      // Act
      const problems = validate(taskYaml({ fireLens: '        Containers: [app, ghost]\n        Destination: {CloudWatchLogs: {}}' }));

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [`${PROPS}.FireLens.Containers.1`, 'no container is named "ghost"'],
      ]);
    });

    it('refuses a selected container that has a LogConfiguration of its own', () => {
      // Act
      const problems = validate(
        taskYaml({
          containers: `        - {Name: app, Image: x}
        - Name: side
          Image: y
          LogConfiguration: {LogDriver: awslogs}
          FireLens: {BufferLimit: 1024}`,
        }),
      );

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [
          `${PROPS}.ContainerDefinitions.1.LogConfiguration`,
          'container "side" is selected for FireLens but has a LogConfiguration of its own; remove one of the two',
        ],
      ]);
    });

    it('refuses a task where no container would log through FireLens', () => {
      // Act
      const problems = validate(taskYaml({ containers: '        - {Name: app, Image: x, LogConfiguration: {LogDriver: awslogs}}' }));

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [`${PROPS}.FireLens`, 'no container would log through FireLens: every container has its own LogConfiguration or opts out'],
      ]);
    });

    it('refuses a container without a Name', () => {
      // Act
      const problems = validate(taskYaml({ containers: '        - {Image: x}' }));

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [`${PROPS}.ContainerDefinitions.0.Name`, 'is required: ECS refuses a container definition without a Name'],
      ]);
    });
  });

  describe('routes', () => {
    it('refuses a short destination with a fluentd router', () => {
      // Act
      const problems = validate(
        taskYaml({ fireLens: '        Router: {Type: fluentd, Image: fluent/fluentd}\n        Destination: {CloudWatchLogs: {}}' }),
      );

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [
          `${PROPS}.FireLens.Destination.CloudWatchLogs`,
          'short destinations configure Fluent Bit outputs; with a fluentd router use Custom (its Name becomes the Fluentd @type)',
        ],
      ]);
    });

    it('refuses Options.Name that would change a short destination’s plugin', () => {
      // Act
      const problems = validate(taskYaml({ fireLens: '        Destination: {CloudWatchLogs: {Options: {Name: s3}}}' }));

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toContainEqual([
        `${PROPS}.FireLens.Destination.CloudWatchLogs.Options.Name`,
        'cannot change the plugin of a CloudWatchLogs destination; use Custom for another plugin',
      ]);
    });

    it('refuses output options the plugin cannot work without, at the routed container', () => {
      // Act
      const problems = validate(taskYaml({ fireLens: '        Destination: {Custom: {Name: datadog}}' }));

      // Assert
      expect(paths(problems)).toEqual([`${PROPS}.ContainerDefinitions.0.LogConfiguration.Options`]);
      expect(problems[0]?.message).toContain('`datadog` needs `apikey`');
    });

    it('refuses a DependsOn on the router with a condition other than START or HEALTHY', () => {
      // Act
      const problems = validate(
        taskYaml({ containers: '        - {Name: app, Image: x, DependsOn: [{ContainerName: log_router, Condition: COMPLETE}]}' }),
      );

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [
          `${PROPS}.ContainerDefinitions.0.DependsOn`,
          'declares COMPLETE on the log router; FireLens needs START or HEALTHY (the router runs for the whole task)',
        ],
      ]);
    });
  });

  describe('memory', () => {
    it('refuses task memory that does not cover the containers, the router and the buffers', () => {
      // Act
      const problems = validate(
        taskYaml({
          containers: '        - {Name: app, Image: x, Memory: 400}',
          fireLens: '        BufferLimit: 51200\n        Destination: {CloudWatchLogs: {}}',
        }),
      );

      // Assert
      expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
        [
          `${PROPS}.Memory`,
          "task memory (512 MiB) must exceed the containers' memory (450 MiB, the log router included) plus the FireLens buffers (100 MiB: 51200 log lines at 2048 bytes each); raise Memory, or lower BufferLimit / BufferMemory",
        ],
      ]);
    });

    it('stays silent when a container’s Memory is an intrinsic (the sum is unknown)', () => {
      // Act
      const problems = validate(
        taskYaml({
          containers: '        - {Name: app, Image: x, Memory: !Ref AppMemory, MemoryReservation: 10}',
          fireLens: '        BufferLimit: 51200\n        Destination: {CloudWatchLogs: {}}',
        }),
      );

      // Assert
      expect(problems).toEqual([]);
    });
  });

  describe('roles and secrets', () => {
    it('refuses a task role outside the template, listing what it needs', () => {
      // Act
      const problems = validate(
        taskYaml({
          properties: `      RequiresCompatibilities: [FARGATE]
      TaskRoleArn: arn:aws:iam::123456789012:role/app`,
          fireLens: '        Destination: {Firehose: {DeliveryStreamName: logs}}',
        }),
      );

      // Assert
      expect(paths(problems)).toEqual([`${PROPS}.TaskRoleArn`]);
      expect(problems[0]?.message).toMatch(
        /^names a role outside this template, which the macro cannot extend; it needs: firehose:PutRecordBatch on /,
      );
    });

    it('accepts that role when the user says it is granted', () => {
      // Act
      const problems = validate(
        taskYaml({
          properties: `      RequiresCompatibilities: [FARGATE]
      TaskRoleArn: arn:aws:iam::123456789012:role/app`,
          fireLens: '        ExternalRolesGranted: true\n        Destination: {Firehose: {DeliveryStreamName: logs}}',
        }),
      );

      // Assert
      expect(problems).toEqual([]);
    });

    it('refuses router Secrets the macro cannot read when it creates the execution role', () => {
      // Act
      const problems = validate(
        taskYaml({ fireLens: '        Router: {Secrets: !Ref RouterSecrets}\n        Destination: {CloudWatchLogs: {}}' }),
      );

      // Assert
      expect(paths(problems)).toEqual([`${PROPS}.FireLens.Router.Secrets`]);
      expect(problems[0]?.message).toMatch(/^is an intrinsic function \(Ref\) the macro cannot read, so the execution role would get no/);
      expect(problems[0]?.message).toContain('or name an execution role (ExecutionRoleArn) that can read them');
    });
  });

  it('reports every problem of the task at once, in a stable order', () => {
    // Act
    const problems = validate(
      taskYaml({
        containers: `        - {Name: log_router, Image: x, PortMappings: [{ContainerPort: 24224}]}
        - {Name: app, Image: x, DependsOn: [{ContainerName: log_router, Condition: SUCCESS}]}`,
        fireLens: '        Router: {StopTimeout: 500}\n        Destination: {CloudWatchLogs: {}}',
      }),
    );

    // Assert
    expect(paths(problems)).toEqual([
      `${PROPS}.FireLens.Router.Name`,
      `${PROPS}.ContainerDefinitions.0.PortMappings.0.ContainerPort`,
      `${PROPS}.ContainerDefinitions.1.DependsOn`,
      `${PROPS}.FireLens.Router.StopTimeout`,
    ]);
  });
});
