import { bufferMiB, reservedMiB, scenarioBufferLines, shownMiB, taskMemory } from '../../template/task-memory';
import { defineRule } from '../define-rule';
import { AVERAGE_LOG_LINE_BYTES, AVERAGE_LOG_LINE_BYTES_OPTION, BUFFER_DOCS } from '../helpers';
import { ruleOption } from '../rule-options';
import type { RuleMeta } from '../types';

const meta: RuleMeta = {
  id: 'FL1103',
  name: 'buffer-exceeds-task-memory',
  severity: 'error',
  summary: "Checks that task memory is larger than the containers' memory plus every log driver buffer",
  description:
    "log-driver-buffer-limit counts log lines; a buffer takes up to lines × the average line size (option average-log-line-bytes, default 2048 as the ECS guide's example). Containers count with what ECS reserves for them (MemoryReservation, else Memory). Conditions (Fn::If) are judged per branch; a task whose containers alone exceed its memory is FL1106's finding.",
  docsUrl: BUFFER_DOCS,
  tags: ['firelens', 'buffer', 'memory'],
  options: { [AVERAGE_LOG_LINE_BYTES]: AVERAGE_LOG_LINE_BYTES_OPTION },
};

export const fl1103BufferExceedsTaskMemory = defineRule({
  meta,
  *check(view, options) {
    const lineBytes = ruleOption(meta, options, AVERAGE_LOG_LINE_BYTES);
    for (const task of view.taskDefinitions) {
      // The first failing scenario is enough: one finding per task, naming the branch when there is one.
      const failing = taskMemory(task)
        .scenarios.map((scenario) => {
          const buffers = scenarioBufferLines(scenario);
          const containers = scenario.containers.reduce((sum, c) => sum + reservedMiB(c), 0);
          return { scenario, buffers, containers, needed: containers + bufferMiB(buffers.lines, lineBytes) };
        })
        .find(
          ({ scenario, buffers, containers, needed }) =>
            scenario.taskMiB !== undefined && buffers.any && containers <= scenario.taskMiB && scenario.taskMiB <= needed,
        );
      if (failing?.scenario.taskMiB !== undefined) {
        const { scenario, buffers, containers } = failing;
        const when = scenario.label === '' ? '' : ` (${scenario.label})`;
        yield {
          path: [...task.path, 'Properties', 'Memory'],
          message: `Task memory ${String(scenario.taskMiB)} MiB of ${task.logicalId} is not larger than its containers (${String(containers)} MiB) plus log driver buffers (${shownMiB(bufferMiB(buffers.lines, lineBytes))} MiB: ${String(buffers.lines)} log lines × ${String(lineBytes)} bytes)${when}; raise the task memory or lower log-driver-buffer-limit`,
        };
      }
    }
  },
});
