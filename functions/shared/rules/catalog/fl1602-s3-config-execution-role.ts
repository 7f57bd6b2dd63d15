import { literalString } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS, missingActions, roleIsKnown, routerOption } from '../helpers';

const ACTIONS = ['s3:GetObject', 's3:GetBucketLocation'];

export const fl1602S3ConfigExecutionRole = defineRule({
  meta: {
    id: 'FL1602',
    name: 's3-config-execution-role',
    severity: 'error',
    summary: 'Checks that the execution role can read an S3 config file (s3:GetObject and s3:GetBucketLocation)',
    description:
      'With config-file-type s3 the ECS agent downloads the file with the task execution role. Checked when the role is defined in the template with inline policies only.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'permissions', 'iam'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers) {
        const type = routerOption(router, 'config-file-type');
        if (!type || literalString(type.value) !== 's3') {
          continue;
        }
        if (!task.executionRolePresent) {
          yield {
            path: type.path,
            message: `${containerLabel(router)} loads its config from S3 but ${task.logicalId} has no ExecutionRoleArn`,
          };
          continue;
        }
        const roleId = task.executionRoleId;
        if (roleId === undefined || !roleIsKnown(view, roleId)) {
          continue;
        }
        const missing = missingActions(view, roleId, ACTIONS);
        if (missing.length > 0) {
          yield {
            path: [...task.path, 'Properties', 'ExecutionRoleArn'],
            message: `Execution role ${roleId} of ${task.logicalId} lacks ${missing.join(' and ')}, needed to fetch the S3 config file of ${containerLabel(router)}`,
          };
        }
      }
    }
  },
});
