import type { ExpansionPlan } from '../../../functions/shared/firelens/types';
import { buildSourceMap } from '../../../functions/shared/pipeline/source-map';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';

const TASK = ['Resources', 'Task', 'Properties'];
const FIRELENS = [...TASK, 'FireLens'];

/** What the user wrote: two containers, the second with its own FireLens, a task-level Custom destination. */
const ORIGINAL: JsonObject = {
  Resources: {
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      DependsOn: ['Other'],
      Properties: {
        ContainerDefinitions: [
          { Name: 'web', Image: 'web:1', DependsOn: [{ ContainerName: 'db', Condition: 'START' }] },
          { Name: 'worker', Image: 'worker:1', FireLens: { BufferLimit: 100 } },
        ],
        FireLens: {
          Router: { MemoryReservation: 64 },
          Destination: { Custom: { Name: 'datadog', Options: { apikey: 'x' }, SecretOptions: [{ Name: 'k', ValueFrom: 'arn' }] } },
          BufferLimit: 50,
        },
      },
    },
    Other: { Type: 'AWS::SNS::Topic' },
  },
};

/** The macro inserted a router first (index 0) and created a task role. */
const PLAN: ExpansionPlan = {
  logicalId: 'Task',
  properties: {},
  dependsOn: ['TaskFireLensTaskPolicy'],
  resources: [{ logicalId: 'TaskFireLensTaskRole', resource: { Type: 'AWS::IAM::Role' } }],
  routedContainers: ['web', 'worker'],
  sources: {
    fireLens: FIRELENS,
    containers: [undefined, 0, 1],
    routes: new Map([
      [0, FIRELENS],
      [1, [...TASK, 'ContainerDefinitions', 1, 'FireLens']],
    ]),
  },
};

const sourceOf = buildSourceMap(ORIGINAL, [PLAN]);

describe('buildSourceMap', () => {
  it('maps a property the user wrote on a routed container past the inserted router to its own index', () => {
    // Act
    const path = sourceOf([...TASK, 'ContainerDefinitions', 2, 'Image']);

    // Assert
    expect(path).toEqual([...TASK, 'ContainerDefinitions', 1, 'Image']);
  });

  it('maps the generated router to FireLens.Router', () => {
    expect(sourceOf([...TASK, 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Options'])).toEqual([...FIRELENS, 'Router']);
  });

  it('maps an option of a generated LogConfiguration to where the user wrote it in the destination', () => {
    expect(sourceOf([...TASK, 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'apikey'])).toEqual([
      ...FIRELENS,
      'Destination',
      'Custom',
      'Options',
      'apikey',
    ]);
  });

  it('maps a generated option the user did not write to the destination that produced it', () => {
    expect(sourceOf([...TASK, 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'Name'])).toEqual([
      ...FIRELENS,
      'Destination',
      'Custom',
    ]);
  });

  it('maps the buffer limit option to the BufferLimit of the route that set it: the container’s own FireLens first', () => {
    expect(sourceOf([...TASK, 'ContainerDefinitions', 2, 'LogConfiguration', 'Options', 'log-driver-buffer-limit'])).toEqual([
      ...TASK,
      'ContainerDefinitions',
      1,
      'FireLens',
      'BufferLimit',
    ]);
    expect(sourceOf([...TASK, 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'log-driver-buffer-limit'])).toEqual([
      ...FIRELENS,
      'BufferLimit',
    ]);
  });

  it('maps a container-level route without a destination to the task’s destination for its options', () => {
    expect(sourceOf([...TASK, 'ContainerDefinitions', 2, 'LogConfiguration', 'Options', 'apikey'])).toEqual([
      ...FIRELENS,
      'Destination',
      'Custom',
      'Options',
      'apikey',
    ]);
  });

  it('maps SecretOptions entries to the ones the user wrote', () => {
    expect(sourceOf([...TASK, 'ContainerDefinitions', 1, 'LogConfiguration', 'SecretOptions', 0, 'ValueFrom'])).toEqual([
      ...FIRELENS,
      'Destination',
      'Custom',
      'SecretOptions',
      0,
      'ValueFrom',
    ]);
  });

  it('keeps a DependsOn entry the user wrote and maps the one the macro appended to the route', () => {
    expect(sourceOf([...TASK, 'ContainerDefinitions', 1, 'DependsOn', 0, 'Condition'])).toEqual([
      ...TASK,
      'ContainerDefinitions',
      0,
      'DependsOn',
      0,
      'Condition',
    ]);
    expect(sourceOf([...TASK, 'ContainerDefinitions', 1, 'DependsOn', 1, 'Condition'])).toEqual(FIRELENS);
  });

  it('maps generated resources, roles and resource DependsOn entries to the FireLens property', () => {
    expect(sourceOf(['Resources', 'TaskFireLensTaskRole', 'Properties', 'Policies', 0])).toEqual(FIRELENS);
    expect(sourceOf([...TASK, 'TaskRoleArn'])).toEqual(FIRELENS);
    expect(sourceOf(['Resources', 'Task', 'DependsOn', 1])).toEqual(FIRELENS);
    expect(sourceOf(['Resources', 'Task', 'DependsOn', 0])).toEqual(['Resources', 'Task', 'DependsOn', 0]);
  });

  it('leaves a path the user did not write but a rule names (a missing Memory) where it is', () => {
    expect(sourceOf([...TASK, 'Memory'])).toEqual([...TASK, 'Memory']);
    expect(sourceOf([...TASK, 'ContainerDefinitions', 2, 'Memory'])).toEqual([...TASK, 'ContainerDefinitions', 1, 'Memory']);
  });

  it('leaves resources the macro did not touch, and paths outside Resources, as they are', () => {
    expect(sourceOf(['Resources', 'Other', 'Properties'])).toEqual(['Resources', 'Other', 'Properties']);
    expect(sourceOf(['Parameters', 'X'])).toEqual(['Parameters', 'X']);
    expect(sourceOf([])).toEqual([]);
  });
});
