import { readFileSync } from 'node:fs';

import jsYaml from 'js-yaml';

import { loadYamlDocument } from '../../../functions/shared/template/load';
import { type FastYamlRead, loadYamlFast } from '../../../functions/shared/template/load-yaml-fast';
import { loadYamlLines } from '../../../functions/shared/template/load-yaml-lines';
import type { TemplatePath } from '../../../functions/shared/template/locator';
import { fastYamlLocator } from '../../../functions/shared/template/yaml-fast-locator';
import { READER_LIMITS, REPO_ROOT, yamlFilesUnder } from '../../helpers/fixtures';

/**
 * The fast path's positions must be the exact reader's, wherever it answers: compared on every path of
 * every YAML template in the repository (keys and list items at every depth, short forms included).
 */

const FILES = yamlFilesUnder('test/fixtures/templates', 'test/fixtures/macro', 'test/golden', 'examples');

const pathsOf = (value: unknown, path: TemplatePath = []): TemplatePath[] => {
  const here = [path];
  if (Array.isArray(value)) {
    return [...here, ...value.flatMap((item: unknown, i) => pathsOf(item, [...path, i]))];
  }
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  }
  return here;
};

let answered = 0;
let asked = 0;

describe('fastYamlLocator', () => {
  afterAll(() => {
    // Leaving everything to the exact reader would pass the comparison: nearly every path must be answered.
    expect(answered / asked).toBeGreaterThan(0.95);
  });

  // Both fast readers record the shallow spans the locator walks: js-yaml's listener, and the line reader.
  const readers = { 'js-yaml': loadYamlFast, 'the line reader': loadYamlLines };
  const cases = FILES.flatMap((file) =>
    Object.entries(readers).map(([reader, load]) => [file.slice(REPO_ROOT.length + 1), reader, load, file] as const),
  );

  it.each(cases)('places every path of %s read by %s where the exact reader does, or leaves it to it', (_name, _reader, load, file) => {
    // Arrange
    const text = readFileSync(file, 'utf8');
    const read = load(text, READER_LIMITS);
    if (read === undefined) {
      return;
    }
    const exact = loadYamlDocument(text, () => undefined).locator;
    const fast = fastYamlLocator(text, read.spans, READER_LIMITS);

    // Act
    const differences = pathsOf(read.template).flatMap((path) => {
      const mine = fast(path);
      const theirs = exact(path);
      asked += 1;
      answered += mine === undefined ? 0 : 1;
      return mine === undefined ||
        (mine.line === theirs?.line &&
          mine.column === theirs.column &&
          mine.endLine === theirs.endLine &&
          mine.endColumn === theirs.endColumn)
        ? []
        : [{ path, mine, theirs }];
    });

    // Assert
    expect(differences).toEqual([]);
  });
});

/** The texts js-yaml reads while `act` runs (the fast read itself is done before). */
const textsRead = (act: () => void): string[] => {
  const load = jest.spyOn(jsYaml, 'load');
  try {
    act();
    return load.mock.calls.map(([text]) => text);
  } finally {
    load.mockRestore();
  }
};

const fastRead = (text: string): FastYamlRead => {
  const read = loadYamlFast(text, READER_LIMITS);
  if (read === undefined) {
    throw new Error('the fast path declined the text');
  }
  return read;
};

/** Where the fast locator and the exact reader place each path, and what js-yaml read again to place them. */
const placeAll = (text: string, paths: readonly TemplatePath[], spans = fastRead(text).spans) => {
  const fast = fastYamlLocator(text, spans, READER_LIMITS);
  const exact = loadYamlDocument(text, () => undefined).locator;
  let mine: unknown[] = [];
  const read = textsRead(() => {
    mine = paths.map((path) => fast(path));
  });
  return { mine, theirs: paths.map((path) => exact(path)), read };
};

const TASK = [
  'Description: one task',
  'Resources:',
  '    Cluster:',
  '        Type: AWS::ECS::Cluster',
  '    Task:',
  '        Type: AWS::ECS::TaskDefinition',
  '        Properties:',
  '            TaskRoleArn: !GetAtt Role.Arn',
  '            ContainerDefinitions:',
  '                - Name: app',
  '                  Image: nginx',
  '                  Cpu: !Ref Cpu',
  'Outputs:',
  '    Arn: {Value: !Ref Task}',
  '',
].join('\n');

/** The text of TASK's ContainerDefinitions entry, from the start of its line to the end of the resource. */
const CONTAINERS = TASK.slice(TASK.indexOf('            ContainerDefinitions:'), TASK.indexOf('Outputs:'));

describe('fastYamlLocator, reading one entry again for a deeper path', () => {
  it('places a finding below a resource property by reading only that property, from the start of its line', () => {
    // Act
    const { mine, theirs, read } = placeAll(TASK, [
      ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
      ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Cpu', 'Ref'],
      ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0],
    ]);

    // Assert: all three come from one reading of the ContainerDefinitions entry.
    expect(mine).toEqual(theirs);
    expect(mine[0]).toMatchObject({ line: 11, column: 19 });
    expect(read).toEqual([CONTAINERS]);
  });

  it('places a path down to a resource property without reading anything again', () => {
    // Act
    const { mine, theirs, read } = placeAll(TASK, [
      [],
      ['Description'],
      ['Resources'],
      ['Resources', 'Task'],
      ['Resources', 'Task', 'Properties', 'TaskRoleArn'],
      ['Resources', 'Task', 'Properties', 'TaskRoleArn', 'Fn::GetAtt'],
      ['Resources', 'Task', 'Properties', 'ContainerDefinitions'],
      ['Outputs', 'Arn', 'Value'],
    ]);

    // Assert
    expect(mine).toEqual(theirs);
    expect(read).toEqual([]);
  });

  it('places paths that leave the template at the last node they reach, as the exact reader does', () => {
    // Act
    const { mine, theirs, read } = placeAll(TASK, [
      ['Resources', 'Nope', 'Properties'],
      ['Parameters', 'Cpu'],
      ['Resources', 'Cluster', 'Properties', 'ClusterName'],
      ['Resources', 'Task', 'Type', 'Deeper'],
      ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Nope', 'Deeper'],
    ]);

    // Assert: only the last goes below a property, into a list item that is there.
    expect(mine).toEqual(theirs);
    expect(mine[0]).toMatchObject({ line: 2, column: 1 });
    expect(read).toEqual([CONTAINERS]);
  });

  it('reads an entry once however many findings lie in it', () => {
    // Arrange
    const fast = fastYamlLocator(TASK, fastRead(TASK).spans, READER_LIMITS);

    // Act
    const read = textsRead(() => {
      fast(['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0]);
      fast(['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Name']);
      fast(['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image']);
    });

    // Assert
    expect(read).toHaveLength(1);
  });

  it.each([
    [
      'resources written as flow mappings, one to a line, with comments',
      'Resources:\n  Cluster: {Type: AWS::ECS::Cluster}  # shared\n  Task: {Type: AWS::ECS::TaskDefinition, Properties: {Cpu: 256, Tags: [{Key: a, Value: b}]}}\n',
      ['Resources', 'Task', 'Properties', 'Tags', 0, 'Value'],
      'Tags: [{Key: a, Value: b}]',
    ],
    [
      'a whole flow template on one line (the entry starts at its key, and ends where its value does)',
      'Resources: {A: {Type: X}, B: {Type: Y, Properties: {P: [1, 2]}}, C: {Type: Z}}\n',
      ['Resources', 'B', 'Properties', 'P', 1],
      'P: [1, 2]',
    ],
    [
      'block scalars with indentation indicators and kept line breaks',
      'Resources:\n  Task:\n    Properties:\n      Script:\n        Body: |2\n            two more than the indicator\n          two\n        After: >-\n          folded\n        Kept: |+\n          kept\n\n\n  Next:\n    Type: X\n',
      ['Resources', 'Task', 'Properties', 'Script', 'After'],
      '      Script:\n        Body: |2\n            two more than the indicator\n          two\n        After: >-\n          folded\n        Kept: |+\n          kept\n\n\n',
    ],
    [
      'a property followed by comments indented more and less than it',
      'Resources:\n  A:\n    Properties:\n      Tags:\n        - a\n        - b   # trailing\n        # inside, indented\n  # before B\n# at column 0\n\n  B:\n    Type: Y\n',
      ['Resources', 'A', 'Properties', 'Tags', 1],
      '      Tags:\n        - a\n        - b   # trailing\n        # inside, indented\n  # before B\n# at column 0\n\n',
    ],
    [
      'CRLF line ends and no line break at the end',
      'Resources:\r\n  A:\r\n    Properties:\r\n      Name: !Join ["-", [!Ref AWS::StackName, a]]',
      ['Resources', 'A', 'Properties', 'Name', 'Fn::Join', 1, 0, 'Ref'],
      '      Name: !Join ["-", [!Ref AWS::StackName, a]]',
    ],
  ])('places a finding in %s', (_what, text, path, entryText) => {
    // Act
    const { mine, theirs, read } = placeAll(text, [path]);

    // Assert
    expect(mine).toEqual(theirs);
    expect(mine[0]).toBeDefined();
    expect(read).toEqual([entryText]);
  });

  it('reads the whole text again when the entry cut out does not read as the template has it', () => {
    // Arrange: no text the fast path reads is known to be cut wrongly, so a changed letter inside the
    // property (same length, so every offset holds) makes the entry read differently from the template.
    const read = fastRead(TASK);
    const changed = TASK.replace('Image: nginx', 'Image: nginX');
    const spans = { ...read.spans, text: changed };

    // Act
    const placed = placeAll(TASK, [['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image']], spans);

    // Assert
    expect(placed.mine).toEqual(placed.theirs);
    expect(placed.read).toEqual([CONTAINERS.replace('nginx', 'nginX'), changed]);
  });

  it('reads the whole text again when the entry cut out does not read at all (a JSON-style key right before its colon)', () => {
    // Arrange: `"Properties":{` is a flow mapping's entry; on its own, a block mapping needs a space after the colon.
    const text = '{"Resources":{"Task":{"Type":"X","Properties":{"A":1}}}} # YAML, so JSON.parse declines it\n';

    // Act
    const { mine, theirs, read } = placeAll(text, [['Resources', 'Task', 'Properties', 'A']]);

    // Assert
    expect(mine).toEqual(theirs);
    expect(read).toEqual(['"Properties":{"A":1}', text]);
  });

  it('reads again within the limits of the fast read, so the work budget can stop it', () => {
    // Arrange: the budget runs out after the template was read.
    let deadlinePassed = false;
    const limits = {
      ...READER_LIMITS,
      valuesPerCheckpoint: 2,
      checkpoint: () => {
        if (deadlinePassed) {
          throw new RangeError('past the deadline');
        }
      },
    };
    const fast = fastYamlLocator(TASK, fastRead(TASK).spans, limits);
    deadlinePassed = true;

    // Act / Assert
    expect(() => fast(['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'])).toThrow('past the deadline');
  });

  it('counts offsets past a byte order mark, which js-yaml drops before reading', () => {
    // Arrange
    const text = '\uFEFFResources:\n  A:\n    Properties:\n      P:\n        Q: 1\n';

    // Act
    const { mine, theirs, read } = placeAll(text, [
      ['Resources', 'A', 'Properties'],
      ['Resources', 'A', 'Properties', 'P', 'Q'],
    ]);

    // Assert
    expect(mine).toEqual(theirs);
    expect(read).toEqual(['      P:\n        Q: 1\n']);
  });
});
