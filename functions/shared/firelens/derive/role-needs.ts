import { allow, buildArn, mergeStatements, type PolicyStatement } from '../../fluentbit/iam';
import { secretStatements, statementsForOutput } from '../../fluentbit/outputs';
import { isObject, type Json } from '../../template/intrinsics';
import { FLUENT_BIT_ECR_REPOSITORY } from '../constants';
import { provideRole, type RoleOutcome } from '../roles';
import type { FireLensTask } from '../task';
import type { FireLensSpec, GeneratedResource } from '../types';
import { routeLogOptions, type RouteOutput } from './outputs';
import type { RouterFacts, RouterLogGroup } from './router-facts';
import type { SecretList } from './secret-lists';

/** What the task's two roles must allow, before roles.ts decides how they get it. */
export interface RoleNeeds {
  readonly taskStatements: readonly PolicyStatement[];
  readonly executionStatements: readonly PolicyStatement[];
  /** Managed policies an execution role the macro creates gets (for needs it cannot scope). */
  readonly executionManagedPolicies: readonly Json[];
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
  const arnContext = { resources: task.resources, generated: Object.fromEntries(input.generated.map((g) => [g.logicalId, g.resource])) };
  const secretContext = spec.secretsKmsKey === undefined ? arnContext : { ...arnContext, kmsKeyArn: spec.secretsKmsKey };
  const { router, routerLogGroup } = input;
  const newRouter = router.existingIndex === undefined;
  // Task role: what the outputs need, plus the init image's S3 read. Fluentd outputs are not in the
  // Fluent Bit catalogue: no statements are derived for them (README).
  const taskStatements: PolicyStatement[] =
    router.type === 'fluentd' ? [] : input.outputs.flatMap((o) => statementsForOutput(routeLogOptions(o), arnContext).statements);
  if (router.config.kind === 'init') {
    // The init process downloads S3 config objects itself, with the container's (task role) credentials.
    taskStatements.push(...router.config.files.filter((f) => f.type === 's3').flatMap((f) => s3ConfigStatements(f.value)));
  }
  // Execution role: the router's log group, image pull, S3 config (EC2), secrets.
  const executionStatements: PolicyStatement[] = [];
  if (routerLogGroup.value !== undefined) {
    const arn = buildArn({ kind: 'logGroup', value: routerLogGroup.value, option: 'awslogs-group', suffix: ':*' }, arnContext).arn;
    executionStatements.push(allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [arn]));
  }
  if (newRouter && spec.router.imageTag !== undefined) {
    executionStatements.push(...fluentBitImagePullStatements());
  }
  if (router.config.kind === 'options' && router.config.file.type === 's3') {
    // config-file-type s3 is fetched by the ECS agent with the execution role (ECS developer guide, firelens-taskdef).
    executionStatements.push(...s3ConfigStatements(router.config.file.value));
  }
  executionStatements.push(...input.secretLists.flatMap(({ value }) => secretStatements(value, secretContext)));
  return {
    taskStatements: mergeStatements(taskStatements),
    executionStatements: mergeStatements(executionStatements),
    executionManagedPolicies: task.properties['ExecutionRoleArn'] === undefined ? fallbackExecutionPolicies(task, router) : [],
  };
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
const s3ConfigStatements = (objectArn: Json): PolicyStatement[] => {
  const bucketArn: Json =
    typeof objectArn === 'string'
      ? objectArn.slice(0, objectArn.indexOf('/') < 0 ? undefined : objectArn.indexOf('/'))
      : { 'Fn::Select': [0, { 'Fn::Split': ['/', objectArn] }] };
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
