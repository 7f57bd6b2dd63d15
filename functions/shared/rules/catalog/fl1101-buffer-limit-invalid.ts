import { isIntrinsic, literalInteger } from '../../template/intrinsics';
import { BUFFER_LIMIT_OPTION, MAX_BUFFER_LIMIT_LINES } from '../../template/task-memory';
import { defineRule } from '../define-rule';
import { BUFFER_DOCS, containerLabel } from '../helpers';

export const fl1101BufferLimitInvalid = defineRule({
  meta: {
    id: 'FL1101',
    name: 'buffer-limit-invalid',
    severity: 'error',
    summary: `Checks that log-driver-buffer-limit is a count of log lines from 0 up to (not including) ${String(MAX_BUFFER_LIMIT_LINES + 1)}`,
    docsUrl: BUFFER_DOCS,
    tags: ['firelens', 'buffer'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.containers) {
        const raw = container.logOptions?.[BUFFER_LIMIT_OPTION];
        if (raw === undefined || isIntrinsic(raw)) {
          continue;
        }
        const value = literalInteger(raw);
        if (value === undefined || value < 0 || value > MAX_BUFFER_LIMIT_LINES) {
          yield {
            path: [...container.logOptionsPath, BUFFER_LIMIT_OPTION],
            message: `${BUFFER_LIMIT_OPTION} of ${containerLabel(container)} is ${JSON.stringify(raw)}; it counts log lines and must be an integer from 0 to ${String(MAX_BUFFER_LIMIT_LINES)}`,
          };
        }
      }
    }
  },
});
