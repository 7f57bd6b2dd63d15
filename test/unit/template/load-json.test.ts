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

/** Every path of the template and `extra`, placed in text order, then in reverse (fresh locators), as the YAML path does. */
const expectPlacedAsYaml = (json: string, extra: TemplatePath[] = []): void => {
  const slow = viaYaml(json);
  const paths = [...pathsOf(slow.template), ...extra];
  for (const order of [paths, [...paths].reverse()]) {
    const fast = loadTemplate(json);
    for (const path of order) {
      expect([path, fast.locator(path)]).toEqual([path, slow.locate(path)]);
    }
  }
};

/** The same items in an order that jumps back and forth: every seventh, then every seventh from the second, and so on. */
const scrambled = <T>(items: readonly T[]): T[] =>
  Array.from({ length: 7 }, (_, phase) => items.filter((_item, i) => i % 7 === phase)).flat();

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

describe('the JSON locator', () => {
  it.each(fixtureTemplates())('places the paths of %s the same in any order', (_name, yamlText) => {
    // Arrange: one locator per order, since each keeps what earlier paths read.
    const template = loadTemplate(yamlText).template;
    const json = JSON.stringify(template, null, 2);
    const paths = pathsOf(template);
    const inOrder = loadTemplate(json).locator;
    const reversed = loadTemplate(json).locator;
    const jumping = loadTemplate(json).locator;

    // Act
    const expected = paths.map((path) => [path, inOrder(path)]);
    const backwards = [...paths].reverse().map((path) => [path, reversed(path)]);
    const jumped = scrambled(paths).map((path) => [path, jumping(path)]);

    // Assert
    expect([...backwards].reverse()).toEqual(expected);
    expect(jumped).toEqual(scrambled(expected));
  });

  it.each([
    ['escaped quotes and backslashes in keys', '{"a\\\\": {"b\\"]}": 1, "\\\\\\"c": [2]}, "d\\\\\\\\": {"e": 3}}'],
    ['escaped quotes and backslashes in values', '{"a": ["\\\\", "\\"", "x\\\\\\"]}", {"b": "\\\\\\\\"}], "c": {"d": "\\"{"}}'],
    ['brackets and braces inside strings', '{"R": {"x": "]}{[", "y": {"z": "}]"}, "w": ["[", "{", "}"]}, "S": {"t": "]"}}'],
    ['colons and commas inside strings', '{"a:b,": {"c": ":,", "d": [",:", {"e,": ":"}]}, "f": ","}'],
    ['whitespace everywhere JSON allows it', ' \r\n\t{ "a" :\r\n\t[ 1 ,\n\n 2 , { "b"\t: { } } ] ,"c":[],"d" : {"e":[ [ ] ]} \n}\n\n'],
    ['arrays of arrays', '{"a": [[1, [2, 3]], [], [[4]], [[], [[]]]], "b": [[[{"c": [[5, {"d": [[6]]}]]}]]]}'],
    [
      'empty collections and scalars of every kind',
      '{"a": {}, "b": [], "c": [true, false, null, -1.5e-3, 0, "", {}, []], "d": {"e": null}}',
    ],
    ['a key "0" reached by a number segment', '{"0": {"1": [{"2": 3}]}, "x": [{"0": 4}]}'],
  ])('places %s as the YAML path does', (_what, json) => {
    expectPlacedAsYaml(json, [
      ['a', '1'],
      ['a', '01'],
      ['a', -1],
      ['a', 1.5],
      [0, 1, 0, 2],
      ['x', 0, 0],
    ]);
  });

  it('places paths through 200 levels, and members after them, in either order', () => {
    // Arrange: the value of "k" sits at level 200, the deepest the loader accepts; "b" follows the deep value.
    const json = `{"a": ${'['.repeat(198)}{"k": "v"}${']'.repeat(198)},\n "b": {"c": [1]}}`;
    const deep: TemplatePath = ['a', ...Array<number>(198).fill(0), 'k'];
    const slow = viaYaml(json);

    // Act: deep first (so "b" needs the end of 199 half-read collections), then the other way round.
    const deepFirst = loadTemplate(json).locator;
    const deepFirstPlaces = [deepFirst(deep), deepFirst(['b', 'c', 0]), deepFirst(['a']), deepFirst([])];
    const deepLast = loadTemplate(json).locator;
    const deepLastPlaces = [deepLast(['b', 'c', 0]), deepLast(deep), deepLast(['a']), deepLast([])];

    // Assert
    const expected = [slow.locate(deep), slow.locate(['b', 'c', 0]), slow.locate(['a']), slow.locate([])];
    expect(deepFirstPlaces).toEqual(expected);
    expect(deepLastPlaces).toEqual([expected[1], expected[0], expected[2], expected[3]]);
    expect(deepFirstPlaces[0]).toEqual({ line: 1, column: 206, endLine: 1, endColumn: 209 });
  });

  it('places members after keys too long for V8 to hash, and those keys, however alike', () => {
    // Arrange: three 20,000-character keys differing only at the end (one spelled with an escape), then a task.
    const long = 'x'.repeat(20_000);
    const json = [
      '{"Resources": {',
      `  "${long}b": {"Properties": [1]},`,
      `  "${long}a": [[2]],`,
      `  "${long}\\u0063": 3,`,
      '  "Task": {"Properties": {"ContainerDefinitions": [{"Image": "i"}]}}',
      '}}',
    ].join('\n');

    // Assert: also keys that are not there, sorting before, between and after those that are.
    expectPlacedAsYaml(json, [
      ['Resources', long],
      ['Resources', `${long}0`],
      ['Resources', `${long}bb`],
      ['Resources', `${long}d`],
      ['Resources', `${long}b`, 'Properties', 0, 'NoSuchKey'],
    ]);
  });

  it('finds each of 2,000 members in reverse order', () => {
    // Arrange: one member per line, so member i sits on line i + 2 and its "Image" at column 21 + its name.
    const names = Array.from({ length: 2_000 }, (_, i) => `Task${String(i)}`);
    const json = `{"Resources": {\n${names.map((name) => `"${name}": {"Properties": {"Image": ${String(names.length)}}}`).join(',\n')}\n}}`;
    const { locator } = loadTemplate(json);

    // Act
    const lines = [...names]
      .reverse()
      .map((name) => [locator(['Resources', name])?.line, locator(['Resources', name, 'Properties', 'Image'])?.column]);

    // Assert
    expect(lines).toEqual([...names].reverse().map((name, i) => [names.length + 1 - i, name.length + 21]));
  });
});
