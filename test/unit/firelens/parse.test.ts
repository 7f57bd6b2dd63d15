import { expandFragment } from '../../../functions/shared/firelens';
import { parseFireLensProperties } from '../../../functions/shared/firelens/parse';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';

const task = (properties: JsonObject): JsonObject => ({
  Type: 'AWS::ECS::TaskDefinition',
  Properties: {
    RequiresCompatibilities: ['FARGATE'],
    NetworkMode: 'awsvpc',
    Cpu: '256',
    Memory: '512',
    ContainerDefinitions: [{ Name: 'app', Image: 'app:1' }],
    ...properties,
  },
});

const FIRELENS = { Destination: { CloudWatchLogs: {} } };

describe('parseFireLensProperties', () => {
  it('refuses a container written as Fn::If instead of writing LogConfiguration beside the intrinsic', () => {
    // Regression: the macro added LogConfiguration and DependsOn next to the Fn::If key, breaking it, and succeeded.
    const fragment = {
      Resources: {
        Task: task({
          FireLens: FIRELENS,
          ContainerDefinitions: [{ 'Fn::If': ['IsProd', { Name: 'app', Image: 'app:1' }, { Ref: 'AWS::NoValue' }] }],
        }),
      },
    };

    const result = expandFragment(fragment);

    expect(result).toEqual({
      ok: false,
      problems: [
        {
          logicalId: 'Task',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0],
          message: expect.stringMatching(
            /^is an intrinsic function \(Fn::If\); the macro cannot route a container it cannot read/,
          ) as unknown,
        },
      ],
    });
  });

  it('refuses Properties written as Fn::If when a FireLens property is inside, instead of leaving it unexpanded', () => {
    const fragment = {
      Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { 'Fn::If': ['IsProd', { FireLens: FIRELENS }, {}] } } },
    };

    const { problems } = parseFireLensProperties(fragment);

    expect(problems).toEqual([
      {
        logicalId: 'Task',
        path: ['Resources', 'Task', 'Properties'],
        message: expect.stringMatching(/^is an intrinsic function \(Fn::If\) with a FireLens property inside/) as unknown,
      },
    ]);
  });

  it('names the transform order when a FireLens property sits inside Fn::ForEach', () => {
    const fragment = { Resources: { 'Fn::ForEach::Tasks': ['Name', ['A', 'B'], { '${Name}Task': task({ FireLens: FIRELENS }) }] } };

    const { problems } = parseFireLensProperties(fragment);

    expect(problems).toEqual([
      {
        path: ['Resources', 'Fn::ForEach::Tasks'],
        message: expect.stringMatching(/list AWS::LanguageExtensions before FireLensMacro/) as unknown,
      },
    ]);
  });

  it('leaves Fn::ForEach and Fn::Transform entries without FireLens alone', () => {
    const fragment = {
      Resources: {
        'Fn::ForEach::Topics': ['N', ['A'], { '${N}': { Type: 'AWS::SNS::Topic' } }],
        'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } },
      },
    };

    expect(parseFireLensProperties(fragment)).toEqual({ inputs: [], problems: [] });
  });

  it('reports every resource CloudFormation could not read, each by its logical id', () => {
    const fragment = {
      Resources: {
        Task: task({ FireLens: FIRELENS }),
        Junk: 'x',
        NoType: { Properties: {} },
        BadProps: { Type: 'AWS::SNS::Topic', Properties: [1] },
      },
    };

    const { problems } = parseFireLensProperties(fragment);

    expect(problems.map((p) => [p.logicalId, p.path.join('.'), p.message])).toEqual([
      ['Junk', 'Resources.Junk', 'must be a resource (an object with Type and Properties), not a string'],
      ['NoType', 'Resources.NoType.Type', 'is required (a resource type such as AWS::ECS::TaskDefinition)'],
      ['BadProps', 'Resources.BadProps.Properties', 'must be an object, not a list'],
    ]);
  });

  it.each([
    ['a string', 'x'],
    ['a list', []],
    ['null', null],
    ['an intrinsic function (Fn::If)', { 'Fn::If': ['C', {}, {}] }],
  ])('refuses a Resources that is %s, naming the section', (what, resources) => {
    const result = expandFragment({ Resources: resources });

    expect(result).toEqual({
      ok: false,
      problems: [{ path: ['Resources'], message: `must be a mapping of logical ids to resources, not ${what}` }],
    });
  });
});
