import { fl1104BufferWithoutMemory } from '../../functions/shared/rules/catalog/fl1104-buffer-without-memory';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

const CONTAINERS = ['Resources', 'Task', 'Properties', 'ContainerDefinitions'];

ruleTester(fl1104BufferWithoutMemory, {
  valid: [
    ...GOOD_TEMPLATES,
    'bad/FL1103/task-memory-too-small.yaml',
    // 262144 lines of 1024 bytes are 256 MiB, under the 512 MiB threshold.
    {
      fixture: 'bad/FL1104/half-gib-at-default-line-size.yaml',
      ruleOptions: { configureRules: { FL1104: { 'average-log-line-bytes': 1024 } } },
    },
  ],
  invalid: [
    {
      fixture: 'bad/FL1104/buffers-without-memory.yaml',
      findings: [
        {
          ruleId: 'FL1104',
          path: CONTAINERS,
          line: 6,
          column: 7,
          message:
            'Log driver buffers of Task hold 536870912 log lines, about 1048576 MiB at 2048 bytes a line (512 MiB or more), and no memory is set on the task or its containers',
        },
      ],
    },
    {
      fixture: 'bad/FL1104/half-gib-at-default-line-size.yaml',
      findings: [
        { ruleId: 'FL1104', path: CONTAINERS, line: 6, column: 7, message: 'hold 262144 log lines, about 512 MiB at 2048 bytes a line' },
      ],
    },
  ],
});
