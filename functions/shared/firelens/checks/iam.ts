import type { Problem } from '../../errors';
import type { PolicyStatement } from '../../fluentbit/iam';
import { secretEntries } from '../../fluentbit/outputs';
import { intrinsicName, type Json } from '../../template/intrinsics';
import type { DerivedTask } from '../derive/derive-task';
import { provideRoles } from '../derive/role-needs';
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
