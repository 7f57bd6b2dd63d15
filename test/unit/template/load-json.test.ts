import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TemplateParseError } from '../../../functions/shared/errors';
import type { Json } from '../../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../../functions/shared/template/load';
import type { SourceRange, TemplatePath } from '../../../functions/shared/template/locator';

/**
 * The JSON fast path (JSON.parse) against the YAML path on the same text: the same template, the same
 * places for every path, the same errors. A leading comment line sends JSON text down the YAML path.
 */
const TEMPLATES = join(__dirname, '..', '..', 'fixtures', 'templates');

const fixtureTemplates = (): [string, string][] =>
  readdirSync(TEMPLATES, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => [name, readFileSync(join(TEMPLATES, name), 'utf8')]);

/** Every path in a value, the root first; plus one step that leaves the template below each collection. */
const pathsOf = (value: Json, path: TemplatePath = []): TemplatePath[] => {
  if (Array.isArray(value)) {
    return [path, [...path, value.length], ...value.flatMap((item, i) => pathsOf(item, [...path, i]))];
  }
  if (value !== null && typeof value === 'object') {
    return [path, [...path, 'NoSuchKey'], ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  }
  return [path, [...path, 0]];
};

const viaYaml = (json: string): { template: Json; locate: (path: TemplatePath) => SourceRange | undefined } => {
  const { template, locator } = loadTemplate(`# read by the YAML path\n${json}`);
  return {
    template,
    locate: (path) => {
      const found = locator(path);
      return found && { ...found, line: found.line - 1, endLine: found.endLine - 1 };
    },
  };
};

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

describe('loadTemplate on JSON text', () => {
  it.each(fixtureTemplates())('places every path of %s as the YAML path does', (_name, yamlText) => {
    // Arrange: the fixture as JSON, indented (line and column differ from key to key) and compact.
    const template = loadTemplate(yamlText).template;
    for (const json of [JSON.stringify(template, null, 2), JSON.stringify(template)]) {
      // Act
      const fast = loadTemplate(json);
      const slow = viaYaml(json);

      // Assert
      expect(fast.template).toEqual(slow.template);
      for (const path of pathsOf(template)) {
        expect([path, fast.locator(path)]).toEqual([path, slow.locate(path)]);
      }
    }
  });

  it('keeps keys with escapes, unicode and __proto__ as written, and places them', () => {
    // Arrange
    const json = '{\r\n\t"__proto__": {"x": 1},\r\n\t"a\\"b\\u0041": [true, null, -0.5e-3, "é😀"]\r\n}';

    // Act
    const fast = loadTemplate(json);

    // Assert
    expect(Object.keys(fast.template)).toEqual(['__proto__', 'a"bA']);
    for (const path of [['a"bA', 3], ['a"bA', 2], ['__proto__', 'x'], ['a"bA']]) {
      expect(fast.locator(path)).toEqual(viaYaml(json).locate(path));
    }
    expect(fast.locator(['a"bA', 3])).toEqual({ line: 3, column: 38, endLine: 3, endColumn: 43 });
  });

  it('keeps integers past 2^53 and numbers past a double as their text, as the YAML path does', () => {
    const { template } = loadTemplate('{"A": 123456789012345678901234567890, "B": 1e400, "C": 9007199254740993, "D": 12, "E": 0.1}');

    expect(template).toEqual({ A: '123456789012345678901234567890', B: '1e400', C: '9007199254740993', D: 12, E: 0.1 });
  });

  it.each([
    [
      'a duplicate key',
      '{"Resources": {"A": 1,\n "A": 2}}',
      { message: 'duplicate key "A" (map keys must be unique)', line: 2, column: 2 },
    ],
    ['a duplicate key whose first value is a collection', '{"R": {"A": {"x": 1, "y": 2}, "A": 3}}', { line: 1, column: 31 }],
    ['a duplicate key in a nested object', '{"R": [{"A": 1, "B": 2, "A": 3}]}', { line: 1, column: 25 }],
    ['201 levels', `{"a": ${'['.repeat(201)}${']'.repeat(201)}}`, { message: 'the template nests deeper than 200 levels' }],
    [
      'more than 100,000 values',
      `{"a": [${Array<string>(100_000).fill('1').join(',')}]}`,
      { message: 'the template holds more than 100000 values' },
    ],
    ['a top level that is not a mapping', '[{"a": 1}]', { message: 'a template must be a mapping (an object) at the top level' }],
    ['text after the object', '{"Resources": {}} trailing', { message: 'Unexpected scalar at node end', line: 1, column: 19 }],
  ])('refuses %s with the YAML path message and place', (_what, text, expected) => {
    expect(parseError(text)).toMatchObject(expected);
  });
});

describe('loadTemplate on JSON text with colons and quotes inside strings', () => {
  it.each([
    ['colons in values and keys', '{"a:b": "c:d", "e": ["f:", ":g"]}', { 'a:b': 'c:d', e: ['f:', ':g'] }],
    ['escaped quotes before colons', '{"a\\":": "\\":\\\\", "b": "\\\\\\":"}', { 'a":': '":\\', b: '\\":' }],
    ['no colon after the last key', `{"a": [${Array<string>(1_000).fill('"x"').join(',')}]}`, { a: Array<string>(1_000).fill('x') }],
  ])('reads %s', (_what, text, expected) => {
    expect(loadTemplate(text).template).toEqual(expected);
  });

  it('still refuses a duplicate key hidden among colons in strings', () => {
    expect(parseError('{"a": "x:y", "b\\":": 1, "a": ":"}')).toMatchObject({ message: 'duplicate key "a" (map keys must be unique)' });
  });
});
