import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1009RouterWithoutUsers = defineRule({
  meta: {
    id: 'FL1009',
    name: 'router-without-users',
    severity: 'error',
    summary: 'Checks that a task with a log router has a container using the awsfirelens log driver',
    description: 'ECS refuses a FirelensConfiguration unless at least one container is configured with the awsfirelens log driver.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'router', 'registration'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      const unknownDriver = task.containers.some((c) => c.logDriver === undefined && c.logConfigurationPresent);
      // Included container definitions (AWS::Include) may use awsfirelens; FL1011 notes them.
      if (task.fireLensContainers.length > 0 || unknownDriver || task.includedContainerPaths.length > 0) {
        continue;
      }
      for (const router of task.routers) {
        yield {
          path: [...router.path, 'FirelensConfiguration'],
          message: `Log router ${containerLabel(router)} has no container to serve: none in ${task.logicalId} uses the awsfirelens log driver`,
        };
      }
    }
  },
});
