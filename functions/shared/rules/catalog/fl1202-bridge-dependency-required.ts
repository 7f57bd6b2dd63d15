import { defineRule } from '../define-rule';
import { containerLabel, dependencyOn, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1202BridgeDependencyRequired = defineRule({
  meta: {
    id: 'FL1202',
    name: 'bridge-dependency-required',
    severity: 'error',
    summary: 'Checks that in bridge mode awsfirelens containers depend on a router that has DependsOn of its own',
    description:
      'When the router declares DependsOn, ECS adds no implicit START dependency, so in bridge mode the application may start before its router and lose logs.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'ordering', 'bridge'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.networkMode === 'bridge' && t.routers.length === 1)) {
      const router = task.routers[0];
      if (router === undefined || router.name === undefined || !router.hasDependsOn) {
        continue;
      }
      for (const container of task.fireLensContainers) {
        if (container !== router && dependencyOn(container, router) === undefined && !container.dependsOnUnknown) {
          yield {
            path: container.path,
            message: `Container ${containerLabel(container)} must declare DependsOn ${router.name} (START or HEALTHY): the router has DependsOn of its own, so ECS adds no implicit dependency`,
          };
        }
      }
    }
  },
});
