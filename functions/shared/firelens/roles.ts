import type { PolicyStatement } from '../fluentbit/iam';
import { getAttTarget, isObject, type Json, type JsonObject, refTarget } from '../template/intrinsics';
import { boundedName, generatedLogicalId, MAX_POLICY_NAME_LENGTH } from './logical-ids';
import type { GeneratedResource } from './types';

export type RoleKind = 'Task' | 'Execution';

export interface RoleInput {
  readonly kind: RoleKind;
  readonly taskLogicalId: string;
  /** The task's TaskRoleArn / ExecutionRoleArn as written (undefined when absent). */
  readonly current: Json | undefined;
  readonly statements: readonly PolicyStatement[];
  /** Managed policies a created role gets (the execution role's fallback for images we cannot scope). */
  readonly managedPolicyArns: readonly Json[];
  readonly resources: Readonly<Record<string, unknown>>;
  readonly externalRolesGranted: boolean;
}

export interface RoleOutcome {
  /** New value of the role property, when the macro creates the role. */
  readonly property: Json | undefined;
  readonly resources: GeneratedResource[];
  /** Policies the task definition must wait for (attached to a role it already names). */
  readonly dependsOn: string[];
  /** The task names a role outside this template that lacks the statements: validation refuses the task. */
  readonly refused: boolean;
}

/** The task definition property that names each role. */
export const ROLE_PROPERTY: Readonly<Record<RoleKind, string>> = { Task: 'TaskRoleArn', Execution: 'ExecutionRoleArn' };

/**
 * Trust for ECS tasks, limited to this account (and, for the task role, to ECS resources of this
 * account and region) against the confused-deputy problem, as the ECS developer guide's task-role
 * and execution-role pages show.
 */
export const ecsTasksTrustPolicy = (kind: RoleKind): JsonObject => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'ecs-tasks.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ...(kind === 'Task'
          ? { ArnLike: { 'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*' } } }
          : {}),
      },
    },
  ],
});

const policyDocument = (statements: readonly PolicyStatement[]): JsonObject => ({
  Version: '2012-10-17',
  Statement: statements.map((s) => ({ ...s })),
});

/**
 * Gives the task's role the statements it needs: creates the role when the task names none, attaches
 * a policy when it names a role of this template, and marks it refused when it names a role we cannot
 * change — unless the user says they granted it themselves. The refusal's message is validation's.
 */
export const provideRole = (input: RoleInput): RoleOutcome => {
  const { kind, taskLogicalId, current, statements } = input;
  const none: RoleOutcome = { property: undefined, resources: [], dependsOn: [], refused: false };
  if (statements.length === 0 && input.managedPolicyArns.length === 0) {
    return none;
  }
  if (current === undefined) {
    const id = generatedLogicalId(taskLogicalId, `FireLens${kind}Role`);
    const properties: JsonObject = { AssumeRolePolicyDocument: ecsTasksTrustPolicy(kind) };
    if (input.managedPolicyArns.length > 0) {
      properties['ManagedPolicyArns'] = [...input.managedPolicyArns];
    }
    if (statements.length > 0) {
      properties['Policies'] = [{ PolicyName: `firelens-${kind.toLowerCase()}`, PolicyDocument: policyDocument(statements) }];
    }
    return {
      ...none,
      property: { 'Fn::GetAtt': [id, 'Arn'] },
      resources: [{ logicalId: id, resource: { Type: 'AWS::IAM::Role', Properties: properties } }],
    };
  }
  const roleId = sameTemplateRole(current, input.resources);
  if (roleId !== undefined) {
    if (statements.length === 0) {
      return none;
    }
    const id = generatedLogicalId(taskLogicalId, `FireLens${kind}Policy`);
    const policy: JsonObject = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: boundedName(`firelens-${kind.toLowerCase()}-${taskLogicalId}`, '', MAX_POLICY_NAME_LENGTH),
        PolicyDocument: policyDocument(statements),
        Roles: [{ Ref: roleId }],
      },
    };
    return { ...none, resources: [{ logicalId: id, resource: policy }], dependsOn: [id] };
  }
  return { ...none, refused: !input.externalRolesGranted && statements.length > 0 };
};

/** `Ref Role` / `GetAtt Role.Arn` to an AWS::IAM::Role of this template. */
const sameTemplateRole = (value: Json, resources: Readonly<Record<string, unknown>>): string | undefined => {
  const id = refTarget(value) ?? getAttTarget(value)?.[0];
  if (id === undefined) {
    return undefined;
  }
  const resource = resources[id];
  return isObject(resource) && resource['Type'] === 'AWS::IAM::Role' ? id : undefined;
};

export const describeStatements = (statements: readonly PolicyStatement[]): string =>
  statements
    .map((s) => `${s.Action.join(', ')} on ${s.Resource.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join(', ')}`)
    .join('; ');
