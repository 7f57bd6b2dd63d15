import { deriveTask } from '../../../functions/shared/firelens/derive/derive-task';
import { planExpansion } from '../../../functions/shared/firelens/expand';
import { specAndTask, taskYaml } from './helpers';

const plan = (yaml: string) => {
  const { spec, task } = specAndTask(yaml);
  return planExpansion(spec, task, deriveTask(spec, task));
};

describe('planExpansion', () => {
  it('writes the task without FireLens, the router first and the created roles last', () => {
    // Act
    const result = plan(taskYaml({}));

    // Assert
    expect(Object.keys(result.properties)).toEqual([
      'RequiresCompatibilities',
      'NetworkMode',
      'Cpu',
      'Memory',
      'ContainerDefinitions',
      'TaskRoleArn',
      'ExecutionRoleArn',
    ]);
    expect((result.properties['ContainerDefinitions'] as { Name: string }[]).map((c) => c.Name)).toEqual(['log_router', 'app']);
    expect(result.routedContainers).toEqual(['app']);
  });

  it('lists the destination log groups, then the router’s, then the roles', () => {
    // Act
    const result = plan(taskYaml({}));

    // Assert
    expect(result.resources.map((r) => r.logicalId)).toEqual([
      'TaskFireLensLogGroup',
      'TaskFireLensRouterLogGroup',
      'TaskFireLensTaskRole',
      'TaskFireLensExecutionRole',
    ]);
  });

  it('records where each container and route came from: undefined for the generated router', () => {
    // Act
    const { sources } = plan(
      taskYaml({
        containers: `        - {Name: app, Image: x}
        - {Name: db, Image: y, FireLens: false}
        - {Name: audit, Image: z, FireLens: {Destination: {CloudWatchLogs: {LogGroupName: audit}}}}`,
      }),
    );

    // Assert
    expect(sources.fireLens).toEqual(['Resources', 'Task', 'Properties', 'FireLens']);
    expect(sources.containers).toEqual([undefined, 0, 1, 2]);
    expect([...sources.routes]).toEqual([
      [0, ['Resources', 'Task', 'Properties', 'FireLens']],
      [2, ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 2, 'FireLens']],
    ]);
  });

  it('keeps the written container indexes when it reuses the user’s router', () => {
    // Act
    const { sources } = plan(
      taskYaml({
        containers: '        - {Name: app, Image: x}\n        - {Name: router, Image: r, FirelensConfiguration: {Type: fluentbit}}',
      }),
    );

    // Assert
    expect(sources.containers).toEqual([0, 1]);
    expect([...sources.routes.keys()]).toEqual([0]);
  });
});
