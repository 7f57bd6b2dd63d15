import { ingressReach } from '../../../functions/shared/rules/forward-port-reach';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { buildTemplateView } from '../../../functions/shared/template/view';
import { readGroupList, readIngress, resolveTaskReference } from '../../../functions/shared/template/view-network';

const RESOURCES: JsonObject = {
  Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'orders' } },
  Other: { Type: 'AWS::ECS::TaskDefinition', Properties: {} },
  Group: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
  Second: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
  Bucket: { Type: 'AWS::S3::Bucket' },
};
const FAMILIES = new Map([['orders', 'Task']]);

describe('resolveTaskReference', () => {
  it.each<[string, unknown, ReturnType<typeof resolveTaskReference>]>([
    ['a Ref', { Ref: 'Task' }, { kind: 'template', logicalId: 'Task' }],
    ['a GetAtt', { 'Fn::GetAtt': ['Task', 'TaskDefinitionArn'] }, { kind: 'template', logicalId: 'Task' }],
    ['a whole !Sub', { 'Fn::Sub': '${Task}' }, { kind: 'template', logicalId: 'Task' }],
    [
      'a !Sub ARN with pseudo parameters',
      { 'Fn::Sub': 'arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${Task}' },
      { kind: 'template', logicalId: 'Task' },
    ],
    ['a !Sub through its variable map', { 'Fn::Sub': ['${T}', { T: { Ref: 'Task' } }] }, { kind: 'template', logicalId: 'Task' }],
    ['a !Join of the logical id', { 'Fn::Join': ['', [{ Ref: 'Task' }]] }, { kind: 'template', logicalId: 'Task' }],
    ['the literal family', 'orders', { kind: 'template', logicalId: 'Task' }],
    [
      'an ARN of the family and a revision',
      'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:3',
      { kind: 'template', logicalId: 'Task' },
    ],
    [
      'an ARN of another family',
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      { kind: 'literal', arn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1' },
    ],
    ['an import', { 'Fn::ImportValue': 'orders-task' }, { kind: 'unknown', shown: 'Fn::ImportValue' }],
    ['a Ref to a parameter', { Ref: 'TaskArn' }, { kind: 'unknown', shown: '!Ref TaskArn' }],
    ['a !Sub naming two tasks', { 'Fn::Sub': '${Task}${Other}' }, { kind: 'unknown', shown: 'Fn::Sub' }],
    ['nothing', undefined, { kind: 'absent' }],
  ])('resolves %s', (_, value, expected) => {
    expect(resolveTaskReference(value, RESOURCES, FAMILIES)).toEqual(expected);
  });
});

describe('readGroupList', () => {
  const PATH = ['Resources', 'Service', 'SecurityGroups'];
  const read = (value: unknown): { ids: readonly string[]; unknowns: string[] } => {
    const groups = readGroupList(value, PATH, 'service Service', RESOURCES);
    return { ids: groups.ids, unknowns: groups.unknowns.map((u) => `${u.path.join('/')}: ${u.what}`) };
  };

  it.each<[string, unknown, readonly string[]]>([
    ['Ref and GetAtt GroupId', [{ Ref: 'Group' }, { 'Fn::GetAtt': ['Second', 'GroupId'] }], ['Group', 'Second']],
    ['whole !Sub with an attribute', [{ 'Fn::Sub': '${Group.GroupId}' }], ['Group']],
    ['!Join of one Ref', [{ 'Fn::Join': ['', [{ Ref: 'Group' }]] }], ['Group']],
    ['!Split of a !Sub naming two groups', { 'Fn::Split': [',', { 'Fn::Sub': '${Group},${Second.GroupId}' }] }, ['Group', 'Second']],
    ['!Split of a !Join', { 'Fn::Split': [',', { 'Fn::Join': [',', [{ Ref: 'Group' }, { Ref: 'Second' }]] }] }, ['Group', 'Second']],
    ['each Fn::If branch', { 'Fn::If': ['Prod', [{ Ref: 'Group' }], [{ Ref: 'Second' }]] }, ['Group', 'Second']],
  ])('reads the template groups of %s', (_, value, ids) => {
    expect(read(value)).toEqual({ ids, unknowns: [] });
  });

  it('reports every group it cannot read, each at its own index', () => {
    // Act
    const groups = read([{ Ref: 'GroupParam' }, { 'Fn::ImportValue': 'shared' }, 'sg-0123', { Ref: 'Bucket' }, { Ref: 'Group' }]);

    // Assert
    expect(groups).toEqual({
      ids: ['Group'],
      unknowns: [
        'Resources/Service/SecurityGroups/0: security group !Ref GroupParam of service Service',
        'Resources/Service/SecurityGroups/1: security group Fn::ImportValue of service Service',
        'Resources/Service/SecurityGroups/2: security group "sg-0123" (a group outside the template) of service Service',
        'Resources/Service/SecurityGroups/3: security group !Ref Bucket of service Service',
      ],
    });
  });

  it('reports a list parameter as one unknown', () => {
    expect(read({ Ref: 'Groups' })).toEqual({
      ids: [],
      unknowns: ['Resources/Service/SecurityGroups: the security groups of service Service (!Ref Groups)'],
    });
  });
});

describe('ingressReach', () => {
  const rule = (props: JsonObject): ReturnType<typeof readIngress> =>
    readIngress(props, ['Resources', 'Ingress', 'Properties'], 'ingress Ingress');

  it.each<[string, JsonObject, ReturnType<typeof ingressReach>]>([
    ['TCP 24224', { IpProtocol: 'tcp', FromPort: 24224, ToPort: 24224, CidrIp: '0.0.0.0/0' }, 'open'],
    ['protocol 6 as a string range', { IpProtocol: '6', FromPort: '24000', ToPort: '25000' }, 'open'],
    ['TCP -1/-1 (every port)', { IpProtocol: 'tcp', FromPort: -1, ToPort: -1 }, 'open'],
    ['protocol -1 as a number', { IpProtocol: -1 }, 'open'],
    ['protocol "all" with ports that leave 24224 out', { IpProtocol: 'all', FromPort: 80, ToPort: 80 }, 'open'],
    ['TCP 80', { IpProtocol: 'tcp', FromPort: 80, ToPort: 80 }, 'closed'],
    ['UDP 24224', { IpProtocol: 'udp', FromPort: 24224, ToPort: 24224 }, 'closed'],
    ['UDP with unknown ports', { IpProtocol: 'udp', FromPort: { Ref: 'P' }, ToPort: { Ref: 'P' } }, 'closed'],
    ['TCP up to 80 from an unknown start', { IpProtocol: 'tcp', FromPort: { Ref: 'P' }, ToPort: 80 }, 'closed'],
    ['TCP with unknown ports', { IpProtocol: 'tcp', FromPort: { Ref: 'P' }, ToPort: { Ref: 'P' } }, 'unknown'],
    ['TCP from 24000 to an unknown end', { IpProtocol: 'tcp', FromPort: 24000, ToPort: { 'Fn::ImportValue': 'x' } }, 'unknown'],
    ['an unknown protocol on port 80 (it may be -1)', { IpProtocol: { Ref: 'Proto' }, FromPort: 80, ToPort: 80 }, 'unknown'],
  ])('%s is %s', (_, props, expected) => {
    expect(ingressReach(rule(props))).toBe(expected);
  });
});

describe('host attachments in the view', () => {
  it('gives instances the groups of template network interfaces, inline, by id or by attachment', () => {
    // Arrange
    const template: JsonObject = {
      Resources: {
        Group: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
        Eni: { Type: 'AWS::EC2::NetworkInterface', Properties: { GroupSet: [{ 'Fn::GetAtt': ['Group', 'GroupId'] }] } },
        Host: { Type: 'AWS::EC2::Instance', Properties: { NetworkInterfaces: [{ NetworkInterfaceId: { Ref: 'Eni' } }] } },
        Attach: { Type: 'AWS::EC2::NetworkInterfaceAttachment', Properties: { InstanceId: 'i-0123', NetworkInterfaceId: { Ref: 'Eni' } } },
        Template: {
          Type: 'AWS::EC2::LaunchTemplate',
          Properties: { LaunchTemplateData: { NetworkInterfaces: [{ Groups: [{ Ref: 'Group' }] }] } },
        },
      },
    };

    // Act
    const view = buildTemplateView(template);

    // Assert
    expect(view.hostsBySecurityGroup.get('Group')?.map((h) => h.label)).toEqual([
      'instance Host',
      'network interface attachment Attach',
      'launch template Template',
    ]);
  });
});
