import { fl1301Port24224Open } from '../../functions/shared/rules/catalog/fl1301-port-24224-open';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1301Port24224Open, {
  valid: [
    ...GOOD_TEMPLATES,
    'bad/FL1301/unattached-group-strict.yaml',
    'bad/FL1302/container-port.yaml',
    // False positives: every attachment kind on closed groups; an open group attached to nothing.
    'clean/every-attachment-closed.yaml',
    // What cannot be known is FL1303, never FL1301 (without strict).
    'bad/FL1303/ingress-ports-parameter.yaml',
    'bad/FL1303/ingress-protocol-import.yaml',
    'bad/FL1303/network-mode-parameter.yaml',
    'bad/FL1303/service-task-import.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1301/service-task-sub.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group Group, attached to service Service, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/service-task-sub-arn-split.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group Group, attached to service Service, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/service-task-join-family.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 29,
          column: 11,
          message:
            'Security group Group, attached to service JoinService, service FamilyService, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/task-set.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group Group, attached to task set TaskSet, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/events-rule-target.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group Group, attached to EventBridge rule Nightly (target 1), allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/scheduler-schedule.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group Group, attached to schedule Hourly, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/host-mode-launch-configuration.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'InstanceGroup', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group InstanceGroup, attached to launch configuration LaunchConfiguration, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/host-mode-network-interface.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'InstanceGroup', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group InstanceGroup, attached to instance Host, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/host-mode-spot-fleet.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'InstanceGroup', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group InstanceGroup, attached to spot fleet Fleet, allows TCP 24224-24224 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/host-mode-instance.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'InstanceGroup', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group InstanceGroup, attached to instance Instance, allows TCP 24224-24224 from CIDR 10.0.0.0/8, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/host-mode-launch-template.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'InstanceGroup', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group InstanceGroup, attached to launch template LaunchTemplate, allows all traffic from CIDR 10.0.0.0/8, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/inline-all-protocols-ipv6.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group Group, attached to service Service, allows all traffic from IPv6 CIDR ::/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/inline-tcp-range-ipv4.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 1],
          line: 32,
          column: 11,
          message:
            'Security group Group, attached to service Service, allows TCP 24000-25000 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/protocol-number-prefix-list.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 28,
          column: 11,
          message:
            'Security group Group, attached to service Service, allows TCP 24224-24224 from a prefix list, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/standalone-ingress-source-group.yaml',
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'OpenForward', 'Properties'],
          line: 30,
          column: 5,
          message:
            'Security group Group, attached to service Service, allows TCP 24224-24224 from another security group, which includes the FireLens port 24224',
        },
      ],
    },
    {
      fixture: 'bad/FL1301/unattached-group-strict.yaml',
      ruleOptions: { strictPort24224: true },
      findings: [
        {
          ruleId: 'FL1301',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
          line: 8,
          column: 11,
          message: 'Security group Group allows TCP 0-65535 from CIDR 0.0.0.0/0, which includes the FireLens port 24224',
        },
      ],
    },
  ],
});
