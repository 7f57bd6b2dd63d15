import { fl1303Port24224Unchecked } from '../../functions/shared/rules/catalog/fl1303-port-24224-unchecked';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1303Port24224Unchecked, {
  valid: [
    ...GOOD_TEMPLATES,
    // Everything resolvable and closed: nothing is unknown.
    'clean/every-attachment-closed.yaml',
    { fixture: 'clean/every-attachment-closed.yaml', ruleOptions: { strictPort24224: true } },
    // An unknown port on a group attached to nothing matters only under strict 24224.
    'bad/FL1303/unattached-group-strict.yaml',
    'bad/FL1301/service-task-sub.yaml',
    'bad/FL1301/host-mode-spot-fleet.yaml',
    'bad/FL1302/container-port-range.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1303/ingress-list-intrinsic.yaml',
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress'],
          line: 31,
          column: 7,
          message:
            'Port 24224 reachability cannot be checked: the ingress rules of security group Group (Fn::FindInMap) at Resources/Group/Properties/SecurityGroupIngress is not known until deploy (security group Group is attached to service Service)',
        },
      ],
    },
    {
      fixture: 'bad/FL1303/ingress-ports-parameter.yaml',
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0, 'FromPort'],
          line: 32,
          column: 11,
          message:
            'Port 24224 reachability cannot be checked: the FromPort of an ingress rule of security group Group (!Ref Port) at Resources/Group/Properties/SecurityGroupIngress/0/FromPort is not known until deploy (security group Group is attached to service Service)',
        },
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0, 'ToPort'],
          line: 33,
          column: 11,
          message:
            'Port 24224 reachability cannot be checked: the ToPort of an ingress rule of security group Group (!Ref Port) at Resources/Group/Properties/SecurityGroupIngress/0/ToPort is not known until deploy (security group Group is attached to service Service)',
        },
      ],
    },
    {
      fixture: 'bad/FL1303/ingress-protocol-import.yaml',
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0, 'IpProtocol'],
          line: 28,
          column: 11,
          message:
            'Port 24224 reachability cannot be checked: the IpProtocol of an ingress rule of security group Group (Fn::ImportValue) at Resources/Group/Properties/SecurityGroupIngress/0/IpProtocol is not known until deploy (security group Group is attached to service Service)',
        },
      ],
    },
    {
      fixture: 'bad/FL1303/network-mode-parameter.yaml',
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Task', 'Properties', 'NetworkMode'],
          line: 9,
          column: 7,
          message:
            'Port 24224 reachability cannot be checked: the network mode of FireLens task Task at Resources/Task/Properties/NetworkMode is not known until deploy (in host mode the security groups of launch template LaunchTemplate would let port 24224 in)',
        },
      ],
    },
    {
      fixture: 'bad/FL1303/port-mapping-parameter.yaml',
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'PortMappings', 0, 'ContainerPort'],
          line: 21,
          column: 15,
          message:
            'Port 24224 reachability cannot be checked: the ContainerPort of a port mapping of container app at Resources/Task/Properties/ContainerDefinitions/1/PortMappings/0/ContainerPort is not known until deploy (task Task runs a FireLens log router)',
        },
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'PortMappings', 1, 'ContainerPortRange'],
          line: 22,
          column: 15,
          message:
            'Port 24224 reachability cannot be checked: the ContainerPortRange of a port mapping of container app at Resources/Task/Properties/ContainerDefinitions/1/PortMappings/1/ContainerPortRange is not known until deploy (task Task runs a FireLens log router)',
        },
      ],
    },
    {
      fixture: 'bad/FL1303/schedule-default-group.yaml',
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Hourly', 'Properties', 'Target', 'EcsParameters', 'NetworkConfiguration', 'AwsvpcConfiguration'],
          line: 37,
          column: 13,
          message:
            "Port 24224 reachability cannot be checked: the security groups of schedule Hourly (none given: the VPC's default security group) at Resources/Hourly/Properties/Target/EcsParameters/NetworkConfiguration/AwsvpcConfiguration is not known until deploy (schedule Hourly runs FireLens task Task)",
        },
        {
          ruleId: 'FL1303',
          path: [
            'Resources',
            'Nightly',
            'Properties',
            'Targets',
            0,
            'EcsParameters',
            'NetworkConfiguration',
            'AwsVpcConfiguration',
            'SecurityGroups',
          ],
          line: 51,
          column: 17,
          message:
            'Port 24224 reachability cannot be checked: the security groups of EventBridge rule Nightly (target 0) (!Ref Groups) at Resources/Nightly/Properties/Targets/0/EcsParameters/NetworkConfiguration/AwsVpcConfiguration/SecurityGroups is not known until deploy (EventBridge rule Nightly (target 0) runs FireLens task Task)',
        },
      ],
    },
    {
      fixture: 'bad/FL1303/service-groups-outside.yaml',
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Service', 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'SecurityGroups', 0],
          line: 33,
          column: 33,
          message:
            'Port 24224 reachability cannot be checked: security group !Ref GroupParam of service Service at Resources/Service/Properties/NetworkConfiguration/AwsvpcConfiguration/SecurityGroups/0 is not known until deploy (service Service runs FireLens task Task)',
        },
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Service', 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'SecurityGroups', 1],
          line: 33,
          column: 58,
          message:
            'Port 24224 reachability cannot be checked: security group Fn::ImportValue of service Service at Resources/Service/Properties/NetworkConfiguration/AwsvpcConfiguration/SecurityGroups/1 is not known until deploy (service Service runs FireLens task Task)',
        },
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Service', 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'SecurityGroups', 2],
          line: 33,
          column: 72,
          message:
            'Port 24224 reachability cannot be checked: security group "sg-0123456789abcdef0" (a group outside the template) of service Service at Resources/Service/Properties/NetworkConfiguration/AwsvpcConfiguration/SecurityGroups/2 is not known until deploy (service Service runs FireLens task Task)',
        },
      ],
    },
    {
      fixture: 'bad/FL1303/service-task-import.yaml',
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Service', 'Properties', 'TaskDefinition'],
          line: 16,
          column: 7,
          message:
            'Port 24224 reachability cannot be checked: the task definition of service Service (Fn::ImportValue) at Resources/Service/Properties/TaskDefinition is not known until deploy (its security group Group lets port 24224 in, which matters if the task uses FireLens)',
        },
      ],
    },
    {
      fixture: 'bad/FL1303/unattached-group-strict.yaml',
      ruleOptions: { strictPort24224: true },
      findings: [
        {
          ruleId: 'FL1303',
          path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0, 'FromPort'],
          line: 32,
          column: 11,
          message:
            'Port 24224 reachability cannot be checked: the FromPort of an ingress rule of security group Group (!Ref Port) at Resources/Group/Properties/SecurityGroupIngress/0/FromPort is not known until deploy (strict 24224 checks every security group)',
        },
      ],
    },
  ],
});
