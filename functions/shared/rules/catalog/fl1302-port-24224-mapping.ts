import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS, FORWARD_PORT } from '../helpers';

export const fl1302Port24224Mapping = defineRule({
  meta: {
    id: 'FL1302',
    name: 'port-24224-mapping',
    severity: 'error',
    summary: 'Checks that a task with a log router maps no container or host port 24224',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'network', 'security'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.routers.length > 0)) {
      for (const container of task.containers) {
        for (const mapping of container.portMappings) {
          const which = mapping.containerPort === FORWARD_PORT ? 'container' : mapping.hostPort === FORWARD_PORT ? 'host' : undefined;
          if (which !== undefined) {
            yield {
              path: mapping.path,
              message: `Container ${containerLabel(container)} maps ${which} port 24224, the port the FireLens router listens on`,
            };
          }
        }
      }
    }
  },
});
