import { emitExpansion } from '../../../functions/shared/firelens/emit';
import type { ExpansionPlan, GeneratedResource } from '../../../functions/shared/firelens/types';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';

const logGroup = (logicalId: string): GeneratedResource => ({ logicalId, resource: { Type: 'AWS::Logs::LogGroup', Properties: {} } });

const planFor = (logicalId: string, overrides: Partial<ExpansionPlan> = {}): ExpansionPlan => ({
  logicalId,
  properties: { ContainerDefinitions: [{ Name: 'app' }] },
  dependsOn: [],
  resources: [logGroup(`${logicalId}FireLensLogGroup`)],
  routedContainers: ['app'],
  sources: { fireLens: ['Resources', logicalId, 'Properties', 'FireLens'], containers: [0], routes: new Map() },
  ...overrides,
});

const fragment = (resources: JsonObject): JsonObject => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: resources,
  Outputs: {},
});

const TASK: JsonObject = { Type: 'AWS::ECS::TaskDefinition', Properties: { FireLens: {}, ContainerDefinitions: [] } };

describe('emitExpansion', () => {
  it('replaces the task’s Properties and puts its generated resources right after it, keeping every other key in place', () => {
    // Act
    const { fragment: out, problems } = emitExpansion(fragment({ Before: { Type: 'X' }, Task: TASK, After: { Type: 'Y' } }), [
      planFor('Task'),
    ]);

    // Assert
    expect(problems).toEqual([]);
    expect(Object.keys(out ?? {})).toEqual(['AWSTemplateFormatVersion', 'Resources', 'Outputs']);
    const resources = out?.['Resources'] as Record<string, JsonObject>;
    expect(Object.keys(resources)).toEqual(['Before', 'Task', 'TaskFireLensLogGroup', 'After']);
    expect(resources['Task']).toEqual({ Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app' }] } });
  });

  it('gives generated resources the task’s Condition, right after their Type', () => {
    // Act
    const { fragment: out } = emitExpansion(fragment({ Task: { ...TASK, Condition: 'IsProd' } }), [planFor('Task')]);

    // Assert
    const generated = (out?.['Resources'] as Record<string, JsonObject>)['TaskFireLensLogGroup'];
    expect(generated).toEqual({ Type: 'AWS::Logs::LogGroup', Condition: 'IsProd', Properties: {} });
    expect(Object.keys(generated ?? {})).toEqual(['Type', 'Condition', 'Properties']);
  });

  it('adds the plan’s DependsOn to the task’s own, turning a single id into a list without duplicates', () => {
    // Act
    const { fragment: out } = emitExpansion(fragment({ Task: { ...TASK, DependsOn: 'Db' } }), [
      planFor('Task', { dependsOn: ['Db', 'TaskFireLensTaskPolicy'] }),
    ]);

    // Assert
    expect((out?.['Resources'] as Record<string, JsonObject>)['Task']?.['DependsOn']).toEqual(['Db', 'TaskFireLensTaskPolicy']);
  });

  it('refuses to overwrite a logical id the template already uses, and emits nothing', () => {
    // Act
    const { fragment: out, problems } = emitExpansion(fragment({ Task: TASK, TaskFireLensLogGroup: { Type: 'AWS::SNS::Topic' } }), [
      planFor('Task'),
    ]);

    // Assert
    expect(out).toBeUndefined();
    expect(problems).toEqual([
      {
        logicalId: 'Task',
        path: ['Resources', 'TaskFireLensLogGroup'],
        message:
          'the macro needs the logical id TaskFireLensLogGroup for a resource it generates for Task, but the template already uses it; rename that resource',
      },
    ]);
  });

  it('refuses two plans that would generate the same id', () => {
    // Act
    const { problems } = emitExpansion(fragment({ A: TASK, B: TASK }), [
      planFor('A', { resources: [logGroup('Shared')] }),
      planFor('B', { resources: [logGroup('Shared')] }),
    ]);

    // Assert
    expect(problems.map((p) => [p.logicalId, p.path.join('.')])).toEqual([['B', 'Resources.Shared']]);
  });
});
