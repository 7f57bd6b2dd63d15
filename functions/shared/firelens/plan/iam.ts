import type { JsonObject } from '../../template/intrinsics';
import type { DerivedTask } from '../derive/derive-task';
import { provideRoles } from '../derive/role-needs';
import type { FireLensTask } from '../task';
import type { FireLensSpec, GeneratedResource } from '../types';

/** What the roles add to the task: new role properties, the roles or policies, and what the task waits for. */
export interface IamPlan {
  /** `TaskRoleArn` / `ExecutionRoleArn` of roles the macro creates. */
  readonly properties: JsonObject;
  readonly resources: readonly GeneratedResource[];
  readonly dependsOn: readonly string[];
}

export const planIam = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): IamPlan => {
  const roles = provideRoles(spec, task, derived.roleNeeds);
  const properties: JsonObject = {};
  if (roles.task.property !== undefined) {
    properties['TaskRoleArn'] = roles.task.property;
  }
  if (roles.execution.property !== undefined) {
    properties['ExecutionRoleArn'] = roles.execution.property;
  }
  return {
    properties,
    resources: [...roles.task.resources, ...roles.execution.resources],
    dependsOn: [...roles.task.dependsOn, ...roles.execution.dependsOn],
  };
};
