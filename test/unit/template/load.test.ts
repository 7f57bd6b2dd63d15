import { TemplateParseError } from '../../../functions/shared/errors';
import { loadTemplate } from '../../../functions/shared/template/load';

describe('loadTemplate', () => {
  it('turns CloudFormation short-form tags into their JSON form', () => {
    // Arrange
    const text = [
      'Resources:',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      TaskRoleArn: !GetAtt Role.Arn',
      '      Family: !Sub "${AWS::StackName}-app"',
      '      Cpu: !If [Big, "1024", !Ref AWS::NoValue]',
      '      Memory: !Select [0, !Split [",", !Ref Sizes]]',
    ].join('\n');

    // Act
    const { template } = loadTemplate(text);

    // Assert
    expect(template).toEqual({
      Resources: {
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            TaskRoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
            Family: { 'Fn::Sub': '${AWS::StackName}-app' },
            Cpu: { 'Fn::If': ['Big', '1024', { Ref: 'AWS::NoValue' }] },
            Memory: { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'Sizes' }] }] },
          },
        },
      },
    });
  });

  it('locates a property at its key, 1-based, in YAML and JSON alike', () => {
    // Arrange
    const yamlText = 'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Memory: 512\n';
    const jsonText = '{\n  "Resources": {\n    "Task": {\n      "Type": "AWS::ECS::TaskDefinition",\n      "Properties": {\n        "Memory": 512\n      }\n    }\n  }\n}\n';
    const path = ['Resources', 'Task', 'Properties', 'Memory'];

    // Act
    const fromYaml = loadTemplate(yamlText).locator(path);
    const fromJson = loadTemplate(jsonText).locator(path);

    // Assert
    expect(fromYaml).toMatchObject({ line: 5, column: 7 });
    expect(fromJson).toMatchObject({ line: 6, column: 9 });
  });

  it('locates a path inside an intrinsic at its nearest known ancestor', () => {
    const { locator } = loadTemplate('A:\n  B: !Sub "x-${Y}"\n');

    expect(locator(['A', 'B', 'Fn::Sub', 0])).toMatchObject({ line: 2, column: 3 });
  });

  it('rejects duplicate keys with their line', () => {
    expect(() => loadTemplate('Resources:\n  A: 1\n  A: 2\n')).toThrow(TemplateParseError);
    try {
      loadTemplate('Resources:\n  A: 1\n  A: 2\n');
    } catch (error) {
      expect(error).toMatchObject({ line: 3 });
      expect(String((error as Error).message)).toMatch(/unique/i);
    }
  });

  it('rejects an unknown short-form tag', () => {
    expect(() => loadTemplate('A: !Bogus x\n')).toThrow(/!Bogus/);
  });

  it('rejects a document that is not a mapping', () => {
    expect(() => loadTemplate('- a\n- b\n')).toThrow(/mapping/);
  });

  it('stops an alias bomb instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    expect(() => loadTemplate(levels.join('\n'))).toThrow(/more than/);
  });
});
