import { defineRule } from '../define-rule';
import { containerLabel } from '../helpers';

/** ECS default stop timeout (agent ECS_CONTAINER_STOP_TIMEOUT and Fargate): 30 seconds. */
const DEFAULT_STOP_TIMEOUT = 30;

export const fl1205StopTimeoutExceedsRouter = defineRule({
  meta: {
    id: 'FL1205',
    name: 'stop-timeout-exceeds-router',
    severity: 'warning',
    summary: 'Checks that no awsfirelens container has a longer StopTimeout than its log router',
    description: 'A container still shutting down after its router was stopped loses its last log lines.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_timeout',
    tags: ['firelens', 'shutdown'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.routers.length === 1)) {
      const router = task.routers[0];
      if (router === undefined || (router.stopTimeout === undefined && router.stopTimeoutPresent)) {
        continue;
      }
      const routerTimeout = router.stopTimeout ?? DEFAULT_STOP_TIMEOUT;
      for (const container of task.fireLensContainers) {
        if (container !== router && container.stopTimeout !== undefined && container.stopTimeout > routerTimeout) {
          yield {
            path: [...container.path, 'StopTimeout'],
            message: `Container ${containerLabel(container)} may take ${String(container.stopTimeout)}s to stop but log router ${containerLabel(router)} only ${String(routerTimeout)}s: its last logs can be lost`,
          };
        }
      }
    }
  },
});
