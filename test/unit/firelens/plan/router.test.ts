import { deriveTask } from '../../../../functions/shared/firelens/derive/derive-task';
import { planRouter } from '../../../../functions/shared/firelens/plan/router';
import { planRoutes } from '../../../../functions/shared/firelens/plan/routes';
import { EC2_PROPERTIES, specAndTask, taskYaml } from '../helpers';

const plan = (yaml: string) => {
  const { spec, task } = specAndTask(yaml);
  return planRouter(spec, deriveTask(spec, task), task.containers);
};

const REUSED_ROUTER = `        - {Name: router, Image: my/fluent-bit, FirelensConfiguration: {Type: fluentbit}}`;

describe('planRouter', () => {
  it('puts a new router first, logging to a log group it creates for it', () => {
    // Act
    const { containers, resources } = plan(taskYaml({}));

    // Assert
    expect(containers.map((c) => c['Name'])).toEqual(['log_router', 'app']);
    expect(containers[0]?.['LogConfiguration']).toEqual({
      LogDriver: 'awslogs',
      Options: {
        'awslogs-group': { Ref: 'TaskFireLensRouterLogGroup' },
        'awslogs-region': { Ref: 'AWS::Region' },
        'awslogs-stream-prefix': 'firelens',
      },
    });
    expect(resources).toEqual([
      { logicalId: 'TaskFireLensRouterLogGroup', resource: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } } },
    ]);
  });

  it('creates no log group for a router with LogGroup: false', () => {
    // Act
    const { containers, resources } = plan(
      taskYaml({ fireLens: '        Router: {LogGroup: false}\n        Destination: {CloudWatchLogs: {}}' }),
    );

    // Assert
    expect(resources).toEqual([]);
    expect(containers[0]?.['LogConfiguration']).toBeUndefined();
  });

  it('gives a new router the longest routed StopTimeout when it exceeds 30 s', () => {
    // Act
    const { containers } = plan(
      taskYaml({ containers: '        - {Name: app, Image: x, StopTimeout: 75}\n        - {Name: worker, Image: y, StopTimeout: 45}' }),
    );

    // Assert
    expect(containers[0]?.['StopTimeout']).toBe(75);
  });

  it('counts an intrinsic routed StopTimeout as Fargate’s 120 s', () => {
    // Act
    const { containers } = plan(taskYaml({ containers: '        - {Name: app, Image: x, StopTimeout: !Ref Stop}' }));

    // Assert
    expect(containers[0]?.['StopTimeout']).toBe(120);
  });

  it('keeps the StopTimeout the user gave the new router', () => {
    // Act
    const { containers } = plan(taskYaml({ fireLens: '        Router: {StopTimeout: 50}\n        Destination: {CloudWatchLogs: {}}' }));

    // Assert
    expect(containers[0]?.['StopTimeout']).toBe(50);
  });

  it('keeps a reused router as written when ECS’s default StopTimeout is enough', () => {
    // Act
    const { containers, resources } = plan(taskYaml({ containers: `${REUSED_ROUTER}\n        - {Name: app, Image: x}` }));

    // Assert
    expect(containers).toEqual([
      { Name: 'router', Image: 'my/fluent-bit', FirelensConfiguration: { Type: 'fluentbit' } },
      { Name: 'app', Image: 'x' },
    ]);
    expect(resources).toEqual([]);
  });

  it('gives a reused router without StopTimeout one as long as the routed containers’ on EC2', () => {
    // Act
    const { containers } = plan(
      taskYaml({ properties: EC2_PROPERTIES, containers: `${REUSED_ROUTER}\n        - {Name: app, Image: x, StopTimeout: 300}` }),
    );

    // Assert
    expect(containers[0]?.['StopTimeout']).toBe(300);
  });

  it('raises a reused router’s StopTimeout on the container without its FireLens key', () => {
    // Arrange: FireLens: false on the router is accepted (it opts out of nothing) and must not reach ECS
    const { spec, task } = specAndTask(
      taskYaml({
        properties: EC2_PROPERTIES,
        containers: `        - {Name: router, Image: r, FireLens: false, FirelensConfiguration: {Type: fluentbit}}\n        - {Name: app, Image: x, StopTimeout: 90}`,
      }),
    );
    const derived = deriveTask(spec, task);

    // Act
    const { containers } = planRouter(spec, derived, planRoutes(task, derived).containers);

    // Assert
    expect(containers[0]).toEqual({ Name: 'router', Image: 'r', FirelensConfiguration: { Type: 'fluentbit' }, StopTimeout: 90 });
  });

  it('leaves the StopTimeout of a reused router that has one', () => {
    // Act
    const { containers } = plan(
      taskYaml({
        properties: EC2_PROPERTIES,
        containers: `        - {Name: router, Image: r, StopTimeout: 400, FirelensConfiguration: {Type: fluentbit}}\n        - {Name: app, Image: x, StopTimeout: 300}`,
      }),
    );

    // Assert
    expect(containers[0]?.['StopTimeout']).toBe(400);
  });
});
