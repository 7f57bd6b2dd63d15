import { fl1302Port24224Mapping } from '../../functions/shared/rules/catalog/fl1302-port-24224-mapping';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1302Port24224Mapping, {
  valid: [...GOOD_TEMPLATES, 'clean/every-attachment-closed.yaml', 'bad/FL1303/port-mapping-parameter.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1302/container-port-range.yaml',
      findings: [
        {
          ruleId: 'FL1302',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'PortMappings', 0],
          line: 16,
          column: 15,
          message: 'Container app maps a container port range (24000-25000) that includes 24224, the port the FireLens router listens on',
        },
      ],
    },
    {
      fixture: 'bad/FL1302/host-port-range-bridge.yaml',
      findings: [
        {
          ruleId: 'FL1302',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'PortMappings', 0],
          line: 16,
          column: 15,
          message: 'Container app maps a host port range (24200-24300) that includes 24224, the port the FireLens router listens on',
        },
      ],
    },
    {
      fixture: 'bad/FL1302/container-port.yaml',
      findings: [
        {
          ruleId: 'FL1302',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'PortMappings', 1],
          line: 16,
          column: 15,
          message: 'Container app maps container port 24224, the port the FireLens router listens on',
        },
      ],
    },
    {
      fixture: 'bad/FL1302/host-port-bridge.yaml',
      findings: [
        {
          ruleId: 'FL1302',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'PortMappings', 0],
          line: 18,
          column: 15,
          message: 'Container app maps host port 24224, the port the FireLens router listens on',
        },
      ],
    },
  ],
});
