import { defineRule } from '../define-rule';
import { BUFFER_DOCS, bufferTotal } from '../helpers';

const LIMIT = 536_870_912;

export const fl1104BufferWithoutMemory = defineRule({
  meta: {
    id: 'FL1104',
    name: 'buffer-without-memory',
    severity: 'warning',
    summary: 'Checks that log driver buffers totalling 512 MiB or more come with a memory setting',
    description: 'Without task or container memory nothing bounds the buffers; 512 MiB of buffers can starve the instance.',
    docsUrl: BUFFER_DOCS,
    tags: ['firelens', 'buffer', 'memory'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      const anyMemory = task.memoryPresent || task.containers.some((c) => c.memoryPresent || c.memoryReservationPresent);
      const buffers = bufferTotal(task);
      if (!anyMemory && buffers.total >= LIMIT) {
        yield {
          path: [...task.path, 'Properties', 'ContainerDefinitions'],
          message: `Log driver buffers of ${task.logicalId} total ${String(buffers.total)} (512 MiB or more) and no memory is set on the task or its containers`,
        };
      }
    }
  },
});
