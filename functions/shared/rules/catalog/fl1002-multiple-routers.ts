import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1002MultipleRouters = defineRule({
  meta: {
    id: 'FL1002',
    name: 'multiple-routers',
    severity: 'error',
    summary: 'Checks that a task definition has at most one container with a FirelensConfiguration',
    description: 'ECS accepts a single log router per task; every router after the first is reported.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'router', 'registration'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      const [first, ...others] = task.routers;
      for (const router of others) {
        yield {
          path: [...router.path, 'FirelensConfiguration'],
          message: `Container ${containerLabel(router)} is a second log router in ${task.logicalId} (${containerLabel(first ?? router)} already is one); a task may have only one`,
        };
      }
    }
  },
});
