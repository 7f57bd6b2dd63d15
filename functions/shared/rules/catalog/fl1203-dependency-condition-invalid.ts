import { defineRule } from '../define-rule';
import { FIRELENS_TASKDEF_DOCS, STARTUP_CONDITIONS, containerLabel } from '../helpers';

export const fl1203DependencyConditionInvalid = defineRule({
  meta: {
    id: 'FL1203',
    name: 'dependency-condition-invalid',
    severity: 'error',
    summary: 'Checks that in bridge mode dependencies on and of the log router use START or HEALTHY',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'ordering', 'bridge'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.networkMode === 'bridge')) {
      const routerNames = new Set(task.routers.map((r) => r.name).filter((n) => n !== undefined));
      for (const container of task.containers) {
        for (const dependency of container.dependsOn) {
          const relevant = container.isRouter || (dependency.containerName !== undefined && routerNames.has(dependency.containerName));
          if (relevant && dependency.condition !== undefined && !STARTUP_CONDITIONS.has(dependency.condition)) {
            yield {
              path: [...dependency.path, 'Condition'],
              message: container.isRouter
                ? `Log router ${containerLabel(container)} depends on ${dependency.containerName ?? '?'} with ${dependency.condition}; use START or HEALTHY`
                : `Container ${containerLabel(container)} depends on the log router with ${dependency.condition}; use START or HEALTHY`,
            };
          }
        }
      }
    }
  },
});
