import { defineRule } from '../define-rule';
import { containerLabel, dependencyOn, FIRELENS_DOCS } from '../helpers';

export const fl1204RouterDependsOn = defineRule({
  meta: {
    id: 'FL1204',
    name: 'router-depends-on',
    severity: 'warning',
    summary: 'Checks that a log router with DependsOn of its own is not left without explicit dependencies on it',
    description:
      'ECS skips the implicit "router starts first, stops last" dependency when the router declares DependsOn; containers that log through it then need their own. Bridge mode is covered by FL1202.',
    docsUrl: FIRELENS_DOCS,
    tags: ['firelens', 'ordering', 'shutdown'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.networkMode !== 'bridge' && t.routers.length === 1)) {
      const router = task.routers[0];
      if (router === undefined || !router.hasDependsOn) {
        continue;
      }
      const unordered = task.fireLensContainers.filter((c) => c !== router && dependencyOn(c, router) === undefined && !c.dependsOnUnknown);
      if (unordered.length > 0) {
        yield {
          path: [...router.path, 'DependsOn'],
          message: `Log router ${containerLabel(router)} declares DependsOn, so ECS no longer starts it before (or stops it after) ${unordered.map(containerLabel).join(', ')}`,
        };
      }
    }
  },
});
