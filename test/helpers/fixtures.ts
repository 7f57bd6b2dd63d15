import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { Problem } from '../../functions/shared/errors';
import { formatProblemPath } from '../../functions/shared/errors';
import { expandTemplate } from '../../functions/shared/firelens';
import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../functions/shared/template/load';

/** The repository root (test/helpers → ../..). */
export const REPO_ROOT = join(__dirname, '..', '..');
const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
export const GOLDEN_DIR = join(FIXTURES_DIR, 'macro');
export const GOLDEN_ERRORS_DIR = join(GOLDEN_DIR, 'errors');
const MACRO_EVENTS_DIR = join(REPO_ROOT, 'events', 'macro');
const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

/** Every YAML file below each of `folders` (paths from the repository root), for tests that read them all. */
export const yamlFilesUnder = (...folders: string[]): string[] =>
  folders.flatMap((folder) =>
    readdirSync(join(REPO_ROOT, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name)),
  );

/** Limits for the YAML readers' own tests: wide enough that no repository template meets them. */
export const READER_LIMITS = { maxDepth: 100, maxValues: 100_000, checkpoint: (): void => undefined, valuesPerCheckpoint: 4096 };

/** Text of a fixture, by its path under test/fixtures (e.g. `macro/task-condition/input.yaml`). */
export const readFixture = (name: string): string => readFileSync(join(FIXTURES_DIR, name), 'utf8');

/** A successful golden case: `test/fixtures/macro/<name>/input.yaml` → `expected.json`. */
export interface GoldenCase {
  readonly name: string;
  readonly inputPath: string;
  readonly expectedPath: string;
}

/** A refused golden case: `test/fixtures/macro/errors/<name>.yaml` → `<name>.expected.txt`. */
export interface GoldenErrorCase {
  readonly name: string;
  readonly inputPath: string;
  readonly expectedPath: string;
}

/** Folders under test/fixtures/macro that are not success cases (`pending` holds hand-written expectations the code does not meet yet). */
const NOT_CASES = new Set(['errors', 'pending']);

/** Every golden success case, sorted by name (so test order and failures are stable). */
export const goldenCases = (): GoldenCase[] =>
  readdirSync(GOLDEN_DIR)
    .filter((entry) => !NOT_CASES.has(entry) && statSync(join(GOLDEN_DIR, entry)).isDirectory())
    .sort()
    .map((name) => ({ name, inputPath: join(GOLDEN_DIR, name, 'input.yaml'), expectedPath: join(GOLDEN_DIR, name, 'expected.json') }));

/** Every golden error case, sorted by name. */
export const goldenErrorCases = (): GoldenErrorCase[] =>
  readdirSync(GOLDEN_ERRORS_DIR)
    .filter((entry) => entry.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.yaml'.length);
      return { name, inputPath: join(GOLDEN_ERRORS_DIR, file), expectedPath: join(GOLDEN_ERRORS_DIR, `${name}.expected.txt`) };
    });

/** A template file as CloudFormation hands it to a macro (short-form tags in their JSON form). */
export const loadTemplateFile = (path: string): JsonObject => loadTemplate(readFileSync(path, 'utf8')).template;

/** What the macro makes of a template file: the expanded template, or the problems. */
export const expandTemplateFile = (path: string): ReturnType<typeof expandTemplate> => expandTemplate(loadTemplateFile(path));

/** The exact failure text of the golden error files: one `path: message` line per problem. */
export const problemLines = (problems: readonly Problem[]): string =>
  problems.map((p) => `${formatProblemPath(p.path)}: ${p.message}`).join('\n') + '\n';

/** Every `events/macro/*.json` file name, sorted. */
export const macroEventFiles = (): string[] =>
  readdirSync(MACRO_EVENTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort();

/** A macro event from events/macro, parsed. */
export const readMacroEvent = (file: string): JsonObject => JSON.parse(readFileSync(join(MACRO_EVENTS_DIR, file), 'utf8')) as JsonObject;

/** Every `examples/*.yaml` file, as full paths, sorted. */
export const exampleFiles = (): string[] =>
  readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.yaml') || file.endsWith('.yml'))
    .sort()
    .map((file) => join(EXAMPLES_DIR, file));

/** A Fargate task `Task` whose one container `app` routes to `destination` (a YAML flow mapping); `extraResources` are YAML lines indented by two. */
export const fargateTaskTemplate = (destination: string, extraResources = ''): JsonObject =>
  loadTemplate(`Resources:
${extraResources}
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions:
        - {Name: app, Image: public.ecr.aws/docker/library/nginx:1.27}
      FireLens:
        Destination: ${destination}
`).template;
