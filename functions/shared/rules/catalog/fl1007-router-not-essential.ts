import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1007RouterNotEssential = defineRule({
  meta: {
    id: 'FL1007',
    name: 'router-not-essential',
    severity: 'warning',
    summary: 'Checks that the log router container is essential',
    description: 'A non-essential router can die while the task keeps running, and every log after that is lost.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'router'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers.filter((r) => r.essential === false)) {
        yield {
          path: [...router.path, 'Essential'],
          message: `Log router ${containerLabel(router)} is not essential: if it stops, the task keeps running without logs`,
        };
      }
    }
  },
});
