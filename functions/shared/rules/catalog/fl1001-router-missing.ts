import { defineRule } from '../define-rule';

export const fl1001RouterMissing = defineRule({
  meta: {
    id: 'FL1001',
    name: 'router-missing',
    severity: 'error',
    summary: 'Checks that a task using the awsfirelens log driver also defines a log router container',
    description:
      'ECS refuses to register a task definition in which a container logs to awsfirelens but no container has a FirelensConfiguration.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html',
    tags: ['firelens', 'router', 'registration'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      // A router may come from container definitions AWS::Include adds at deploy (FL1011 notes them).
      if (task.routers.length > 0 || task.includedContainerPaths.length > 0) {
        continue;
      }
      for (const container of task.fireLensContainers) {
        yield {
          path: [...container.path, 'LogConfiguration', 'LogDriver'],
          message: `Container ${container.name ?? String(container.index)} logs to awsfirelens but no container in ${task.logicalId} has a FirelensConfiguration`,
        };
      }
    }
  },
});
