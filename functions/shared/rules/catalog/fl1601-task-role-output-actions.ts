import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_DOCS, missingActions, roleIsKnown } from '../helpers';

export const fl1601TaskRoleOutputActions = defineRule({
  meta: {
    id: 'FL1601',
    name: 'task-role-output-actions',
    severity: 'error',
    summary: 'Checks that the task role grants the IAM actions each Fluent Bit output needs',
    description:
      'The router calls the destination with the task role (e.g. firehose:PutRecordBatch). Checked when the role is defined in the template with inline policies only; resources are not compared, only actions.',
    docsUrl: FIRELENS_DOCS,
    tags: ['firelens', 'permissions', 'iam'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      const roleId = task.taskRoleId;
      if (roleId === undefined || !roleIsKnown(view, roleId)) {
        continue;
      }
      for (const container of task.fireLensContainers) {
        const missing = missingActions(view, roleId, container.outputActions);
        if (missing.length > 0) {
          yield {
            path: [...task.path, 'Properties', 'TaskRoleArn'],
            message: `Task role ${roleId} of ${task.logicalId} lacks ${missing.join(', ')}, needed by the output of ${containerLabel(container)}`,
          };
        }
      }
    }
  },
});
