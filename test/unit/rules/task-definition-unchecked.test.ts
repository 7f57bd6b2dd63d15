import { lintTemplate } from '../../../functions/shared/rules/lint';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../../functions/shared/template/load';
import { taskDefinitionReferences } from '../../../functions/shared/template/task-definition-reference';

const ARN = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/orders:7';
const PSEUDO = { region: 'eu-west-1', accountId: '111122223333', partition: 'aws' };

/** A template with one service whose TaskDefinition is `value` (YAML), plus a parameter and a task of its own. */
const serviceTemplate = (value: string): JsonObject =>
  loadTemplate(
    [
      'Parameters:',
      '  TaskArn: {Type: String}',
      'Resources:',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties: {ContainerDefinitions: [{Name: app, Image: app:1}]}',
      '  Svc:',
      '    Type: AWS::ECS::Service',
      '    Properties:',
      `      TaskDefinition: ${value}`,
    ].join('\n'),
  ).template;

const fl0003 = (template: JsonObject, options = {}): string[] =>
  lintTemplate(template, options)
    .filter((f) => f.ruleId === 'FL0003')
    .map((f) => `${f.severity} ${f.path.join('/')}: ${f.message}`);

const AFTER = '; the rules that read its containers (port 24224, log routing) did not run for it';
const AT = 'warning Resources/Svc/Properties/TaskDefinition: task definition not checked: service Svc runs';

describe('FL0003 task-definition-unchecked (through lintTemplate)', () => {
  it.each([
    ['a literal ARN nobody looked up', `'${ARN}'`, `${ARN}, outside the template, which was not looked up`],
    ['Fn::ImportValue', '!ImportValue orders-task', "Fn::ImportValue (another stack's export, known only at deploy time)"],
    ['a Ref to a parameter', '!Ref TaskArn', 'Ref to parameter TaskArn (its value is known only at deploy time)'],
    [
      'a Fn::Sub over pseudo parameters lint does not know',
      "!Sub 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/orders:7'",
      'Fn::Sub with ${AWS::Partition}: AWS::Partition, which is not known here',
    ],
    ['a Fn::GetAtt of something else', '!GetAtt Other.Arn', 'Fn::GetAtt (not resolvable before the deploy)'],
  ])('reports %s as a warning naming the service and path', (_what, value, reason) => {
    // Act
    const findings = fl0003(serviceTemplate(value));

    // Assert
    expect(findings).toEqual([`${AT} ${reason}${AFTER}`]);
  });

  it('reports the imported branch of a Fn::If at that branch, naming the condition (scenario linting)', () => {
    // Act
    const findings = fl0003(serviceTemplate('!If [Prod, !Ref Task, !ImportValue orders-task]'));

    // Assert
    expect(findings).toEqual([
      "warning Resources/Svc/Properties/TaskDefinition/Fn::If/2: task definition not checked: service Svc runs Fn::ImportValue (another stack's export, known only at deploy time)" +
        `${AFTER} (when condition Prod is false)`,
    ]);
  });

  it('reports nothing for a task definition of the template', () => {
    // Act
    const findings = fl0003(serviceTemplate('!Ref Task'));

    // Assert
    expect(findings).toEqual([]);
  });

  it('reads a Fn::Sub / Fn::Join ARN resolved over the given pseudo parameters from the task definitions looked up', () => {
    // Arrange
    const looked = new Map([[ARN, { ContainerDefinitions: [{ Name: 'app', Image: 'app:1' }] }]]);
    const sub = serviceTemplate("!Sub 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/orders:7'");
    const join = serviceTemplate(
      "!Join [':', [arn, !Ref AWS::Partition, ecs, !Ref AWS::Region, !Ref AWS::AccountId, 'task-definition/orders', '7']]",
    );

    // Act
    const resolved = [
      fl0003(sub, { pseudoParameters: PSEUDO, externalTaskDefinitions: looked }),
      fl0003(join, { pseudoParameters: PSEUDO, externalTaskDefinitions: looked }),
    ];
    const notLooked = fl0003(sub, { pseudoParameters: PSEUDO });

    // Assert
    expect(resolved).toEqual([[], []]);
    expect(notLooked).toEqual([`${AT} ${ARN}, outside the template, which was not looked up${AFTER}`]);
  });
});

describe('taskDefinitionReferences', () => {
  const resources = { Task: { Type: 'AWS::ECS::TaskDefinition' } };

  it.each([
    ["'family:3'", [{ kind: 'external', reference: 'family:3' }]],
    ['!Ref Task', [{ kind: 'template', logicalId: 'Task' }]],
    [
      "!Sub 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${!x}'",
      [{ kind: 'external', reference: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/${x}' }],
    ],
    [
      "!Sub ['arn:aws:ecs:${R}:1:task-definition/f:1', {R: !Ref AWS::Region}]",
      [{ kind: 'external', reference: 'arn:aws:ecs:eu-west-1:1:task-definition/f:1' }],
    ],
    ["!Sub '${Task}'", [{ kind: 'unresolved', reason: 'Fn::Sub with ${Task}: a value built from resource Task' }]],
    ["!If [C, 'a:1', !Ref AWS::NoValue]", [{ kind: 'external', reference: 'a:1' }]],
    ["''", [{ kind: 'unresolved', reason: 'an empty string' }]],
  ])('reads %s', (yaml, expected) => {
    // Arrange
    const value = loadTemplate(`V: ${yaml}`).template['V'];

    // Act
    const references = taskDefinitionReferences(value, resources, PSEUDO);

    // Assert
    expect(references).toEqual(expected);
  });
});
