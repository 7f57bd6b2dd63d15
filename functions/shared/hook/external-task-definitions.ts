import { isObject, type Json, type JsonObject } from '../template/intrinsics';
import { type PseudoParameters, taskDefinitionReferences } from '../template/task-definition-reference';
import { readFamilies, resolveTaskReference } from '../template/view-network';
import { TaskDefinitionLookupError } from './errors';

/**
 * Looks a task definition up by family, family:revision or ARN and returns its properties in
 * CloudFormation's PascalCase form. Implemented over ECS DescribeTaskDefinition in `ecs-lookup.ts`.
 */
export type DescribeTaskDefinition = (reference: string, signal?: AbortSignal) => Promise<JsonObject>;

/** No more distinct lookups than this per invocation; more is refused rather than slowing the deploy. */
const MAX_EXTERNAL_TASK_DEFINITIONS = 20;

/**
 * The task definitions outside the template that the template's AWS::ECS::Service resources run: literal ARNs or
 * family:revision, and `Fn::Sub`/`Fn::Join` values built only from literals and the pseudo parameters the hook
 * request carries (both branches of an Fn::If). In-template task definitions (Ref / GetAtt) are not listed; what
 * cannot be resolved (Fn::ImportValue, a parameter) is not either, and the rules report it as FL0003. Sorted and
 * de-duplicated.
 */
export const externalTaskDefinitionReferences = (template: JsonObject, pseudo: PseudoParameters = {}): string[] => {
  const resources = template['Resources'];
  if (!isObject(resources)) {
    return [];
  }
  const found = new Set<string>();
  const families = readFamilies(resources);
  for (const resource of Object.values(resources)) {
    if (!isObject(resource) || resource['Type'] !== 'AWS::ECS::Service' || !isObject(resource['Properties'])) {
      continue;
    }
    const value = resource['Properties']['TaskDefinition'];
    for (const reference of value === undefined ? [] : taskDefinitionReferences(value, resources, pseudo)) {
      // A family the template defines itself (`TaskDefinition: orders`) is that task, not one to ask ECS for.
      const template = reference.kind === 'external' && resolveTaskReference(reference.reference, resources, families).kind === 'template';
      if (reference.kind === 'external' && !template) {
        found.add(reference.reference);
      }
    }
  }
  return [...found].sort();
};

/**
 * Describes every external task definition the template's services use. A failed lookup is an error
 * (the hook answers InternalFailure): rules that need the task definition cannot be evaluated, and a
 * SUCCESS without them could be a false one.
 */
export const resolveExternalTaskDefinitions = async (
  template: JsonObject,
  describe: DescribeTaskDefinition,
  signal?: AbortSignal,
  pseudo: PseudoParameters = {},
): Promise<ReadonlyMap<string, JsonObject>> => {
  const references = externalTaskDefinitionReferences(template, pseudo);
  if (references.length > MAX_EXTERNAL_TASK_DEFINITIONS) {
    throw new TaskDefinitionLookupError(
      `${String(references.length)} external task definitions are referenced; at most ${String(MAX_EXTERNAL_TASK_DEFINITIONS)} are looked up`,
    );
  }
  const described = await Promise.all(references.map(async (ref) => [ref, await describe(ref, signal)] as const));
  return new Map(described);
};

/** ECS API names that do not become their CloudFormation name by upper-casing the first letter. */
const IRREGULAR_NAMES: Readonly<Record<string, string>> = {
  iam: 'IAM',
  efsVolumeConfiguration: 'EFSVolumeConfiguration',
  fsxWindowsFileServerVolumeConfiguration: 'FSxWindowsFileServerVolumeConfiguration',
  s3FilesVolumeConfiguration: 'S3FilesVolumeConfiguration',
  fileSystemId: 'FilesystemId',
  properties: 'ProxyConfigurationProperties',
};

/** Free-form string maps whose keys are user data (`awslogs-group`, label names): copied as they are. */
const VERBATIM_MAPS = new Set(['options', 'dockerLabels', 'driverOpts', 'labels']);

/** Output-only fields of DescribeTaskDefinition that CloudFormation's TaskDefinition does not take. */
const OUTPUT_ONLY = new Set([
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
]);

/**
 * ECS API JSON (camelCase) → CloudFormation properties (PascalCase), e.g. `containerDefinitions[0].
 * logConfiguration.logDriver` → `ContainerDefinitions[0].LogConfiguration.LogDriver`. Values are
 * kept (numbers stay numbers); Date values become ISO strings.
 */
export const toCloudFormationTaskDefinition = (api: Readonly<Record<string, unknown>>): JsonObject => {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(api)) {
    if (OUTPUT_ONLY.has(key) || value === undefined) {
      continue;
    }
    out[pascalName(key)] = convert(key, value);
  }
  return out;
};

const pascalName = (key: string): string => IRREGULAR_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);

const convert = (key: string, value: unknown): Json => {
  if (VERBATIM_MAPS.has(key) && isPlainRecord(value)) {
    return toJson(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => convert('', item));
  }
  if (isPlainRecord(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) {
        out[pascalName(k)] = convert(k, v);
      }
    }
    return out;
  }
  return toJson(value);
};

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

const toJson = (value: unknown): Json => {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map(toJson);
  }
  if (isPlainRecord(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) {
        out[k] = toJson(v);
      }
    }
    return out;
  }
  return null;
};
