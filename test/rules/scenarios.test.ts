/**
 * The rules over every Fn::If branch and allowed parameter value (functions/shared/template/scenarios.ts):
 * each violation hidden in one branch is found, located inside that branch, and names its condition or value.
 */
import { fl1001RouterMissing } from '../../functions/shared/rules/catalog/fl1001-router-missing';
import { fl1301Port24224Open } from '../../functions/shared/rules/catalog/fl1301-port-24224-open';
import { fl1302Port24224Mapping } from '../../functions/shared/rules/catalog/fl1302-port-24224-mapping';
import { fl1501RouterImageMutableTag } from '../../functions/shared/rules/catalog/fl1501-router-image-mutable-tag';
import { ruleTester } from '../helpers/rule-tester';

const NO_ROUTER = 'Container app logs to awsfirelens but no container in Task has a FirelensConfiguration';
const OPEN_ANYWHERE =
  'Security group Group, attached to service Service, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224';

ruleTester(fl1001RouterMissing, {
  valid: ['bad/FL1301/ingress-if-impossible-branches.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1001/container-definitions-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1001',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 'Fn::If', 2, 0, 'LogConfiguration', 'LogDriver'],
          line: 31,
          column: 15,
          message: `${NO_ROUTER} (when condition UseSidecar is false)`,
        },
      ],
    },
    {
      fixture: 'bad/FL1001/router-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1001',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'LogDriver'],
          line: 25,
          column: 13,
          message: `${NO_ROUTER} (when condition UseRouter is false)`,
        },
      ],
    },
    {
      fixture: 'bad/FL1001/log-configuration-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1001',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'LogConfiguration', 'Fn::If', 1, 'LogDriver'],
          line: 18,
          column: 15,
          message: `${NO_ROUTER} (when condition UseFireLens is true)`,
        },
      ],
    },
  ],
});

ruleTester(fl1302Port24224Mapping, {
  valid: ['bad/FL1001/router-under-if.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1302/port-mappings-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1302',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'PortMappings', 'Fn::If', 1, 1],
          line: 23,
          column: 17,
          message: 'Container app maps container port 24224, the port the FireLens router listens on (when condition Expose is true)',
        },
      ],
    },
  ],
});

ruleTester(fl1301Port24224Open, {
  valid: ['bad/FL1301/ingress-if-impossible-branches.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1301/ingress-list-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 'Fn::If', 1, 0],
          line: 34,
          column: 13,
          message: `${OPEN_ANYWHERE} (when condition OpenForward is true)`,
        },
      ],
    },
    {
      fixture: 'bad/FL1301/ingress-item-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 1, 'Fn::If', 1],
          line: 39,
          column: 13,
          message: `${OPEN_ANYWHERE} (when condition OpenForward is true)`,
        },
      ],
    },
    {
      fixture: 'bad/FL1301/from-port-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 33,
          column: 11,
          message:
            'allows TCP 24000-25000 from CIDR 10.0.0.0/8, which includes the FireLens port 24224 (when condition OpenForward is true)',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/port-parameter-allowed-values.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'PortIngress', 'Properties'],
          line: 34,
          column: 5,
          message: `${OPEN_ANYWHERE} (when parameter Port is 24224)`,
        },
      ],
    },
    {
      fixture: 'bad/FL1301/network-configuration-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'OpenGroup', 'Properties', 'SecurityGroupIngress', 0],
          line: 33,
          column: 11,
          message:
            'Security group OpenGroup, attached to service Service, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224 (when condition Public is true)',
        },
      ],
    },
  ],
});

ruleTester(fl1501RouterImageMutableTag, {
  valid: ['bad/FL1001/router-under-if.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1501/router-image-under-if.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image', 'Fn::If', 1],
          line: 14,
          column: 34,
          message: '"latest" is a mutable tag; pin a version (when condition UseLatest is true)',
        },
      ],
    },
  ],
});
