import type { ArnContext } from '../../fluentbit/arn';
import { allow, buildArn, canonicalJson, mergeStatements, type PolicyStatement, WILDCARD_RESOURCES_SID } from '../../fluentbit/iam';
import { findOption, secretStatements, statementsForOutput } from '../../fluentbit/outputs';
import { type ResourceSource, sourceWildcards } from '../../fluentbit/wildcards';
import { isObject, type Json, type JsonObject } from '../../template/intrinsics';
import type { TemplatePath } from '../../template/locator';
import { FLUENT_BIT_ECR_REPOSITORY } from '../constants';
import { SHORT_FORM_FIELD_OF_OPTION } from '../destinations';
import { provideRole, type RoleOutcome } from '../roles';
import type { FireLensTask } from '../task';
import type { ConfigFileSpec, FireLensSpec, GeneratedResource } from '../types';
import { routeLogOptions, type RouteOutput } from './outputs';
import type { RouterFacts, RouterLogGroup } from './router-facts';
import type { SecretList } from './secret-lists';

/** A value the user wrote that became (part of) an IAM resource, with the field (under Properties) it was written at. */
export interface WrittenResource extends ResourceSource {
  readonly path: TemplatePath;
}

/** What the task's two roles must allow, before roles.ts decides how they get it. */
export interface RoleNeeds {
  readonly taskStatements: readonly PolicyStatement[];
  readonly executionStatements: readonly PolicyStatement[];
  /** Managed policies an execution role the macro creates gets (for needs it cannot scope). */
  readonly executionManagedPolicies: readonly Json[];
  /** Every written value the statements' resources were built from (validation refuses wildcards in them). */
  readonly writtenResources: readonly WrittenResource[];
}

export interface RoleNeedsInput {
  readonly router: RouterFacts;
  readonly outputs: readonly RouteOutput[];
  readonly routerLogGroup: RouterLogGroup;
  readonly secretLists: readonly SecretList[];
  /** The resources the macro generates for the task so far (its log groups), so ARNs can point at them. */
  readonly generated: readonly GeneratedResource[];
}

export const roleNeeds = (spec: FireLensSpec, task: FireLensTask, input: RoleNeedsInput): RoleNeeds => {
  const written: WrittenResource[] = [];
  const generated = Object.fromEntries(input.generated.map((g) => [g.logicalId, g.resource]));
  // Each group of statements reports its sources at the field they were written at.
  const contextAt = (pathOf: (source: ResourceSource) => TemplatePath): ArnContext => ({
    resources: task.resources,
    generated,
    onResource: (source) => written.push({ ...source, path: pathOf(source) }),
  });
  const { router, routerLogGroup } = input;
  const newRouter = router.existingIndex === undefined;
  // Task role: what the outputs need, plus the init image's S3 read. Fluentd outputs are not in the
  // Fluent Bit catalogue: no statements are derived for them (README).
  const taskStatements: PolicyStatement[] =
    router.type === 'fluentd'
      ? []
      : input.outputs.flatMap(
          (o) =>
            statementsForOutput(
              routeLogOptions(o),
              contextAt((s) => optionPath(spec, o, s)),
            ).statements,
        );
  // Each S3 config object is reported at the Router field it was written in (ConfigFile, ConfigFiles[n]).
  const configSource =
    (file: ConfigFileSpec) =>
    (value: Json, arn: Json): void =>
      void written.push({ option: 'ConfigFile', value, kind: 's3Bucket', arn, path: ['FireLens', 'Router', ...file.source] });
  if (router.config.kind === 'init') {
    // The init process downloads S3 config objects itself, with the container's (task role) credentials.
    for (const file of router.config.files.filter((f) => f.type === 's3')) {
      taskStatements.push(...s3ConfigStatements(file.value, configSource(file)));
    }
  }
  // Execution role: the router's log group, image pull, S3 config (EC2), secrets.
  const executionStatements: PolicyStatement[] = [];
  if (routerLogGroup.value !== undefined) {
    const logGroupPath = newRouter ? ROUTER_LOG_GROUP_PATH : awslogsGroupPath(router.existingIndex);
    const context = contextAt(() => logGroupPath);
    const arn = buildArn({ kind: 'logGroup', value: routerLogGroup.value, option: 'awslogs-group', suffix: ':*' }, context).arn;
    executionStatements.push(allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [arn]));
  }
  if (newRouter && spec.router.imageTag !== undefined) {
    executionStatements.push(...fluentBitImagePullStatements());
  }
  if (router.config.kind === 'options' && router.config.file.type === 's3') {
    // config-file-type s3 is fetched by the ECS agent with the execution role (ECS developer guide, firelens-taskdef).
    executionStatements.push(...s3ConfigStatements(router.config.file.value, configSource(router.config.file)));
  }
  for (const list of input.secretLists) {
    const context = contextAt((s) => (s.option === 'SecretsKmsKey' ? SECRETS_KMS_KEY_PATH : list.path));
    executionStatements.push(
      ...secretStatements(list.value, spec.secretsKmsKey === undefined ? context : { ...context, kmsKeyArn: spec.secretsKmsKey }),
    );
  }
  const mark = markWildcardStatements(written, task.parameters);
  return {
    taskStatements: mark(mergeStatements(taskStatements)),
    executionStatements: mark(mergeStatements(executionStatements)),
    executionManagedPolicies: task.properties['ExecutionRoleArn'] === undefined ? fallbackExecutionPolicies(task, router) : [],
    writtenResources: written,
  };
};

const ROUTER_LOG_GROUP_PATH: TemplatePath = ['FireLens', 'Router', 'LogGroup'];
const SECRETS_KMS_KEY_PATH: TemplatePath = ['FireLens', 'SecretsKmsKey'];
const awslogsGroupPath = (index: number | undefined): TemplatePath => [
  'ContainerDefinitions',
  index ?? 0,
  'LogConfiguration',
  'Options',
  'awslogs-group',
];

/**
 * The field an output option was written at: the destination's `Options` when the user wrote it there
 * (any case, as Fluent Bit reads options), else the short-form field it comes from. A container override
 * with a destination of its own wrote it under that container.
 */
const optionPath = (spec: FireLensSpec, output: RouteOutput, source: ResourceSource): TemplatePath => {
  const { destination } = output.route;
  const own = destination !== spec.route.destination;
  const base = [...(own ? ['ContainerDefinitions', output.index] : []), 'FireLens', 'Destination', destination.kind];
  const extra = destination.settings['Options'];
  const inOptions = isObject(extra) ? findOption(extra, source.option) : undefined;
  if (inOptions !== undefined && canonicalJson(inOptions.value) === canonicalJson(source.value)) {
    return [...base, 'Options', inOptions.key];
  }
  const field = SHORT_FORM_FIELD_OF_OPTION[destination.kind][source.option];
  return field === undefined ? [...base, 'Options', source.option] : [...base, field];
};

/**
 * Statements granting on a resource built from a wildcard the user wrote (accepted with
 * AllowWildcardResources) carry WILDCARD_RESOURCES_SID, so the lint rule FL1604 can point at them in the
 * expanded template.
 */
const markWildcardStatements = (written: readonly WrittenResource[], parameters: JsonObject) => {
  const wide = new Set(written.filter((w) => sourceWildcards(w, parameters).length > 0).map((w) => canonicalJson(w.arn)));
  return (statements: PolicyStatement[]): PolicyStatement[] =>
    statements.map((s) => (s.Resource.some((r) => wide.has(canonicalJson(r))) ? { Sid: WILDCARD_RESOURCES_SID, ...s } : s));
};

/** The two roles as roles.ts provides them: created, extended by a policy, left alone, or refused. */
export const provideRoles = (spec: FireLensSpec, task: FireLensTask, needs: RoleNeeds): { task: RoleOutcome; execution: RoleOutcome } => {
  const common = { taskLogicalId: task.logicalId, resources: task.resources, externalRolesGranted: spec.externalRolesGranted };
  return {
    task: provideRole({
      ...common,
      kind: 'Task',
      current: task.properties['TaskRoleArn'],
      statements: needs.taskStatements,
      managedPolicyArns: [],
    }),
    execution: provideRole({
      ...common,
      kind: 'Execution',
      current: task.properties['ExecutionRoleArn'],
      statements: needs.executionStatements,
      managedPolicyArns: needs.executionManagedPolicies,
    }),
  };
};

/**
 * `s3:GetObject` on the object and `s3:GetBucketLocation` on its bucket: the agent's needs (ECS developer
 * guide, firelens-taskdef), and the init process's, which asks the bucket's region first (GetBucketLocation).
 */
const s3ConfigStatements = (objectArn: Json, report: (value: Json, arn: Json) => void): PolicyStatement[] => {
  const bucketArn: Json =
    typeof objectArn === 'string'
      ? objectArn.slice(0, objectArn.indexOf('/') < 0 ? undefined : objectArn.indexOf('/'))
      : { 'Fn::Select': [0, { 'Fn::Split': ['/', objectArn] }] };
  // The bucket ARN is judged on its own text: a wildcard in the key alone does not widen GetBucketLocation.
  report(objectArn, objectArn);
  report(typeof objectArn === 'string' ? bucketArn : objectArn, bucketArn);
  return [allow(['s3:GetObject'], [objectArn]), allow(['s3:GetBucketLocation'], [bucketArn])];
};

/**
 * Pulling AWS for Fluent Bit from its regional ECR repository. The publishing account differs per
 * partition and opt-in region (14 accounts), so the repository is scoped by name and region only.
 */
const fluentBitImagePullStatements = (): PolicyStatement[] => [
  // ecr:GetAuthorizationToken has no resource type in IAM: "*" is the only resource it accepts.
  allow(['ecr:GetAuthorizationToken'], ['*']),
  allow(
    ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    [{ 'Fn::Sub': `arn:\${AWS::Partition}:ecr:\${AWS::Region}:*:repository/${FLUENT_BIT_ECR_REPOSITORY}` }],
  ),
];

/**
 * A task that had no execution role gets one from the macro, and ECS then uses it for every image pull
 * and every awslogs container of the task. Where the macro cannot see what those need (private ECR
 * images, images or log groups given by intrinsics, private registry credentials), it attaches AWS's managed
 * AmazonECSTaskExecutionRolePolicy rather than break the task.
 */
const fallbackExecutionPolicies = (task: FireLensTask, router: RouterFacts): Json[] => {
  const needs = task.containers.some((c, index) => {
    if (index === router.existingIndex) {
      return false;
    }
    const image = c['Image'];
    const privateImage = typeof image !== 'string' || image.includes('.dkr.ecr.') || image.includes('{{resolve:');
    const logConfiguration = c['LogConfiguration'];
    const awslogs = isObject(logConfiguration) && logConfiguration['LogDriver'] === 'awslogs';
    return privateImage || awslogs || c['RepositoryCredentials'] !== undefined;
  });
  return needs ? [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' }] : [];
};
