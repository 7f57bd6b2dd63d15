import { isIntrinsic } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS, shownValue, STARTUP_CONDITIONS } from '../helpers';

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
          // Any literal other than START or HEALTHY is wrong, a number or a list as much as another condition.
          const condition = dependency.condition;
          if (
            relevant &&
            condition !== undefined &&
            !isIntrinsic(condition) &&
            !(typeof condition === 'string' && STARTUP_CONDITIONS.has(condition))
          ) {
            const shown = typeof condition === 'string' ? condition : shownValue(condition);
            yield {
              path: [...dependency.path, 'Condition'],
              message: container.isRouter
                ? `Log router ${containerLabel(container)} depends on ${dependency.containerName ?? '?'} with ${shown}; use START or HEALTHY`
                : `Container ${containerLabel(container)} depends on the log router with ${shown}; use START or HEALTHY`,
            };
          }
        }
      }
    }
  },
});
