import { readFileSync } from 'node:fs';

import fc from 'fast-check';
import { Schema, stringify } from 'yaml';

import { loadTemplate, loadYamlDocument } from '../../../functions/shared/template/load';
import { coreTagOf, loadYamlFast } from '../../../functions/shared/template/load-yaml-fast';
import { READER_LIMITS, REPO_ROOT, yamlFilesUnder } from '../../helpers/fixtures';

/**
 * The YAML fast path (js-yaml) must read every template exactly as the exact reader (the `yaml` library)
 * does, or decline it. These tests compare the two on the repository's templates, on hand-picked scalars
 * and keys where YAML readers differ, and on generated values.
 */

const exact = (text: string): unknown => loadYamlDocument(text, () => undefined).template;

const TEMPLATE_FILES = yamlFilesUnder('test/fixtures/templates', 'test/fixtures/macro', 'examples');

describe('loadYamlFast', () => {
  it.each(TEMPLATE_FILES.map((file) => [file.slice(REPO_ROOT.length + 1), file]))('reads %s as the exact reader does', (_name, file) => {
    // Arrange
    const text = readFileSync(file, 'utf8');

    // Act
    const fast = loadYamlFast(text, READER_LIMITS)?.template;

    // Assert
    expect(fast).toEqual(exact(text));
  });

  it.each([
    ['numbers of every YAML 1.2 core form', 'a: [0755, 0o17, 0x1F, 1e3, .5, +1, -0, 1.0, 3.25, 1_000, 0b11]'],
    ['numbers JSON cannot hold, kept as written', 'a: [.inf, -.Inf, .nan, 12345678901234567890, 1e400]'],
    ['booleans and nulls of YAML 1.2 only', 'a: [true, True, TRUE, false, yes, no, on, off, y, ~, null, Null, NULL, ""]\nb:\n'],
    ['dates stay strings', 'AWSTemplateFormatVersion: 2010-09-09\nb: 2001-12-14t21:59:43.10-05:00'],
    ['quoted scalars', `a: ['123', "true", "\\u00e9\\x41\\t", 'it''s', "multi\n  line"]`],
    ['block scalars', 'a: |\n  one\n  two\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\n'],
    [
      'short forms on every kind of node',
      'a: !Ref X\nb: !GetAtt A.B.C\nc: !Sub ["x-${Y}", {Y: !Ref Z}]\nd: !Transform {Name: AWS::Include}\ne: !GetAtt [A, B]',
    ],
    ['a short form of an empty string', "a: !GetAZs ''"],
    ['nested short forms', 'a: !If [C, !Ref A, !Ref "AWS::NoValue"]\nb: !Join ["", [!Sub "${A}", !Select [0, !GetAZs ""]]]'],
    ['a __proto__ key', '__proto__: {polluted: true}\nb: 1'],
    ['CRLF line ends and comments', 'a: 1 # one\r\nb:\r\n  - x\r\n  - y\r\n'],
    ['unicode', 'Description: "Ünïcødé ✓ 日本語"\nb: plain ✓'],
  ])('reads %s as the exact reader does', (_what, text) => {
    // Act
    const fast = loadYamlFast(text, READER_LIMITS)?.template;

    // Assert
    expect(fast).toBeDefined();
    expect(fast).toEqual(exact(text));
  });

  it.each([
    ['a key YAML reads as a number', 'a: 1\n1.0: x'],
    ['a key YAML reads as null', '~: x'],
    ['a key YAML reads as a boolean', 'true: x'],
    ['an anchor and alias', 'a: &x [1]\nb: *x'],
    ['a %YAML directive', '%YAML 1.1\n---\na: yes'],
    ['an explicit core tag', 'a: !!str 1'],
    ['a complex key', '? [a, b]\n: c'],
    ['a flow collection as key', '{[a]: b}'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['an unknown tag', 'a: !Nope x'],
    ['an empty short form', 'a: !Ref'],
    ['two documents', 'a: 1\n---\nb: 2'],
    ['a top level that is not a mapping', '- a'],
    ['101 levels', `a: ${'['.repeat(101)}${']'.repeat(101)}`],
  ])('declines %s (the exact reader answers)', (_what, text) => {
    expect(loadYamlFast(text, READER_LIMITS)).toBeUndefined();
  });

  it('declines more values than the limit, and calls the checkpoint while reading', () => {
    // Arrange
    let checkpoints = 0;
    const text = `a: [${Array<string>(50).fill('1').join(', ')}]`;

    // Act
    const over = loadYamlFast(text, { ...READER_LIMITS, maxValues: 40 });
    const within = loadYamlFast(text, { ...READER_LIMITS, valuesPerCheckpoint: 10, checkpoint: () => (checkpoints += 1) })?.template;

    // Assert
    expect(over).toBeUndefined();
    expect(within).toEqual({ a: Array<number>(50).fill(1) });
    expect(checkpoints).toBe(5);
  });

  it('lets the work budget stop the read', () => {
    // Arrange
    const budget = (): never => {
      throw new RangeError('past the deadline');
    };

    // Act / Assert
    expect(() => loadYamlFast('a: [1, 2, 3]', { ...READER_LIMITS, valuesPerCheckpoint: 2, checkpoint: budget })).toThrow(
      'past the deadline',
    );
  });

  /** Texts the `yaml` library writes for generated values; the count of those read by the fast path. */
  const compareGenerated = (keys: fc.Arbitrary<string>, runs: number): number => {
    let readFast = 0;
    fc.assert(
      fc.property(
        fc.object({
          key: keys,
          maxDepth: 4,
          values: [fc.boolean(), fc.integer(), fc.double({ noNaN: true }), fc.string(), fc.constant(null)],
        }),
        fc.constantFrom<'block' | 'flow'>('block', 'flow'),
        (value, style) => {
          const text = stringify(value, { collectionStyle: style, lineWidth: 20 });
          const fast = loadYamlFast(text, READER_LIMITS)?.template;
          if (fast !== undefined) {
            readFast += 1;
            expect(fast).toEqual(exact(text));
          }
        },
      ),
      { numRuns: runs },
    );
    return readFast;
  };

  it('reads generated values with any keys as the exact reader does, or declines them', () => {
    // Act
    const readFast = compareGenerated(fc.string(), 300);

    // Assert: random keys often look like numbers, aliases or complex keys, and are declined; not all are.
    expect(readFast).toBeGreaterThan(60);
  });

  it('reads generated values with template-like keys by the fast path, as the exact reader does', () => {
    // Act
    const readFast = compareGenerated(fc.stringMatching(/^[A-Za-z][A-Za-z0-9:_-]{0,12}$/), 300);

    // Assert: declining everything would pass the comparison; ordinary keys must not be declined.
    expect(readFast).toBeGreaterThan(270);
  });
});

describe('loadTemplate on YAML', () => {
  it('places findings exactly after a fast read (positions from the exact reader, on demand)', () => {
    // Arrange
    const text = 'Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: !Ref Cpu\n';

    // Act
    const loaded = loadTemplate(text);

    // Assert
    expect(loaded.template).toEqual(exact(text));
    expect(loaded.locator(['Resources', 'Task', 'Properties', 'Cpu', 'Ref'])).toMatchObject({ line: 5, column: 7 });
  });
});

describe('coreTagOf', () => {
  /** The `yaml` library's core scalar tags, tried in turn as that library does: the answer coreTagOf must give. */
  const CORE_TAGS = new Schema({ schema: 'core' }).tags.flatMap((tag) => ('test' in tag && tag.test !== undefined ? [tag.test] : []));
  const firstMatch = (source: string): RegExp | undefined => CORE_TAGS.find((test) => test.test(source));

  it.each(CORE_TAGS.map((test) => [String(test), test]))('finds the first matching tag for every scalar %s reads', (_name, test) => {
    fc.assert(
      fc.property(fc.stringMatching(test), (source) => {
        expect(coreTagOf(source)?.test).toBe(firstMatch(source));
      }),
      { numRuns: 500 },
    );
  });

  it.each([[''], ['~'], ['null'], ['TRUE'], ['0o17'], ['0x1F'], ['-.inf'], ['.NaN'], ['+1.5e3'], ['.5'], ['Type'], ['NULLx'], ['é']])(
    'finds what trying every tag finds for %j',
    (source) => {
      expect(coreTagOf(source)?.test).toBe(firstMatch(source));
    },
  );

  it('finds what trying every tag finds for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[-+.0-9eE_oxa-fA-F~nNtTfF]{0,6}$/)),
        (source) => {
          expect(coreTagOf(source)?.test).toBe(firstMatch(source));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
