import { isIntrinsic, literalBoolean } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS, routerOption } from '../helpers';

export const fl1004EcsLogMetadataInvalid = defineRule({
  meta: {
    id: 'FL1004',
    name: 'ecs-log-metadata-invalid',
    severity: 'error',
    summary: 'Checks that enable-ecs-log-metadata is "true" or "false"',
    description: 'The ECS agent ignores any other value and silently turns the metadata off.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'router', 'options'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers) {
        const option = routerOption(router, 'enable-ecs-log-metadata');
        if (option && !isIntrinsic(option.value) && literalBoolean(option.value) === undefined) {
          yield {
            path: option.path,
            message: `enable-ecs-log-metadata of ${containerLabel(router)} is ${JSON.stringify(option.value)}; use "true" or "false" (any other value turns metadata off)`,
          };
        }
      }
    }
  },
});
