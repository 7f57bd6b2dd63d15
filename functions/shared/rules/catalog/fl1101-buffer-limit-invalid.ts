import { isIntrinsic, literalInteger } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { BUFFER_DOCS, BUFFER_LIMIT_KEY, containerLabel } from '../helpers';

/** The ECS guide: greater than or equal to 0 and less than 536870912 log lines. */
const MAX_BUFFER_LIMIT = 536_870_912;

export const fl1101BufferLimitInvalid = defineRule({
  meta: {
    id: 'FL1101',
    name: 'buffer-limit-invalid',
    severity: 'error',
    summary: 'Checks that log-driver-buffer-limit is a count of log lines from 0 up to (not including) 536870912',
    docsUrl: BUFFER_DOCS,
    tags: ['firelens', 'buffer'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.containers) {
        const raw = container.logOptions?.[BUFFER_LIMIT_KEY];
        if (raw === undefined || isIntrinsic(raw)) {
          continue;
        }
        const value = literalInteger(raw);
        if (value === undefined || value < 0 || value >= MAX_BUFFER_LIMIT) {
          yield {
            path: [...container.logOptionsPath, BUFFER_LIMIT_KEY],
            message: `${BUFFER_LIMIT_KEY} of ${containerLabel(container)} is ${JSON.stringify(raw)}; it counts log lines and must be an integer from 0 to ${String(MAX_BUFFER_LIMIT - 1)}`,
          };
        }
      }
    }
  },
});
