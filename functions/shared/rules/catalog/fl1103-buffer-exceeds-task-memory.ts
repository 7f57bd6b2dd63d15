import { defineRule } from '../define-rule';
import { BUFFER_DOCS, bufferTotal } from '../helpers';

const MIB = 1_048_576;

export const fl1103BufferExceedsTaskMemory = defineRule({
  meta: {
    id: 'FL1103',
    name: 'buffer-exceeds-task-memory',
    severity: 'error',
    summary: 'Checks that task memory is larger than the containers memory plus every log driver buffer',
    description: 'The buffer holds up to log-driver-buffer-limit lines; counted here at one byte per line, the least it can take.',
    docsUrl: BUFFER_DOCS,
    tags: ['firelens', 'buffer', 'memory'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      const buffers = bufferTotal(task);
      if (task.memory === undefined || !buffers.any) {
        continue;
      }
      const containers = task.containers.reduce((sum, c) => sum + (c.memory ?? c.memoryReservation ?? 0), 0);
      const needed = containers + buffers.total / MIB;
      if (task.memory <= needed) {
        yield {
          path: [...task.path, 'Properties', 'Memory'],
          message: `Task memory ${String(task.memory)} MiB of ${task.logicalId} is not larger than its containers (${String(containers)} MiB) plus log driver buffers (at least ${(buffers.total / MIB).toFixed(1)} MiB)`,
        };
      }
    }
  },
});
