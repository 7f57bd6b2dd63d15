import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadYamlDocument } from '../../../functions/shared/template/load';
import { FAST_SCHEMA, loadYamlFast } from '../../../functions/shared/template/load-yaml-fast';
import type { TemplatePath } from '../../../functions/shared/template/locator';
import { fastYamlLocator } from '../../../functions/shared/template/yaml-fast-locator';
import { REPO_ROOT } from '../../helpers/fixtures';

/**
 * The fast path's positions must be the exact reader's, wherever it answers: compared on every path of
 * every YAML template in the repository (keys and list items at every depth, short forms included).
 */

const LIMITS = { maxDepth: 100, maxValues: 100_000, checkpoint: (): void => undefined, valuesPerCheckpoint: 4096 };

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));

const FILES = [
  ...yamlFiles(join(REPO_ROOT, 'test', 'fixtures', 'templates')),
  ...yamlFiles(join(REPO_ROOT, 'test', 'fixtures', 'macro')),
  ...yamlFiles(join(REPO_ROOT, 'test', 'golden')),
  ...yamlFiles(join(REPO_ROOT, 'examples')),
];

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

  const cases = FILES.map((file) => [file.slice(REPO_ROOT.length + 1), file]);

  it.each(cases)('places every path of %s where the exact reader does, or leaves it to it', (_name, file) => {
    // Arrange
    const text = readFileSync(file, 'utf8');
    const template = loadYamlFast(text, LIMITS);
    if (template === undefined) {
      return;
    }
    const exact = loadYamlDocument(text, () => undefined).locator;
    const fast = fastYamlLocator(text, FAST_SCHEMA);

    // Act
    const differences = pathsOf(template).flatMap((path) => {
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
