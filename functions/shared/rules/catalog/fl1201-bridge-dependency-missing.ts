import { defineRule } from '../define-rule';
import { containerLabel, dependencyOn, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1201BridgeDependencyMissing = defineRule({
  meta: {
    id: 'FL1201',
    name: 'bridge-dependency-missing',
    severity: 'warning',
    summary: 'Checks that in bridge mode each awsfirelens container declares DependsOn on the log router',
    description:
      'The ECS guide asks bridge-mode tasks to start the router first with an explicit START or HEALTHY dependency; ECS adds an implicit one only while the router has no DependsOn of its own (FL1202 covers that case).',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'ordering', 'bridge'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.networkMode === 'bridge' && t.routers.length === 1)) {
      const router = task.routers[0];
      if (router === undefined || router.name === undefined || router.hasDependsOn) {
        continue;
      }
      for (const container of task.fireLensContainers) {
        if (container !== router && dependencyOn(container, router) === undefined && !container.dependsOnUnknown) {
          yield {
            path: container.path,
            message: `Container ${containerLabel(container)} logs to awsfirelens in bridge mode without DependsOn ${router.name} (START or HEALTHY)`,
          };
        }
      }
    }
  },
});
