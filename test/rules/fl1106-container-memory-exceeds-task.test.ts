import { fl1106ContainerMemoryExceedsTask } from '../../functions/shared/rules/catalog/fl1106-container-memory-exceeds-task';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

const TASK_MEMORY = ['Resources', 'Task', 'Properties', 'Memory'];

ruleTester(fl1106ContainerMemoryExceedsTask, {
  valid: [
    ...GOOD_TEMPLATES,
    // Containers use exactly the task's memory: allowed (only more is refused).
    'bad/FL1103/task-memory-too-small.yaml',
    // Judged per branch: 1074 of 2048 MiB in production, 450 of 512 otherwise.
    'bad/FL1103/condition-branch.yaml',
    // No task memory at all: nothing to exceed.
    'bad/FL1104/buffers-without-memory.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1106/reservations-exceed-task.yaml',
      findings: [
        {
          ruleId: 'FL1106',
          path: TASK_MEMORY,
          line: 9,
          column: 7,
          message:
            'Containers of Task reserve 1280 MiB (app 768, sidecar 512; MemoryReservation, else Memory), more than the task memory 1024 MiB',
        },
      ],
    },
    {
      fixture: 'bad/FL1106/container-memory-above-task.yaml',
      findings: [
        {
          ruleId: 'FL1106',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Memory'],
          line: 13,
          column: 11,
          message: 'Memory 1024 MiB of container app is more than the task memory 512 MiB of Task',
        },
      ],
    },
    {
      fixture: 'bad/FL1106/hard-limits-add-up.yaml',
      findings: [
        {
          ruleId: 'FL1106',
          path: TASK_MEMORY,
          line: 7,
          column: 7,
          message:
            'Containers of Task reserve 1536 MiB (web 768, worker 768; MemoryReservation, else Memory), more than the task memory 1024 MiB',
        },
      ],
    },
    {
      fixture: 'bad/FL1106/condition-branch.yaml',
      // Scenario linting: each finding sits in the branch that breaks the rule and names its condition.
      findings: [
        {
          ruleId: 'FL1106',
          path: [...TASK_MEMORY, 'Fn::If', 2],
          line: 11,
          column: 36,
          message:
            'Containers of Task reserve 1024 MiB (app 1024; MemoryReservation, else Memory), more than the task memory 512 MiB (when condition IsProd is false)',
        },
        {
          ruleId: 'FL1106',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Memory', 'Fn::If', 2],
          line: 15,
          column: 38,
          message: 'Memory 1024 MiB of container app is more than the task memory 512 MiB of Task (when condition IsProd is false)',
        },
      ],
    },
  ],
});
