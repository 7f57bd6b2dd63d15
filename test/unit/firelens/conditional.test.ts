import { expandFragment } from '../../../functions/shared/firelens';
import { refusal, runPipeline } from '../../../functions/shared/pipeline';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../../functions/shared/template/load';

/** Issue #15 part 3: `FireLens: !If [Cond, {…}, !Ref AWS::NoValue]` expands both ways under the condition. */

const template = (fireLens: string, extra = ''): string => `Transform: FireLensMacro
Parameters:
  Stage: {Type: String, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  InEu: !Equals [!Ref 'AWS::Region', eu-west-1]
Resources:
  WebTask:
    Type: AWS::ECS::TaskDefinition
${extra}    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/nginx/nginx:1.27
          Essential: true
          FireLens: {Destination: {CloudWatchLogs: {LogGroupName: /app/override}}}
      FireLens: ${fireLens}
`;

const ON = '{Destination: {CloudWatchLogs: {}}}';

const expand = (text: string): JsonObject => {
  const { Transform: _transform, ...fragment } = loadTemplate(text).template;
  const result = expandFragment(fragment);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.fragment;
};

const resourcesOf = (fragment: JsonObject): Record<string, JsonObject> => fragment['Resources'] as Record<string, JsonObject>;
const propertiesOf = (fragment: JsonObject): JsonObject => resourcesOf(fragment)['WebTask']?.['Properties'] as JsonObject;

describe('conditional FireLens', () => {
  it('puts every property the expansion changed under Fn::If, the FireLens branch where the user wrote it', () => {
    // Act
    const output = expand(template(`!If [IsProd, ${ON}, !Ref AWS::NoValue]`));
    const properties = propertiesOf(output);

    // Assert
    const [condition, on, off] = (properties['ContainerDefinitions'] as { 'Fn::If': [string, JsonObject[], JsonObject[]] })['Fn::If'];
    expect(condition).toBe('IsProd');
    expect(on.map((c) => c['Name'])).toEqual(['log_router', 'app']);
    expect(on[1]?.['LogConfiguration']).toMatchObject({ LogDriver: 'awsfirelens' });
    // Off: the containers as written, without the container-level FireLens key CloudFormation would refuse.
    expect(off).toEqual([{ Name: 'app', Image: 'public.ecr.aws/nginx/nginx:1.27', Essential: true }]);
    expect(properties['TaskRoleArn']).toEqual({
      'Fn::If': ['IsProd', { 'Fn::GetAtt': ['WebTaskFireLensTaskRole', 'Arn'] }, { Ref: 'AWS::NoValue' }],
    });
    expect(properties['Memory']).toBe('512');
    expect(properties).not.toHaveProperty('FireLens');
  });

  it('gives every generated resource the condition, right after its Type', () => {
    // Act
    const output = expand(template(`!If [IsProd, ${ON}, !Ref AWS::NoValue]`));

    // Assert
    const generated = Object.entries(resourcesOf(output)).filter(([id]) => id !== 'WebTask');
    expect(generated.map(([id]) => id).sort()).toEqual([
      'WebTaskFireLensExecutionRole',
      'WebTaskFireLensRouterLogGroup',
      'WebTaskFireLensTaskRole',
    ]);
    for (const [, resource] of generated) {
      expect(Object.keys(resource).slice(0, 2)).toEqual(['Type', 'Condition']);
      expect(resource['Condition']).toBe('IsProd');
    }
    expect(output['Conditions']).toEqual(loadTemplate(template(ON)).template['Conditions']);
  });

  it('adds a negated condition when FireLens is the false branch, and joins the task Condition with Fn::And', () => {
    // Act
    const negated = expand(template(`!If [IsProd, !Ref AWS::NoValue, ${ON}]`));
    const joined = expand(template(`!If [IsProd, ${ON}, !Ref AWS::NoValue]`, '    Condition: InEu\n'));

    // Assert
    expect((negated['Conditions'] as JsonObject)['WebTaskFireLensEnabled']).toEqual({ 'Fn::Not': [{ Condition: 'IsProd' }] });
    const [, off, on] = (propertiesOf(negated)['ContainerDefinitions'] as { 'Fn::If': [string, JsonObject[], JsonObject[]] })['Fn::If'];
    expect(off).toHaveLength(1);
    expect(on).toHaveLength(2);
    expect(resourcesOf(negated)['WebTaskFireLensTaskRole']?.['Condition']).toBe('WebTaskFireLensEnabled');
    expect((joined['Conditions'] as JsonObject)['WebTaskFireLensEnabled']).toEqual({
      'Fn::And': [{ Condition: 'InEu' }, { Condition: 'IsProd' }],
    });
    expect(resourcesOf(joined)['WebTask']?.['Condition']).toBe('InEu');
    expect(resourcesOf(joined)['WebTaskFireLensRouterLogGroup']?.['Condition']).toBe('WebTaskFireLensEnabled');
  });

  it('passes the rules on both branches, and a mistake inside the FireLens branch is refused naming its field', () => {
    // Act
    const good = runPipeline({ text: template(`!If [IsProd, ${ON}, !Ref AWS::NoValue]`) }, { expand: 'always' });
    const bad = runPipeline(
      { text: template(`!If [IsProd, {Destination: {CloudWatchLogs: {}}, BufferLimit: 536870912}, !Ref AWS::NoValue]`) },
      { expand: 'always' },
    );

    // Assert
    expect(refusal(good)).toEqual([]);
    expect(good.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(refusal(bad)).toEqual([
      expect.objectContaining({
        path: expect.arrayContaining(['BufferLimit']) as unknown,
        message: expect.stringMatching(/536870911/) as unknown,
      }),
    ]);
  });

  it('refuses a condition the template does not define, naming the task and the Fn::If', () => {
    // Act
    const result = runPipeline({ text: template(`!If [IsStaging, ${ON}, !Ref AWS::NoValue]`) }, { expand: 'always' });

    // Assert
    expect(refusal(result)).toEqual([
      expect.objectContaining({
        logicalId: 'WebTask',
        path: ['Resources', 'WebTask', 'Properties', 'FireLens', 'Fn::If', 0],
        message: expect.stringMatching(/condition IsStaging, which the template's Conditions do not define/) as unknown,
      }),
    ]);
  });

  it('leaves an Fn::If whose branches are both FireLens objects to the usual refusal', () => {
    // Act
    const result = runPipeline({ text: template(`!If [IsProd, ${ON}, ${ON}]`) }, { expand: 'always' });

    // Assert
    expect(refusal(result).length).toBeGreaterThan(0);
  });
});
