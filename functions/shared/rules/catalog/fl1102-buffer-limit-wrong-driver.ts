import { BUFFER_LIMIT_OPTION } from '../../template/task-memory';
import { defineRule } from '../define-rule';
import { BUFFER_DOCS, containerLabel } from '../helpers';

export const fl1102BufferLimitWrongDriver = defineRule({
  meta: {
    id: 'FL1102',
    name: 'buffer-limit-wrong-driver',
    severity: 'error',
    summary: 'Checks that log-driver-buffer-limit is set only with the awsfirelens log driver',
    docsUrl: BUFFER_DOCS,
    tags: ['firelens', 'buffer'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.containers) {
        if (container.logOptions?.[BUFFER_LIMIT_OPTION] === undefined) {
          continue;
        }
        if (container.logDriver !== undefined && container.logDriver !== 'awsfirelens') {
          yield {
            path: [...container.logOptionsPath, BUFFER_LIMIT_OPTION],
            message: `${containerLabel(container)} sets ${BUFFER_LIMIT_OPTION} with the ${container.logDriver} log driver; it is only valid with awsfirelens`,
          };
        }
      }
    }
  },
});
