import type { ContainerView, TaskDefinitionView, TemplateView } from '../../template/view';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_DOCS, shownRole } from '../helpers';
import { describeNeeds, judgeRole } from '../iam-coverage';
import type { RawFinding } from '../types';

/** Without a task role, Fluent Bit on EC2 falls back to the container instance's role; on Fargate it has no credentials. */
const noTaskRole = (task: TaskDefinitionView, container: ContainerView): RawFinding => {
  const needs = container.outputActions.join(', ');
  const fargateOnly = task.isFargate && !task.compatibilities.includes('EC2') && !task.compatibilities.includes('EXTERNAL');
  return fargateOnly
    ? {
        path: [...task.path, 'Properties'],
        message: `${task.logicalId} has no TaskRoleArn, but the output of ${containerLabel(container)} needs ${needs}: on Fargate the log router has no credentials without a task role`,
      }
    : {
        path: [...task.path, 'Properties'],
        severity: 'informational',
        message: `Cannot check the permissions of the output of ${containerLabel(container)} (${needs}): ${task.logicalId} has no TaskRoleArn, so on EC2 the log router would use the container instance's role`,
      };
};

const roleFindings = (view: TemplateView, task: TaskDefinitionView, container: ContainerView): RawFinding[] => {
  const path = [...task.path, 'Properties', 'TaskRoleArn'];
  const label = containerLabel(container);
  const role = task.taskRoleId === undefined ? undefined : view.roles.get(task.taskRoleId);
  if (role === undefined) {
    return [
      {
        path,
        severity: 'informational',
        message: `Cannot check that task role ${shownRole(task.taskRoleValue)} of ${task.logicalId} allows ${container.outputActions.join(', ')}, needed by the output of ${label}: the role is not defined in this template`,
      },
    ];
  }
  const verdict = judgeRole(role, container.outputStatements);
  if (verdict.missing.length > 0) {
    const absent = verdict.missing.filter((m) => m.actionAbsent).map((m) => m.action);
    const elsewhere = verdict.missing.filter((m) => !m.actionAbsent);
    const parts = [
      ...(absent.length > 0 ? [`lacks ${[...new Set(absent)].join(', ')}`] : []),
      ...(elsewhere.length > 0 ? [`does not allow ${describeNeeds(elsewhere)} (its statements name other resources)`] : []),
    ];
    return [{ path, message: `Task role ${role.logicalId} of ${task.logicalId} ${parts.join(' and ')}, needed by the output of ${label}` }];
  }
  if (verdict.unknown.length > 0) {
    const why =
      role.unknownPolicies.length > 0
        ? `it has ${role.unknownPolicies.join(', ')}`
        : 'its statements depend on deploy-time values or conditions';
    return [
      {
        path,
        severity: 'informational',
        message: `Cannot check that task role ${role.logicalId} of ${task.logicalId} allows ${describeNeeds(verdict.unknown)}, needed by the output of ${label}: ${why}`,
      },
    ];
  }
  return [];
};

export const fl1601TaskRoleOutputActions = defineRule({
  meta: {
    id: 'FL1601',
    name: 'task-role-output-actions',
    severity: 'error',
    summary: 'Checks that the task role grants the IAM actions each Fluent Bit output needs',
    description:
      "The router calls the destination with the task role (e.g. firehose:PutRecordBatch on the output's delivery stream). Actions and resources are compared with what the Fluent Bit catalogue derives from the output's options; AmazonECSTaskExecutionRolePolicy is known, other managed policies, roles from outside the template, conditions and deploy-time ARNs are reported as informational cannot-check findings. A Fargate task without a task role is an error.",
    docsUrl: FIRELENS_DOCS,
    tags: ['firelens', 'permissions', 'iam'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        if (container.outputStatements.length === 0) {
          continue;
        }
        yield* task.taskRoleValue === undefined ? [noTaskRole(task, container)] : roleFindings(view, task, container);
      }
    }
  },
});
