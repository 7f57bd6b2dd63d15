import { validateOutputOptions } from '../../fluentbit/outputs';
import { defineRule } from '../define-rule';
import { containerLabel } from '../helpers';

export const fl1403EcsTemplatingUnsupported = defineRule({
  meta: {
    id: 'FL1403',
    name: 'ecs-templating-unsupported',
    severity: 'warning',
    summary: 'Checks that $(ecs_task_id)-style templating is not used with the C cloudwatch_logs plugin',
    description:
      'Only the Go cloudwatch plugin expands $(ecs_task_id), $(ecs_cluster), $(ecs_task_arn) and the other $(…) variables; cloudwatch_logs writes them literally. Use cloudwatch, $key record accessors, or the init image variables.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-using-fluentbit.html',
    tags: ['firelens', 'options'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        for (const issue of validateOutputOptions(container.logOptions ?? {})) {
          if (issue.kind === 'templating') {
            yield {
              path: [...container.logOptionsPath, issue.key],
              message: `${containerLabel(container)} uses ${issue.variable} in ${issue.key}, which the ${issue.plugin} plugin does not expand`,
            };
          }
        }
      }
    }
  },
});
