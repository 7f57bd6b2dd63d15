import { bufferMiB, scenarioBufferLines, shownMiB, taskMemory, UNBOUNDED_BUFFER_MIB } from '../../template/task-memory';
import { defineRule } from '../define-rule';
import { AVERAGE_LOG_LINE_BYTES, AVERAGE_LOG_LINE_BYTES_OPTION, BUFFER_DOCS } from '../helpers';
import { ruleOption } from '../rule-options';
import type { RuleMeta } from '../types';

const meta: RuleMeta = {
  id: 'FL1104',
  name: 'buffer-without-memory',
  severity: 'warning',
  summary: `Checks that log driver buffers estimated at ${String(UNBOUNDED_BUFFER_MIB)} MiB or more come with a memory setting`,
  description: `log-driver-buffer-limit counts log lines; the estimate is lines × the average line size (option average-log-line-bytes, default 2048). Without task or container memory nothing bounds the buffers; ${String(UNBOUNDED_BUFFER_MIB)} MiB of them can starve the instance.`,
  docsUrl: BUFFER_DOCS,
  tags: ['firelens', 'buffer', 'memory'],
  options: { [AVERAGE_LOG_LINE_BYTES]: AVERAGE_LOG_LINE_BYTES_OPTION },
};

export const fl1104BufferWithoutMemory = defineRule({
  meta,
  *check(view, options) {
    const lineBytes = ruleOption(meta, options, AVERAGE_LOG_LINE_BYTES);
    for (const task of view.taskDefinitions) {
      const anyMemory = task.memoryPresent || task.containers.some((c) => c.memoryPresent || c.memoryReservationPresent);
      if (anyMemory) {
        continue;
      }
      // The largest buffers of any branch: a condition that turns on big buffers is enough.
      const lines = Math.max(0, ...taskMemory(task).scenarios.map((s) => scenarioBufferLines(s).lines));
      const estimate = bufferMiB(lines, lineBytes);
      if (estimate >= UNBOUNDED_BUFFER_MIB) {
        yield {
          path: [...task.path, 'Properties', 'ContainerDefinitions'],
          message: `Log driver buffers of ${task.logicalId} hold ${String(lines)} log lines, about ${shownMiB(estimate)} MiB at ${String(lineBytes)} bytes a line (${String(UNBOUNDED_BUFFER_MIB)} MiB or more), and no memory is set on the task or its containers`,
        };
      }
    }
  },
});
