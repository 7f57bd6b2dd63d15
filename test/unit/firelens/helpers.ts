import { formatProblems } from '../../../functions/shared/errors';
import { normalizeFireLens } from '../../../functions/shared/firelens/normalize';
import { parseFireLensProperties } from '../../../functions/shared/firelens/parse';
import { type FireLensTask, readFireLensTask } from '../../../functions/shared/firelens/task';
import type { FireLensSpec } from '../../../functions/shared/firelens/types';
import { isObject, type JsonObject } from '../../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../../functions/shared/template/load';

/** The template's Resources, read from YAML. */
const resourcesOf = (yaml: string): JsonObject => {
  const resources = loadTemplate(yaml).template['Resources'];
  if (!isObject(resources)) {
    throw new Error('the test template has no Resources');
  }
  return resources;
};

/** The task as the checks and planners read it, without going through normalize (its FireLens may be wrong). */
export const taskOf = (yaml: string, id = 'Task'): FireLensTask => {
  const resources = resourcesOf(yaml);
  const resource = resources[id];
  if (!isObject(resource)) {
    throw new Error(`the test template has no resource ${id}`);
  }
  return readFireLensTask(id, resource, resources);
};

/** The normalized spec and the task of a template whose FireLens property is valid. */
export const specAndTask = (yaml: string, id = 'Task'): { spec: FireLensSpec; task: FireLensTask } => {
  const { inputs } = parseFireLensProperties(loadTemplate(yaml).template);
  const input = inputs.find((i) => i.logicalId === id);
  if (input === undefined) {
    throw new Error(`the test template has no FireLens on ${id}`);
  }
  const { spec, problems } = normalizeFireLens(input);
  if (spec === undefined) {
    throw new Error(formatProblems(problems));
  }
  return { spec, task: taskOf(yaml, id) };
};

/**
 * A task definition named Task: `properties` and `containers` are YAML indented for their place (six and
 * eight spaces), `fireLens` for the keys under FireLens (eight spaces).
 */
export const taskYaml = ({
  properties = `      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'`,
  containers = `        - Name: app
          Image: public.ecr.aws/docker/library/nginx:1.27`,
  fireLens = `        Destination:
          CloudWatchLogs: {}`,
  extraResources = '',
}: {
  readonly properties?: string;
  readonly containers?: string;
  readonly fireLens?: string;
  readonly extraResources?: string;
}): string => `
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
${properties}
      ContainerDefinitions:
${containers}
      FireLens:
${fireLens}
${extraResources}
`;

export const EC2_PROPERTIES = `      RequiresCompatibilities: [EC2]
      NetworkMode: bridge`;

/** A container of a plan's ContainerDefinitions, by name. */
export const containerNamed = (containers: readonly JsonObject[], name: string): JsonObject => {
  const found = containers.find((c) => c['Name'] === name);
  if (found === undefined) {
    throw new Error(`no container named ${name}`);
  }
  return found;
};
