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
    const jsonText =
      '{\n  "Resources": {\n    "Task": {\n      "Type": "AWS::ECS::TaskDefinition",\n      "Properties": {\n        "Memory": 512\n      }\n    }\n  }\n}\n';
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

  it('places nothing, and throws nothing, where js-yaml read a text the exact reader refuses', () => {
    // Arrange: a comment with no space before it, after a flow mapping: js-yaml reads it, the yaml library refuses it
    const loaded = loadTemplate('Resources: {A: {Type: X, Properties: {P, Q: 1}}}# c');

    // Act
    const place = (): unknown => loaded.locator(['Resources', 'A', 'Properties', 'Q']);

    // Assert
    expect(loaded.template).toEqual({ Resources: { A: { Type: 'X', Properties: { P: null, Q: 1 } } } });
    expect(place).not.toThrow();
    expect(place()).toBeUndefined();
  });

  it('rejects duplicate keys with their line', () => {
    expect(() => loadTemplate('Resources:\n  A: 1\n  A: 2\n')).toThrow(TemplateParseError);
    try {
      loadTemplate('Resources:\n  A: 1\n  A: 2\n');
    } catch (error) {
      expect(error).toMatchObject({ line: 3 });
      expect((error as Error).message).toMatch(/unique/i);
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

describe('loadTemplate on hostile text', () => {
  const parseError = (text: string): TemplateParseError => {
    try {
      loadTemplate(text);
    } catch (error) {
      if (error instanceof TemplateParseError) {
        return error;
      }
      throw error;
    }
    throw new Error('loadTemplate accepted the text');
  };

  it.each([
    ['[', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['{', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['- ', `${'- '.repeat(10_000)}x`],
  ])('refuses 10,000 levels of %s while tokenizing, before the recursive composer', (_opener, text) => {
    // Regression: the composer overflowed the stack ("Maximum call stack size exceeded" as the message),
    // and after a malformed JSON parse in the same process V8 aborted with "RegExpCompiler Allocation failed".
    const error = parseError(text);

    expect(error.message).toBe('the template nests deeper than 200 levels');
    expect(error.line).toBe(1);
  });

  it('reads a template with 20,000 keys in one mapping in linear time (no quadratic duplicate-key scan)', () => {
    // Regression: the YAML library's uniqueKeys check compared every key with every other (8.5 s for 1.4 MB).
    const text = `Resources:\n${Array.from({ length: 20_000 }, (_, i) => `  R${String(i)}: {Type: AWS::SNS::Topic}\n`).join('')}`;

    const { template } = loadTemplate(text);

    expect(Object.keys(template['Resources'] as object)).toHaveLength(20_000);
  });

  it('names the duplicate key and points at its second occurrence', () => {
    const error = parseError('Resources:\n  A: 1\n  B: 2\n  A: 3\n');

    expect(error).toMatchObject({ message: 'duplicate key "A" (map keys must be unique)', line: 4, column: 3 });
  });

  it('refuses more than 100,000 values before building the syntax tree', () => {
    const error = parseError(`A: [${Array(100_001).fill('1').join(',')}]\n`);

    expect(error.message).toBe('the template holds more than 100000 values');
  });

  it.each([
    ['NUL', 'A: x\u0000y\n', /NUL character \(U\+0000\).*UTF-16/, 1, 5],
    ['escape', 'A: 1\nB: \u001b[31m\n', /control character U\+001B/, 2, 4],
  ])('refuses a raw %s character with its position', (_name, text, message, line, column) => {
    const error = parseError(text);

    expect(error.message).toMatch(message);
    expect(error).toMatchObject({ line, column });
  });

  it.each([
    ['a sequence', '? [a, b]\n: 1\n', 'a mapping key must be a string, not a sequence'],
    ['an alias', 'x: &k a\n*k : 1\n', 'a mapping key must be a string, not an alias (*name)'],
  ])('refuses a key that is %s instead of turning it into text', (_what, text, message) => {
    expect(parseError(text).message).toBe(message);
  });

  it('refuses a second YAML document instead of ignoring it', () => {
    expect(parseError('A: 1\n---\nB: 2\n')).toMatchObject({ message: expect.stringMatching(/second YAML document/) as unknown, line: 2 });
  });

  it('keeps a __proto__ key as a key (assignment would have made it the prototype and dropped it)', () => {
    const { template } = loadTemplate('{"__proto__": {"x": 1}, "Resources": {}}');

    expect(Object.keys(template)).toEqual(['__proto__', 'Resources']);
    expect(JSON.stringify(template)).toBe('{"__proto__":{"x":1},"Resources":{}}');
  });

  it('keeps numbers JSON cannot hold exactly as their source text, and keys as written', () => {
    const { template } = loadTemplate('A: 123456789012345678901234567890\nB: .inf\nC: 1e400\nD: 12\nE: -9007199254740992\n1.0: x\n');

    expect(template).toEqual({ A: '123456789012345678901234567890', B: '.inf', C: '1e400', D: 12, E: -9_007_199_254_740_992, '1.0': 'x' });
  });

  it('refuses an alias to no anchor instead of reading it as null', () => {
    // Regression: `A: *nope` loaded as {A: null}.
    expect(parseError('Resources:\n  A: *nope\n')).toMatchObject({
      message: 'the alias *nope names no anchor (&nope) before it',
      line: 2,
      column: 6,
    });
  });

  it.each([
    ['!!binary aGVsbG8=', '!!binary'],
    ['!!timestamp 2001-12-14', '!!timestamp'],
    ['!!set {a, b}', '!!set'],
    ['!!omap [{a: 1}]', '!!omap'],
    ['!!merge x', '!!merge'],
  ])('refuses %s, which CloudFormation does not read, instead of changing the value', (value, tag) => {
    // Regression: !!binary became "104,101,108,108,111", !!timestamp a JavaScript date string, !!merge dropped the key.
    expect(parseError(`Resources:\n  A: ${value}\n`)).toMatchObject({
      message: `the YAML tag ${tag} is not one CloudFormation reads`,
      line: 2,
    });
  });

  it('reads the YAML core tags as their values', () => {
    expect(loadTemplate('A: !!str 1\nB: !!int "2"\nC: !!map {x: !!null }\nD: !!seq [!!bool true]\n').template).toEqual({
      A: '1',
      B: 2,
      C: { x: null },
      D: [true],
    });
  });

  it('stops a self-referencing alias at the nesting limit', () => {
    expect(parseError('a: &a [1, *a]\n').message).toBe('the template nests deeper than 200 levels');
  });
});
