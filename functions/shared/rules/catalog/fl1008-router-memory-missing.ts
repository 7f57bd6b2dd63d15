import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1008RouterMemoryMissing = defineRule({
  meta: {
    id: 'FL1008',
    name: 'router-memory-missing',
    severity: 'warning',
    summary: 'Checks that the log router sets Memory or MemoryReservation',
    description:
      'The ECS agent sizes the router input buffer (Mem_Buf_Limit) from its memory; without one it falls back to a small default.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'router', 'memory'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers) {
        if (!router.memoryPresent && !router.memoryReservationPresent) {
          yield {
            path: router.path,
            message: `Log router ${containerLabel(router)} sets neither Memory nor MemoryReservation`,
          };
        }
      }
    }
  },
});
