import { literalString } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { containerLabel, findOption } from '../helpers';

const ECS_TEMPLATE = /\$\((ecs_[a-z_]+)\)/;

export const fl1403EcsTemplatingUnsupported = defineRule({
  meta: {
    id: 'FL1403',
    name: 'ecs-templating-unsupported',
    severity: 'warning',
    summary: 'Checks that $(ecs_task_id)-style templating is not used with the C cloudwatch_logs plugin',
    description:
      'Only the Go cloudwatch plugin expands $(ecs_task_id), $(ecs_cluster) and $(ecs_task_arn); cloudwatch_logs writes them literally. Use cloudwatch, $key record accessors, or the init image variables.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-using-fluentbit.html',
    tags: ['firelens', 'options'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        const name = literalString(findOption(container.logOptions, 'Name')?.[1]);
        if (name?.toLowerCase() !== 'cloudwatch_logs') {
          continue;
        }
        for (const [key, value] of Object.entries(container.logOptions ?? {})) {
          const match = typeof value === 'string' ? ECS_TEMPLATE.exec(value) : null;
          if (match) {
            yield {
              path: [...container.logOptionsPath, key],
              message: `${containerLabel(container)} uses $(${match[1] ?? ''}) in ${key}, which the cloudwatch_logs plugin does not expand`,
            };
          }
        }
      }
    }
  },
});
