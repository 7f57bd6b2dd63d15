import { readFileSync } from 'node:fs';

import fc from 'fast-check';
import { stringify } from 'yaml';

import { loadYamlDocument } from '../../../functions/shared/template/load';
import { loadYamlLines } from '../../../functions/shared/template/load-yaml-lines';
import { lineStarts } from '../../../functions/shared/template/locator';
import { READER_LIMITS, REPO_ROOT, yamlFilesUnder } from '../../helpers/fixtures';
import { PROPERTY_RUNS } from '../../property/run-counts';

/**
 * The line reader must read every template exactly as the exact reader (the `yaml` library) does, or
 * decline it; above all it must never accept a text the exact reader refuses. These tests compare the two
 * on the repository's templates, on hand-picked texts, on generated values, on texts written in the
 * styles people write templates in, and on mutations of the repository's templates.
 */

/** The exact reader's template, or "refused" for a text it does not accept. */
const exact = (text: string): unknown => {
  try {
    return loadYamlDocument(text, () => undefined).template;
  } catch {
    return 'refused';
  }
};

const lines = (text: string): unknown => loadYamlLines(text, READER_LIMITS)?.template;

const TEMPLATE_FILES = yamlFilesUnder('test/fixtures/templates', 'test/fixtures/macro', 'examples');

/** Read by the line reader, or declined: never a different value, never a text the exact reader refuses. */
const expectSameOrDeclined = (text: string): boolean => {
  const read = lines(text);
  if (read !== undefined) {
    expect([text, read]).toEqual([text, exact(text)]);
  }
  return read !== undefined;
};

describe('loadYamlLines', () => {
  it.each(TEMPLATE_FILES.map((file) => [file.slice(REPO_ROOT.length + 1), file]))('reads %s as the exact reader does', (_name, file) => {
    // Arrange
    const text = readFileSync(file, 'utf8');

    // Act
    const read = lines(text);

    // Assert: two fixtures use an `!If` over a flow mapping spread on several lines, which is declined
    expect(read ?? exact(text)).toEqual(exact(text));
  });

  it('finds every line start on its way, as the locator would scan them', () => {
    // Arrange: the repository's templates, and texts with blank lines, comments and block scalars at the end
    const texts = [
      ...TEMPLATE_FILES.map((file) => readFileSync(file, 'utf8')),
      'a: |\n  x\n\n',
      'a: 1\n# end',
      'a: 1\n\n\n',
      '---\na:\n  - b\n',
    ];

    // Act
    const found = texts.map((text) => [text, loadYamlLines(text, READER_LIMITS)?.lineStarts]);

    // Assert
    expect(found.filter(([, starts]) => starts !== undefined).length).toBeGreaterThan(texts.length * 0.95);
    for (const [text, starts] of found) {
      if (starts !== undefined && typeof text === 'string') {
        expect([text, starts]).toEqual([text, lineStarts(text)]);
      }
    }
  });

  it('reads nearly all repository templates itself', () => {
    const read = TEMPLATE_FILES.filter((file) => lines(readFileSync(file, 'utf8')) !== undefined);

    expect(read.length).toBeGreaterThan(TEMPLATE_FILES.length * 0.95);
  });

  it.each([
    ['typed plain scalars', 'a: [0755, 0o17, 0x1F, 1e3, .5, +1, -0, 1.0, 3.25, 1_000, 0b11]\nb: [.inf, -.Inf, .nan, 12345678901234567890]'],
    ['booleans and nulls of YAML 1.2 only', 'a: [true, True, TRUE, false, yes, no, on, off, y, ~, null, Null, NULL, ""]\nb:\nc: ~'],
    ['dates stay strings', 'AWSTemplateFormatVersion: 2010-09-09\nb: 2001-12-14t21:59:43.10-05:00'],
    ['quoted scalars', `a: ['123', "true", "\\u00e9\\t\\"", 'it''s', "# not a comment"]\n'q k': 1\n"q\\"k": 2`],
    ['comments everywhere', '# head\na: 1 # one\n  # indented comment\nb: # the value is below\n  - x # item\n#c: 3\n  - y\n'],
    ['plain scalars with colons and hashes', 'a: arn:aws:s3:::bucket/*\nb: a#b\nc: http://x/#y\nd: "a: b"\ne: ::x'],
    ['a sequence at its key’s column', 'a:\n- x\n- y:\n    z: 1\n  w: 2\nb: 3'],
    ['compact nested sequences', 'a:\n  - - x\n    - y\n  -   - z\n  -\n    k: v\n  - # empty\n'],
    ['literal block scalars', 'a: |\n  one\n\n    two\n  three\nb: |-\n  stripped\n\n\nc: |  # comment\n  x\nd: |\n\ne: !Sub |\n  ${A}\n'],
    [
      'short forms on every kind of node',
      'a: !Ref X\nb: !GetAtt A.B.C\nc: !Sub ["x-${Y}", {Y: !Ref Z}]\nd: !Transform {Name: AWS::Include}\ne: !GetAtt [A, B]\nf: !If\n  - C\n  - !Ref A\n  - !Ref AWS::NoValue\ng: !Sub\n  - "${A}"\n  - A: 1',
    ],
    ['tagged scalars stay strings', "a: !Ref 1\nb: !Sub true\nc: !GetAZs ''\nd: !GetAtt 'A.B'\ne: [!Ref 0x1F, !Ref ~]"],
    ['nested short forms in flows', 'a: !If [C, !Ref A, !Ref "AWS::NoValue"]\nb: !Join ["", [!Sub "${A}", !Select [0, !GetAZs ""]]]'],
    ['a leading document marker', '---\na: 1\n'],
    ['unicode', 'Description: "Ünïcødé ✓ 日本語"\nb: plain ✓\n✓: key'],
    ['empty flow collections', 'a: []\nb: {}\nc: [[], {}]\nd: {a: [], b: {}}'],
  ])('reads %s as the exact reader does', (_what, text) => {
    // Act
    const read = lines(text);

    // Assert
    expect(read).toBeDefined();
    expect(read).toEqual(exact(text));
  });

  it.each([
    ['a key YAML reads as a number', 'a: 1\n1.0: x'],
    ['a key YAML reads as null', '~: x'],
    ['an anchor and alias', 'a: &x [1]\nb: *x'],
    ['a %YAML directive', '%YAML 1.1\n---\na: yes'],
    ['an explicit core tag', 'a: !!str 1'],
    ['a complex key', '? [a, b]\n: c'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['a duplicate key in a flow mapping', 'a: {b: 1, b: 2}'],
    ['an unknown tag', 'a: !Nope x'],
    ['an empty short form', 'a: !Ref'],
    ['two documents', 'a: 1\n---\nb: 2'],
    ['a top level that is not a mapping', '- a'],
    ['a plain scalar over two lines', 'a: one\n  two'],
    ['a quoted scalar over two lines', 'a: "one\n  two"'],
    ['a flow collection over two lines', 'a: [one,\n  two]'],
    ['a folded block scalar', 'a: >\n  folded\n'],
    ['a kept block scalar', 'a: |+\n  kept\n\n'],
    ['an indentation indicator', 'a: |2\n   x\n'],
    ['YAML-only escapes', 'a: "\\x41\\e"'],
    ['tabs', 'a:\tb'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['a __proto__ key', '__proto__: {polluted: true}'],
    ['a merge key', 'a: {x: 1}\n<<: {y: 2}'],
    ['a trailing comma', 'a: [x, ]'],
    ['an implicit flow pair', 'a: [x: y]'],
    ['101 levels', `a: ${'['.repeat(101)}${']'.repeat(101)}`],
  ])('declines %s', (_what, text) => {
    expect(lines(text)).toBeUndefined();
  });

  it.each([
    ['a value after a key at the wrong indentation', 'a: b\n  c: d'],
    ['a mapping inside a plain value', 'a: b: c'],
    ['a sequence on the line of its key', 'a: - x'],
    ['a dash alone as value', 'a: -'],
    ['a mapping less indented than its siblings', 'a:\n    b: 1\n  c: 2'],
    ['a sequence under a scalar', 'a: x\n- y'],
    ['an unclosed quote', 'a: "x'],
    ['text after a quoted scalar', 'a: "x" y'],
    ['a key without a colon', 'a: 1\nb'],
  ])('declines %s, which the exact reader refuses', (_what, text) => {
    expect(exact(text)).toBe('refused');
    expect(lines(text)).toBeUndefined();
  });

  it('declines more values than the limit, and calls the checkpoint while reading', () => {
    // Arrange
    let checkpoints = 0;
    const text = `a:\n${Array<string>(50).fill('  - 1\n').join('')}`;

    // Act
    const over = loadYamlLines(text, { ...READER_LIMITS, maxValues: 40 });
    const within = loadYamlLines(text, { ...READER_LIMITS, valuesPerCheckpoint: 10, checkpoint: () => (checkpoints += 1) })?.template;

    // Assert
    expect(over).toBeUndefined();
    expect(within).toEqual({ a: Array<number>(50).fill(1) });
    expect(checkpoints).toBe(5);
  });

  it('lets the work budget stop the read', () => {
    const budget = (): never => {
      throw new RangeError('past the deadline');
    };

    expect(() => loadYamlLines('a:\n  - 1\n  - 2\n  - 3', { ...READER_LIMITS, valuesPerCheckpoint: 2, checkpoint: budget })).toThrow(
      'past the deadline',
    );
  });

  it('reads lines without colons or hashes in linear time', () => {
    // Arrange: a search for the next ':' or ' #' that restarted at every line would take seconds here
    const text = `a:\n${'  - x\n'.repeat(60_000)}b: 1 # end\n`;

    // Act
    const read = loadYamlLines(text, { ...READER_LIMITS, maxValues: 1_000_000 })?.template as { a: unknown[] } | undefined;

    // Assert
    expect(read?.a).toHaveLength(60_000);
  });

  it('reads values the `yaml` library writes as the exact reader does', () => {
    let read = 0;
    fc.assert(
      fc.property(
        fc.object({
          key: fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z][A-Za-z0-9:_-]{0,12}$/)),
          maxDepth: 4,
          values: [
            fc.boolean(),
            fc.integer(),
            fc.double({ noNaN: true }),
            fc.string(),
            fc.constant(null),
            fc.stringMatching(/^[ -~]{0,12}$/),
          ],
        }),
        fc.constantFrom<'block' | 'flow'>('block', 'flow'),
        fc.nat(30),
        (value, style, width) => {
          read += Number(expectSameOrDeclined(stringify(value, { collectionStyle: style, lineWidth: 20 + width })));
        },
      ),
      { numRuns: PROPERTY_RUNS.lineReaderWritten },
    );
    expect(read).toBeGreaterThan(100);
  });

  it('reads every text in the styles templates are written in, as the exact reader does', () => {
    fc.assert(
      fc.property(handWritten(false), (text) => {
        expect([text, exact(text) === 'refused' || lines(text) !== undefined]).toEqual([text, true]);
        expectSameOrDeclined(text);
      }),
      { numRuns: PROPERTY_RUNS.lineReaderHandWritten },
    );
  });

  it('reads texts with unusual parts as the exact reader does, or declines them; never one it refuses', () => {
    fc.assert(
      fc.property(handWritten(true), (text) => {
        expectSameOrDeclined(text);
      }),
      { numRuns: PROPERTY_RUNS.lineReaderUnusual },
    );
  });

  it('never reads a mutated repository template otherwise than the exact reader', () => {
    const texts = TEMPLATE_FILES.map((file) => readFileSync(file, 'utf8'));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(mutation(), { minLength: 1, maxLength: 4 }), (text, mutations) => {
        expectSameOrDeclined(mutations.reduce((t, mutate) => mutate(t), text));
      }),
      { numRuns: PROPERTY_RUNS.lineReaderMutated },
    );
  });
});

/** Bits of YAML syntax, inserted, overwritten or deleted at random places of a real template. */
const PIECES = [
  ' ', '  ', '#', ' #x', ':', ': ', '- ', '-', '"', "'", '[', ']', '{', '}', ',', '!Ref ', '!Sub ', '|', '|-', '>', '\n', '\n  ',
  '\n    ', 'a', '1', 'true', '~', '.5', '0x1F', '\\', '\\n', '\\x41', '---', '...', '&a ', '*a', '? ', '%', '@', '`', '!GetAtt a.b',
  'null', '"\\"', "''", '[a, b]', '{a: b}', 'é', '${X}', '::',
]; // prettier-ignore

const mutation = (): fc.Arbitrary<(text: string) => string> =>
  fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...PIECES)).map(([position, kind, piece]) => (text: string): string => {
    const at = position % (text.length + 1);
    if (kind === 0) {
      return text.slice(0, at) + piece + text.slice(at);
    }
    if (kind === 1) {
      return text.slice(0, at) + text.slice(at + 1 + (position % 3));
    }
    if (kind === 2) {
      return text.slice(0, at) + piece + text.slice(at + piece.length);
    }
    const all = text.split('\n');
    const line = position % all.length;
    all.splice(line, 0, all[(line * 7) % all.length] ?? '');
    return all.join('\n');
  });

/**
 * Texts in the styles templates are written in: block mappings and sequences (at the key's column or
 * indented by 2 or 4), comments, short-form tags, one-line flow collections, block scalars. With `unusual`,
 * one part in five is something YAML reads otherwise than it looks, refuses, or the line reader leaves to
 * the others.
 */
const handWritten = (unusual: boolean): fc.Arbitrary<string> => {
  const oneOf = (usual: readonly string[], other: readonly string[]): fc.Arbitrary<string> =>
    unusual
      ? fc.oneof({ arbitrary: fc.constantFrom(...usual), weight: 4 }, { arbitrary: fc.constantFrom(...other), weight: 1 })
      : fc.constantFrom(...usual);
  const styled = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc
      .tuple(text, fc.nat(3))
      .map(([raw, style]) => (style === 0 ? `'${raw.replaceAll("'", "''")}'` : style === 1 ? JSON.stringify(raw) : raw));
  const scalar = styled(
    oneOf(
      [
        'x',
        'AWS::ECS::TaskDefinition',
        'arn:aws:s3:::b/*',
        'a b',
        'a#b',
        '-x',
        ':x',
        'true',
        '1',
        '1.0',
        '0x1F',
        '.5',
        '~',
        "it's",
        'x"y',
        '${A}',
        'é ✓',
        'a  b',
      ],
      [
        'a: b',
        'a #b',
        '-',
        '?x',
        'True',
        'yes',
        'null',
        '',
        '#x',
        '@x',
        '`x',
        '%x',
        '!x',
        '&x',
        '*x',
        '|x',
        '>x',
        '[x',
        ']x',
        '{x',
        ',x',
        'x:',
        'x ',
        '"q"',
      ],
    ),
  );
  const key = styled(
    oneOf(['Name', 'Type', 'Fn::If', 'a-b', 'a_b', 'a b', 'a:b', 'é', '-k', 'x"y', "it's"], ['1', 'true', '', 'null', 'k#', '? k', '&a k']),
  );
  const comment = fc.constantFrom('', '', '', ' # c', ' #', '  # c: d');
  const tag = oneOf(['!Ref', '!Sub', '!GetAtt', '!If', '!Join', '!Base64'], ['!Nope', '!!str', '!Ref !Ref']);
  const flow = fc.letrec<{ flow: string }>((tie) => ({
    flow: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('flow'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.array(fc.tuple(key, tie('flow')), { maxLength: 3 }).map((entries) => `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      fc.tuple(tag, tie('flow')).map(([t, value]) => `${t} ${value}`),
    ),
  })).flow;
  const literal = fc.tuple(
    oneOf(['|', '|-', '| # c'], ['|+', '>', '|2', '>-']),
    fc.array(oneOf(['line', '', '  more', '# not a comment', 'a: b'], [' ', '\t']), { minLength: 1, maxLength: 4 }),
  );
  const node: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(flow, comment).map(([text, note]): Node => ({ inline: true, render: () => `${text}${note}` })),
      literal.map(([header, body]): Node => ({
        inline: true,
        render: (indent, pad) => `${header}\n${body.map((line) => (line === '' ? '' : `${' '.repeat(indent + pad)}${line}`)).join('\n')}`,
      })),
      fc
        .tuple(fc.array(fc.tuple(key, tie('node'), comment), { minLength: 1, maxLength: 3 }), fc.constantFrom(2, 4))
        .map(([entries, pad]): Node => ({
          inline: false,
          render: (indent) => entries.map(([k, v, note]) => `${' '.repeat(indent)}${k}:${below(v, indent, pad, note)}`).join('\n'),
        })),
      fc
        .tuple(fc.array(fc.tuple(tie('node'), comment), { minLength: 1, maxLength: 3 }), fc.constantFrom(0, 2, 4))
        .map(([items, pad]): Node => ({
          inline: false,
          sequence: true,
          render: (indent) => items.map(([v, note]) => `${' '.repeat(indent)}-${below(v, indent, pad || 2, note)}`).join('\n'),
          pad,
        })),
      fc.tuple(tag, tie('node')).map(([t, inner]): Node => ({
        inline: inner.inline,
        render: (indent, pad) => (inner.inline ? `${t} ${inner.render(indent, pad)}` : `${t}\n${inner.render(indent + pad, pad)}`),
      })),
    ),
  })).node;
  return fc
    .tuple(fc.array(fc.tuple(key, node, comment), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean())
    .map(
      ([entries, marker, trailingNewline]) =>
        `${marker ? '---\n' : ''}${entries.map(([k, v, note]) => `${k}:${below(v, 0, 2, note)}`).join('\n')}${trailingNewline ? '\n' : ''}`,
    );
};

interface Node {
  /** The node written after `key: ` or `- ` (and lines below, each indented by `pad` more). */
  readonly render: (indent: number, pad: number) => string;
  readonly inline: boolean;
  /** A block sequence, and how far it is indented below its key: 0 puts it at the key's column. */
  readonly sequence?: boolean;
  readonly pad?: number;
}

/** A value after `key:` or `-`: on the same line, or on the lines below (a sequence may keep its key's column). */
const below = (value: Node, indent: number, pad: number, note: string): string =>
  value.inline
    ? ` ${value.render(indent, pad)}`
    : `${note}\n${value.render(indent + (value.sequence === true ? (value.pad ?? pad) : pad), pad)}`;
