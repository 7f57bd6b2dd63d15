import type { Problem } from '../../errors';
import type { ArnKind } from '../../fluentbit/arn';
import { canonicalJson, type PolicyStatement } from '../../fluentbit/iam';
import { secretEntries } from '../../fluentbit/outputs';
import { sourceWildcards } from '../../fluentbit/wildcards';
import { intrinsicName, isObject, type Json, possibleValues } from '../../template/intrinsics';
import type { TemplatePath } from '../../template/locator';
import type { DerivedTask } from '../derive/derive-task';
import { provideRoles, type WrittenResource } from '../derive/role-needs';
import { describeStatements, ROLE_PROPERTY, type RoleKind } from '../roles';
import { type FireLensTask, taskProblem } from '../task';
import type { FireLensSpec } from '../types';

/**
 * A secrets list the macro cannot see into gets no read permission, and ECS would fail the task at start.
 * The user's own execution role may hold it already (ExternalRolesGranted says so); a role the macro
 * creates cannot.
 */
export const checkSecrets = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const roleCreated = task.properties['ExecutionRoleArn'] === undefined;
  if (!roleCreated && spec.externalRolesGranted) {
    return [];
  }
  return derived.secretLists.flatMap(({ path, value }) => {
    const { unreadable } = secretEntries(value);
    return unreadable === undefined ? [] : [taskProblem(task, path, unreadableSecretsMessage(value, unreadable, roleCreated))];
  });
};

/**
 * A role outside this template cannot be extended: the task is refused, listing what the role needs,
 * unless the user says they granted it (ExternalRolesGranted).
 */
export const checkRoles = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const roles = provideRoles(spec, task, derived.roleNeeds);
  const { taskStatements, executionStatements } = derived.roleNeeds;
  return [
    ...(roles.task.refused ? [roleProblem(task, 'Task', taskStatements)] : []),
    ...(roles.execution.refused ? [roleProblem(task, 'Execution', executionStatements)] : []),
  ];
};

const roleProblem = (task: FireLensTask, kind: RoleKind, statements: readonly PolicyStatement[]): Problem =>
  taskProblem(
    task,
    [ROLE_PROPERTY[kind]],
    `names a role outside this template, which the macro cannot extend; it needs: ${describeStatements(statements)}. ` +
      'Grant these and set FireLens.ExternalRolesGranted: true, or let the macro create the role (remove ' +
      `${ROLE_PROPERTY[kind]}), or define the role in this template`,
  );

const unreadableSecretsMessage = (list: Json, unreadable: string, roleCreated: boolean): string => {
  const wrapper = intrinsicName(list);
  const what =
    wrapper === 'Fn::If'
      ? `is an Fn::If with a branch the macro cannot read (${unreadable})`
      : wrapper === undefined
        ? 'is not a list'
        : `is an intrinsic function (${wrapper}) the macro cannot read`;
  return (
    `${what}, so the execution role would get no secretsmanager:GetSecretValue / ssm:GetParameters on these secrets and the task ` +
    'would fail to start: write the list out (an Fn::If choosing between written-out lists is fine)' +
    (roleCreated
      ? ', or name an execution role (ExecutionRoleArn) that can read them and set FireLens.ExternalRolesGranted: true'
      : ', or grant read access to them on the execution role yourself and set FireLens.ExternalRolesGranted: true')
  );
};

/** What a wildcard in each kind of resource would reach, for the message. */
const MATCHED: Readonly<Record<ArnKind, string>> = {
  logGroup: 'log group',
  deliveryStream: 'Firehose delivery stream',
  kinesisStream: 'Kinesis data stream',
  s3Bucket: 'S3 bucket and object',
  openSearchDomain: 'OpenSearch domain',
  aossCollection: 'OpenSearch Serverless collection',
  iamRole: 'IAM role',
  secret: 'Secrets Manager secret',
  ssmParameter: 'SSM parameter',
  kmsKey: 'KMS key',
};

/**
 * A `*` or `?` the user wrote in a value that becomes an IAM resource would grant every matching
 * resource. Refused unless FireLens.AllowWildcardResources accepts it; a role to assume never is (any
 * role of the account that trusts it, whatever it may do). One problem per field, every field at once.
 */
export const checkWildcardResources = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const problems = new Map<string, Problem>();
  for (const source of derived.roleNeeds.writtenResources) {
    if (source.unreadable !== undefined) {
      if (source.otherService === true) {
        // The output would sign for the wrong service: no policy makes it deliver, wide or not.
        const message = `${JSON.stringify(source.value)} ${source.unreadable}; the router could not deliver there`;
        problems.set(source.path.join('\u0000'), taskProblem(task, source.path, message));
      } else if (!spec.allowWildcardResources) {
        const message = `${JSON.stringify(source.value)} ${source.unreadable}; the policy would allow every ${MATCHED[source.kind]} of the account in that region: write the endpoint, or set FireLens.AllowWildcardResources: true if the wide grant is intended`;
        problems.set(source.path.join('\u0000'), taskProblem(task, source.path, message));
      }
      continue;
    }
    const found = sourceWildcards(source, task.parameters);
    const role = source.kind === 'iamRole';
    if (found.length === 0 || (spec.allowWildcardResources && !role)) {
      continue;
    }
    const path = writtenPath(task, source);
    const region = source.option === 'region' || source.option === 'AWS_Region';
    const reach = region ? 'in every matching region' : `to every matching ${MATCHED[source.kind]}`;
    const remedy = role
      ? 'name the role to assume exactly (AllowWildcardResources does not apply to roles)'
      : `write the exact ${region ? 'region' : 'name'}, or set FireLens.AllowWildcardResources: true if the wide grant is intended`;
    const message = `${found.join(', ')} contains a wildcard (* or ?); it would grant access ${reach}: ${remedy}`;
    const key = path.join('\u0000');
    if (!problems.has(key)) {
      problems.set(key, taskProblem(task, path, message));
    }
  }
  return [...problems.values()];
};

/** A secret's ValueFrom is named by its entry in the list when the list is written out; otherwise the list. */
const writtenPath = (task: FireLensTask, source: WrittenResource): TemplatePath => {
  if (source.option !== 'ValueFrom') {
    return source.path;
  }
  const list = valueAt(task.properties, source.path);
  const index = Array.isArray(list)
    ? list.findIndex((entry) =>
        possibleValues(entry).some(
          (e) => isObject(e) && canonicalJson(e['ValueFrom'] ?? e['valueFrom']).includes(canonicalJson(source.value)),
        ),
      )
    : -1;
  return index < 0 ? source.path : [...source.path, index, 'ValueFrom'];
};

const valueAt = (root: Json, path: TemplatePath): Json | undefined =>
  path.reduce<Json | undefined>((value, key) => {
    if (Array.isArray(value) && typeof key === 'number') {
      return value[key];
    }
    return isObject(value) && typeof key === 'string' && Object.hasOwn(value, key) ? value[key] : undefined;
  }, root);
