import type { ContainerView, TaskDefinitionView, TemplateView } from '../../template/view';
import { defineRule } from '../define-rule';
import { containerLabel, shownRole } from '../helpers';
import { describeNeeds, judgeRole } from '../iam-coverage';
import type { RawFinding } from '../types';

const SECRETS_DOCS = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html';

const readActions = (container: ContainerView): string =>
  [...new Set(container.secretReads.flatMap((s) => s.Action))].join(', ') || 'secretsmanager:GetSecretValue or ssm:GetParameters';

const roleFindings = (view: TemplateView, task: TaskDefinitionView, container: ContainerView): RawFinding[] => {
  const path = [...task.path, 'Properties', 'ExecutionRoleArn'];
  const label = containerLabel(container);
  const role = task.executionRoleId === undefined ? undefined : view.roles.get(task.executionRoleId);
  if (role === undefined) {
    return [
      {
        path,
        severity: 'informational',
        message: `Cannot check that execution role ${shownRole(task.executionRoleValue)} of ${task.logicalId} allows ${readActions(container)} on the secrets of ${label}: the role is not defined in this template`,
      },
    ];
  }
  const verdict = judgeRole(role, container.secretReads);
  if (verdict.missing.length > 0) {
    return [
      {
        path,
        message: `Execution role ${role.logicalId} of ${task.logicalId} does not allow ${describeNeeds(verdict.missing)}, needed to fetch the secrets of ${label}; ECS stops the task before it starts`,
      },
    ];
  }
  if (verdict.unknown.length > 0 || container.secretsUnreadable !== undefined) {
    const why =
      container.secretsUnreadable === undefined
        ? role.unknownPolicies.length > 0
          ? `it has ${role.unknownPolicies.join(', ')}`
          : 'its statements depend on deploy-time values or conditions'
        : `the secrets list is ${container.secretsUnreadable}, known only at deploy`;
    const what = verdict.unknown.length > 0 ? describeNeeds(verdict.unknown) : readActions(container);
    return [
      {
        path,
        severity: 'informational',
        message: `Cannot check that execution role ${role.logicalId} of ${task.logicalId} allows ${what}, needed to fetch the secrets of ${label}: ${why}`,
      },
    ];
  }
  return [];
};

export const fl1603ExecutionRoleSecrets = defineRule({
  meta: {
    id: 'FL1603',
    name: 'execution-role-secrets',
    severity: 'error',
    summary: 'Checks that the execution role can read every secret of Secrets and LogConfiguration.SecretOptions',
    description:
      'ECS fetches secrets with the task execution role before the container starts (secretsmanager:GetSecretValue, ssm:GetParameters, kms:Decrypt for a customer managed key); without them the task fails to start. Compared on the secrets ARNs like FL1601; a role from outside the template or a secrets list known only at deploy is reported as informational.',
    docsUrl: SECRETS_DOCS,
    tags: ['firelens', 'permissions', 'iam', 'secrets'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.containers) {
        if (container.secretReads.length === 0 && container.secretsUnreadable === undefined) {
          continue;
        }
        if (task.executionRoleValue === undefined) {
          yield {
            path: [...container.path, 'Name'],
            message: `${containerLabel(container)} reads secrets but ${task.logicalId} has no ExecutionRoleArn: ECS fetches them with the execution role, and refuses the task definition without one`,
          };
          continue;
        }
        yield* roleFindings(view, task, container);
      }
    }
  },
});
