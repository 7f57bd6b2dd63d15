import { fl1104BufferWithoutMemory } from '../../functions/shared/rules/catalog/fl1104-buffer-without-memory';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1104BufferWithoutMemory, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1103/task-memory-too-small.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1104/buffers-without-memory.yaml',
      findings: [
        {
          ruleId: 'FL1104',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions'],
          line: 6,
          column: 7,
          message: 'Log driver buffers of Task total 536870912 (512 MiB or more) and no memory is set on the task or its containers',
        },
      ],
    },
  ],
});
