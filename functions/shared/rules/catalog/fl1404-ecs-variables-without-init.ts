import { defineRule } from '../define-rule';
import { containerLabel, parseImage, routerImage } from '../helpers';

const ECS_VARIABLE = /\$\{(ECS_[A-Z_]+)\}/;

export const fl1404EcsVariablesWithoutInit = defineRule({
  meta: {
    id: 'FL1404',
    name: 'ecs-variables-without-init',
    severity: 'warning',
    summary: 'Checks that ${ECS_*} variables in awsfirelens options come with an init router image',
    description: 'Only the init-* tags of aws-for-fluent-bit export ECS_TASK_ID, ECS_CLUSTER and friends to the Fluent Bit configuration.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-using-fluentbit.html',
    tags: ['firelens', 'options', 'image'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.routers.length === 1)) {
      const router = task.routers[0];
      const image = router === undefined ? undefined : routerImage(view, router);
      if (image === undefined || (parseImage(image).tag ?? '').startsWith('init-')) {
        continue;
      }
      for (const container of task.fireLensContainers) {
        for (const [key, value] of Object.entries(container.logOptions ?? {})) {
          const match = typeof value === 'string' ? ECS_VARIABLE.exec(value) : null;
          if (match) {
            yield {
              path: [...container.logOptionsPath, key],
              message: `${containerLabel(container)} uses \${${match[1] ?? ''}} in ${key}, but the router image ${image} is not an init image that sets it`,
            };
          }
        }
      }
    }
  },
});
