/**
 * The network part of the template view: port mappings, security groups and their ingress, and every
 * way a task or a container instance is attached to security groups. Everything the port-24224 rules
 * (FL1301–FL1303) read. Like the rest of the view it never evaluates intrinsics: what it cannot read
 * becomes a `NetworkUnknown` (what, and where), so the rules can report it instead of taking it as closed.
 */
import {
  getAttTarget,
  intrinsicName,
  isIntrinsic,
  isObject,
  type Json,
  type JsonObject,
  literalInteger,
  literalString,
  possibleValues,
  refTarget,
} from './intrinsics';
import type { TemplatePath } from './locator';

const asObject = (value: unknown): JsonObject | undefined => (isObject(value) && !isIntrinsic(value) ? value : undefined);

const asArray = (value: unknown): readonly Json[] => (Array.isArray(value) ? (value as Json[]) : []);

const typeOf = (resource: unknown): string | undefined => (isObject(resource) ? literalString(resource['Type']) : undefined);

/** A network fact the template does not fix: an intrinsic the view cannot resolve, or something outside the template. */
export interface NetworkUnknown {
  /** For the message: "the FromPort of security group Web's ingress rule". */
  readonly what: string;
  readonly path: TemplatePath;
}

/** An inclusive port range, from a number or an ECS range string ("24000-25000"). */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export interface PortMappingView {
  readonly containerPort: number | undefined;
  readonly hostPort: number | undefined;
  /** `ContainerPortRange` / `HostPortRange` when literal and well formed. */
  readonly containerPortRange: PortRange | undefined;
  readonly hostPortRange: PortRange | undefined;
  readonly path: TemplatePath;
  /** Ports of this mapping (or the whole list) that cannot be read: they may be 24224. */
  readonly unknowns: readonly NetworkUnknown[];
}

export interface IngressRuleView {
  readonly path: TemplatePath;
  /** Literal protocol, lower-cased ("tcp", "-1", "6", "all"). */
  readonly protocol: string | undefined;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  /** Human description of where traffic may come from. */
  readonly source: string;
  /** Protocol or ports written as intrinsics, or a rule (or rule list) that is an intrinsic as a whole. */
  readonly unknowns: readonly NetworkUnknown[];
}

export interface SecurityGroupView {
  readonly logicalId: string;
  readonly path: TemplatePath;
  /** Inline rules plus standalone `AWS::EC2::SecurityGroupIngress` resources that target this group. */
  readonly ingress: readonly IngressRuleView[];
}

/** The security groups something is attached to: groups of this template, and what cannot be known. */
export interface GroupSet {
  readonly ids: readonly string[];
  readonly unknowns: readonly NetworkUnknown[];
}

const EMPTY_GROUPS: GroupSet = { ids: [], unknowns: [] };

const joinGroups = (sets: readonly GroupSet[]): GroupSet => ({
  ids: sets.flatMap((s) => s.ids),
  unknowns: sets.flatMap((s) => s.unknowns),
});

/** `Fn::ImportValue`, `!Ref Name`, `"sg-0abc"`: how an unreadable value is named in a message. */
const shownValue = (value: unknown): string => {
  const ref = refTarget(value);
  if (ref !== undefined) {
    return `!Ref ${ref}`;
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return `"${String(value)}"`;
  }
  return intrinsicName(value) ?? JSON.stringify(value);
};

// ---------------------------------------------------------------------------------------------------
// Port mappings
// ---------------------------------------------------------------------------------------------------

const RANGE = /^\s*(\d+)\s*-\s*(\d+)\s*$/;

/**
 * ECS `containerPortRange` / `hostPortRange` are strings "from-to" (PortMapping, ECS API reference:
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html).
 */
const parseRange = (value: unknown): PortRange | undefined => {
  const match = typeof value === 'string' ? RANGE.exec(value) : null;
  return match ? { from: Number(match[1]), to: Number(match[2]) } : undefined;
};

const PORT_KEYS = ['ContainerPort', 'HostPort', 'ContainerPortRange', 'HostPortRange'] as const;

const readPortMapping = (entry: Json, path: TemplatePath, owner: string): PortMappingView => {
  const obj = asObject(entry);
  const unreadable = (key: (typeof PORT_KEYS)[number]): boolean => {
    const raw = obj?.[key];
    const read = key.endsWith('Range') ? parseRange(raw) : literalInteger(raw);
    return raw !== undefined && read === undefined;
  };
  const unknowns: NetworkUnknown[] = obj
    ? PORT_KEYS.filter(unreadable).map((key) => ({ what: `the ${key} of a port mapping of ${owner}`, path: [...path, key] }))
    : [{ what: `a port mapping of ${owner} (${shownValue(entry)})`, path }];
  return {
    containerPort: literalInteger(obj?.['ContainerPort']),
    hostPort: literalInteger(obj?.['HostPort']),
    containerPortRange: parseRange(obj?.['ContainerPortRange']),
    hostPortRange: parseRange(obj?.['HostPortRange']),
    path,
    unknowns,
  };
};

/** A container's port mappings; a list written as an intrinsic reads as one mapping whose ports are unknown. */
export const readPortMappings = (value: unknown, path: TemplatePath, owner: string): PortMappingView[] => {
  const listPath = [...path, 'PortMappings'];
  if (value !== undefined && !Array.isArray(value)) {
    const unknown = { what: `the port mappings of ${owner} (${shownValue(value)})`, path: listPath };
    return [
      {
        containerPort: undefined,
        hostPort: undefined,
        containerPortRange: undefined,
        hostPortRange: undefined,
        path: listPath,
        unknowns: [unknown],
      },
    ];
  }
  return asArray(value).map((entry, i) => readPortMapping(entry, [...listPath, i], owner));
};

// ---------------------------------------------------------------------------------------------------
// Security group references
// ---------------------------------------------------------------------------------------------------

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

/** The variables of an `Fn::Sub` template string and its variable map (empty map for the string form). */
const subParts = (value: unknown): { text: string; variables: JsonObject } | undefined => {
  const arg = isObject(value) ? value['Fn::Sub'] : undefined;
  if (typeof arg === 'string') {
    return { text: arg, variables: {} };
  }
  if (Array.isArray(arg) && typeof arg[0] === 'string') {
    return { text: arg[0], variables: asObject(arg[1]) ?? {} };
  }
  return undefined;
};

/** Logical ids (with their attribute, if any) a `Fn::Sub` string names, variables of its map resolved. */
const subReferences = (value: unknown): string[] | undefined => {
  const parts = subParts(value);
  if (parts === undefined) {
    return undefined;
  }
  return [...parts.text.matchAll(SUB_VARIABLE)].map((match) => {
    const name = match[1] ?? '';
    const mapped = parts.variables[name];
    return mapped === undefined ? name : (refTarget(mapped) ?? getAttTarget(mapped)?.join('.') ?? `\u0000${name}`);
  });
};

/** The resource a Ref, GetAtt, or whole-string `!Sub '${X}'` / `!Sub '${X.GroupId}'` names, when it has `type`. */
const namedResource = (value: unknown, resources: JsonObject, type: string): string | undefined => {
  const subs = subReferences(value);
  const text = subParts(value)?.text.trim();
  const whole = subs?.length === 1 && text !== undefined && /^\$\{[^}]+\}$/.test(text) ? subs[0]?.split('.')[0] : undefined;
  const join = isObject(value) ? value['Fn::Join'] : undefined;
  // `!Join ['', [!Ref X]]`: a join of one element is that element.
  const joined = Array.isArray(join) && Array.isArray(join[1]) && join[1].length === 1 ? join[1][0] : undefined;
  const id =
    refTarget(value) ?? getAttTarget(value)?.[0] ?? whole ?? (joined === undefined ? undefined : namedResource(joined, resources, type));
  return id !== undefined && typeOf(resources[id]) === type ? id : undefined;
};

/** A security group id value naming a group of this template, or undefined (a parameter, an import, a literal sg-…). */
export const templateSecurityGroup = (value: unknown, resources: JsonObject): string | undefined =>
  namedResource(value, resources, 'AWS::EC2::SecurityGroup');

/** List elements of `!Split [d, "a,b"]`, `!Split [d, !Sub "${A},${B}"]` or `!Split [d, !Join [d, [..]]]`; undefined otherwise. */
const splitItems = (value: unknown): Json[] | undefined => {
  const arg = isObject(value) ? value['Fn::Split'] : undefined;
  if (!Array.isArray(arg) || typeof arg[0] !== 'string') {
    return undefined;
  }
  const [delimiter, source] = [arg[0], arg[1]];
  if (typeof source === 'string') {
    return source.split(delimiter);
  }
  const join = isObject(source) ? source['Fn::Join'] : undefined;
  if (Array.isArray(join) && join[0] === delimiter && Array.isArray(join[1])) {
    return join[1];
  }
  const parts = subParts(source);
  if (parts !== undefined && Object.keys(parts.variables).length === 0) {
    return parts.text.split(delimiter).map((piece) => ({ 'Fn::Sub': piece }));
  }
  return undefined;
};

const readGroupItem = (item: Json, path: TemplatePath, owner: string, resources: JsonObject): GroupSet => {
  const id = templateSecurityGroup(item, resources);
  if (id !== undefined) {
    return { ids: [id], unknowns: [] };
  }
  const outside = typeof item === 'string' ? ' (a group outside the template)' : '';
  return { ids: [], unknowns: [{ what: `security group ${shownValue(item)}${outside} of ${owner}`, path }] };
};

/**
 * The security groups of a `SecurityGroups`-style list: each item, each `Fn::If` branch, `!Split` of
 * a literal, `!Sub` or `!Join`. Anything else (a list parameter, an import) is one unknown.
 */
export const readGroupList = (value: unknown, path: TemplatePath, owner: string, resources: JsonObject): GroupSet => {
  const sets: GroupSet[] = [];
  for (const list of possibleValues(value)) {
    const items = Array.isArray(list) ? (list as Json[]) : splitItems(list);
    if (items === undefined) {
      sets.push({ ids: [], unknowns: [{ what: `the security groups of ${owner} (${shownValue(list)})`, path }] });
      continue;
    }
    items.forEach((item, i) => {
      const itemPath = Array.isArray(list) ? [...path, i] : path;
      for (const candidate of possibleValues(item)) {
        sets.push(readGroupItem(candidate as Json, itemPath, owner, resources));
      }
    });
  }
  return joinGroups(sets);
};

/** Groups under `key` of an object (each `Fn::If` branch of the object); absent key → no groups. */
const groupsAt = (parent: unknown, key: string, path: TemplatePath, owner: string, resources: JsonObject): GroupSet =>
  joinGroups(
    possibleValues(parent).map((candidate) => {
      const obj = asObject(candidate);
      return obj?.[key] === undefined ? EMPTY_GROUPS : readGroupList(obj[key], [...path, key], owner, resources);
    }),
  );

// ---------------------------------------------------------------------------------------------------
// Security groups and their ingress
// ---------------------------------------------------------------------------------------------------

const sourceOf = (rule: JsonObject): string => {
  const cidr = literalString(rule['CidrIp']);
  if (cidr !== undefined || rule['CidrIp'] !== undefined) {
    return `CIDR ${cidr ?? '(computed)'}`;
  }
  const cidr6 = literalString(rule['CidrIpv6']);
  if (cidr6 !== undefined || rule['CidrIpv6'] !== undefined) {
    return `IPv6 CIDR ${cidr6 ?? '(computed)'}`;
  }
  if (rule['SourcePrefixListId'] !== undefined) {
    return 'a prefix list';
  }
  if (rule['SourceSecurityGroupId'] !== undefined || rule['SourceSecurityGroupName'] !== undefined) {
    return 'another security group';
  }
  return 'an unspecified source';
};

const readProtocol = (value: unknown): string | undefined =>
  (literalString(value) ?? (typeof value === 'number' ? String(value) : undefined))?.trim().toLowerCase();

/** One ingress rule. `owner` names it in messages ("security group Web", "ingress OpenForward"). */
export const readIngress = (rule: JsonObject, path: TemplatePath, owner: string): IngressRuleView => {
  const protocol = readProtocol(rule['IpProtocol']);
  const fromPort = literalInteger(rule['FromPort']);
  const toPort = literalInteger(rule['ToPort']);
  const unknowns: NetworkUnknown[] = [];
  const note = (key: string, unread: boolean): void => {
    if (rule[key] !== undefined && unread) {
      unknowns.push({ what: `the ${key} of an ingress rule of ${owner} (${shownValue(rule[key])})`, path: [...path, key] });
    }
  };
  note('IpProtocol', protocol === undefined);
  note('FromPort', fromPort === undefined);
  note('ToPort', toPort === undefined);
  return { path, protocol, fromPort, toPort, source: sourceOf(rule), unknowns };
};

const unknownRule = (path: TemplatePath, what: string): IngressRuleView => ({
  path,
  protocol: undefined,
  fromPort: undefined,
  toPort: undefined,
  source: 'an unknown source',
  unknowns: [{ what, path }],
});

/** `SecurityGroupIngress` of a group: every rule and `Fn::If` branch; an intrinsic list or rule is a rule of unknown reach. */
export const readInlineIngress = (value: unknown, path: TemplatePath, groupId: string): IngressRuleView[] => {
  const owner = `security group ${groupId}`;
  const rules: IngressRuleView[] = [];
  for (const list of value === undefined ? [] : possibleValues(value)) {
    if (!Array.isArray(list)) {
      rules.push(unknownRule(path, `the ingress rules of ${owner} (${shownValue(list)})`));
      continue;
    }
    list.forEach((item, i) => {
      for (const candidate of possibleValues(item)) {
        const obj = asObject(candidate);
        rules.push(
          obj ? readIngress(obj, [...path, i], owner) : unknownRule([...path, i], `an ingress rule of ${owner} (${shownValue(candidate)})`),
        );
      }
    });
  }
  return rules;
};

// ---------------------------------------------------------------------------------------------------
// Task attachments: services, task sets, EventBridge rule targets, EventBridge Scheduler schedules
// ---------------------------------------------------------------------------------------------------

/** How an attachment names its task definition. */
export type TaskReference =
  | { readonly kind: 'template'; readonly logicalId: string }
  | { readonly kind: 'literal'; readonly arn: string }
  | { readonly kind: 'unknown'; readonly shown: string }
  | { readonly kind: 'absent' };

const TASK_TYPE = 'AWS::ECS::TaskDefinition';

/** Template task definitions among the logical ids a Sub / Join names; exactly one makes the reference that task. */
const singleTask = (ids: readonly string[], resources: JsonObject): string | undefined => {
  const tasks = [...new Set(ids.map((id) => id.split('.')[0] ?? '').filter((id) => typeOf(resources[id]) === TASK_TYPE))];
  return tasks.length === 1 ? tasks[0] : undefined;
};

const joinReferences = (value: unknown): string[] | undefined => {
  const arg = isObject(value) ? value['Fn::Join'] : undefined;
  if (!Array.isArray(arg) || !Array.isArray(arg[1])) {
    return undefined;
  }
  return arg[1].flatMap((part) => {
    const id = refTarget(part) ?? getAttTarget(part)?.[0] ?? subReferences(part);
    return id === undefined ? [] : Array.isArray(id) ? id : [id];
  });
};

/**
 * Resolves a `TaskDefinition` / `TaskDefinitionArn` value: a Ref or GetAtt of a template task, a
 * `!Sub` or `!Join` that names exactly one template task (`${Task}`, `arn:…:task-definition/${Task}`),
 * or a literal family / ARN, which is the template task whose literal `Family` it names when there is one.
 */
export const resolveTaskReference = (value: unknown, resources: JsonObject, families: ReadonlyMap<string, string>): TaskReference => {
  if (value === undefined) {
    return { kind: 'absent' };
  }
  const direct = refTarget(value) ?? getAttTarget(value)?.[0];
  const id =
    direct !== undefined && typeOf(resources[direct]) === TASK_TYPE
      ? direct
      : singleTask(subReferences(value) ?? joinReferences(value) ?? [], resources);
  if (id !== undefined) {
    return { kind: 'template', logicalId: id };
  }
  if (typeof value === 'string') {
    const family = /(?:^|task-definition\/)([^:/]+)(?::\d+)?$/.exec(value)?.[1];
    const byFamily = family === undefined ? undefined : families.get(family);
    return byFamily === undefined ? { kind: 'literal', arn: value } : { kind: 'template', logicalId: byFamily };
  }
  return { kind: 'unknown', shown: shownValue(value) };
};

/** Literal `Family` of each template task definition → its logical id (a service may name a task by family). */
export const readFamilies = (resources: JsonObject): Map<string, string> => {
  const families = new Map<string, string>();
  for (const [id, resource] of Object.entries(resources)) {
    const family =
      isObject(resource) && typeOf(resource) === TASK_TYPE ? literalString(asObject(resource['Properties'])?.['Family']) : undefined;
    if (family !== undefined && !families.has(family)) {
      families.set(family, id);
    }
  }
  return families;
};

export type TaskAttachmentKind = 'service' | 'task set' | 'EventBridge rule target' | 'schedule';

export interface TaskAttachmentRead {
  readonly kind: TaskAttachmentKind;
  /** For messages: "service Web", "task set Blue", "EventBridge rule Nightly (target 0)", "schedule Hourly". */
  readonly label: string;
  readonly logicalId: string;
  readonly task: TaskReference;
  readonly taskPath: TemplatePath;
  /** The value as written, for the hook's pseudo-parameter resolution of an ARN built with Fn::Sub / Fn::Join. */
  readonly taskValue: unknown;
  readonly groups: GroupSet;
}

/**
 * Security groups of an awsvpc network configuration. The awsvpc key is `AwsvpcConfiguration` on a
 * service and a schedule, `AwsVpcConfiguration` on a task set and an EventBridge target (CloudFormation
 * reference pages aws-properties-ecs-service-networkconfiguration, -ecs-taskset-networkconfiguration,
 * -events-rule-networkconfiguration, -scheduler-schedule-networkconfiguration); both are read. A
 * configuration without `SecurityGroups` gets the VPC's default group, whose rules are not in the template.
 */
const awsvpcGroups = (networkConfiguration: unknown, path: TemplatePath, owner: string, resources: JsonObject): GroupSet => {
  if (networkConfiguration === undefined) {
    return EMPTY_GROUPS;
  }
  const sets = possibleValues(networkConfiguration).map((candidate): GroupSet => {
    const network = asObject(candidate);
    const key = network && ['AwsvpcConfiguration', 'AwsVpcConfiguration'].find((k) => network[k] !== undefined);
    if (!network || key === undefined) {
      const what = `the network configuration of ${owner} (${shownValue(candidate)})`;
      return network ? EMPTY_GROUPS : { ids: [], unknowns: [{ what, path }] };
    }
    const awsvpcPath = [...path, key];
    return joinGroups(
      possibleValues(network[key]).map((awsvpc): GroupSet => {
        const config = asObject(awsvpc);
        if (config?.['SecurityGroups'] === undefined) {
          const what = config
            ? `the security groups of ${owner} (none given: the VPC's default security group)`
            : `the awsvpc configuration of ${owner} (${shownValue(awsvpc)})`;
          return { ids: [], unknowns: [{ what, path: awsvpcPath }] };
        }
        return readGroupList(config['SecurityGroups'], [...awsvpcPath, 'SecurityGroups'], owner, resources);
      }),
    );
  });
  return joinGroups(sets);
};

const attachment = (
  kind: TaskAttachmentKind,
  label: string,
  logicalId: string,
  parent: JsonObject,
  keys: { task: string; path: TemplatePath },
  context: { resources: JsonObject; families: ReadonlyMap<string, string> },
): TaskAttachmentRead => ({
  kind,
  label,
  logicalId,
  task: resolveTaskReference(parent[keys.task], context.resources, context.families),
  taskPath: [...keys.path, keys.task],
  taskValue: parent[keys.task],
  groups: awsvpcGroups(parent['NetworkConfiguration'], [...keys.path, 'NetworkConfiguration'], label, context.resources),
});

/** ECS task targets of an EventBridge rule (`Targets[].EcsParameters`) or a schedule (`Target.EcsParameters`). */
const ecsTargets = (
  id: string,
  type: string,
  props: JsonObject,
  context: { resources: JsonObject; families: ReadonlyMap<string, string> },
): TaskAttachmentRead[] => {
  const base: TemplatePath = ['Resources', id, 'Properties'];
  const kind = type === 'AWS::Events::Rule' ? 'EventBridge rule target' : 'schedule';
  const targets: [Json | undefined, TemplatePath, string][] =
    type === 'AWS::Events::Rule'
      ? asArray(props['Targets']).map((t, i) => [t, [...base, 'Targets', i], `EventBridge rule ${id} (target ${String(i)})`])
      : [[props['Target'], [...base, 'Target'], `schedule ${id}`]];
  return targets.flatMap(([target, path, label]) => {
    const ecs = asObject(asObject(target)?.['EcsParameters']);
    return ecs ? [attachment(kind, label, id, ecs, { task: 'TaskDefinitionArn', path: [...path, 'EcsParameters'] }, context)] : [];
  });
};

/** Every way a resource runs tasks on security groups; empty for resources that do not. */
export const readTaskAttachments = (
  id: string,
  type: string | undefined,
  props: JsonObject,
  context: { resources: JsonObject; families: ReadonlyMap<string, string> },
): TaskAttachmentRead[] => {
  const path: TemplatePath = ['Resources', id, 'Properties'];
  switch (type) {
    case 'AWS::ECS::Service':
      return [attachment('service', `service ${id}`, id, props, { task: 'TaskDefinition', path }, context)];
    case 'AWS::ECS::TaskSet':
      return [attachment('task set', `task set ${id}`, id, props, { task: 'TaskDefinition', path }, context)];
    case 'AWS::Events::Rule':
    case 'AWS::Scheduler::Schedule':
      return ecsTargets(id, type, props, context);
    case undefined:
    default:
      return [];
  }
};

// ---------------------------------------------------------------------------------------------------
// Hosts: the container instances of host-mode tasks
// ---------------------------------------------------------------------------------------------------

export interface HostAttachmentView {
  /** For messages: "instance Host", "launch template Lt", "launch configuration Lc", "spot fleet Fleet". */
  readonly label: string;
  readonly logicalId: string;
  readonly groups: GroupSet;
}

const HOST_LABELS: Readonly<Record<string, string>> = {
  'AWS::EC2::Instance': 'instance',
  'AWS::EC2::LaunchTemplate': 'launch template',
  'AWS::AutoScaling::LaunchConfiguration': 'launch configuration',
  'AWS::EC2::SpotFleet': 'spot fleet',
  'AWS::EC2::NetworkInterfaceAttachment': 'network interface attachment',
};

/** Security groups of `AWS::EC2::NetworkInterface` resources (`GroupSet`), by logical id. */
export const readNetworkInterfaceGroups = (resources: JsonObject): Map<string, GroupSet> => {
  const groups = new Map<string, GroupSet>();
  for (const [id, resource] of Object.entries(resources)) {
    if (typeOf(resource) === 'AWS::EC2::NetworkInterface') {
      const props = asObject(isObject(resource) ? resource['Properties'] : undefined) ?? {};
      groups.set(id, groupsAt(props, 'GroupSet', ['Resources', id, 'Properties'], `network interface ${id}`, resources));
    }
  }
  return groups;
};

interface HostContext {
  readonly resources: JsonObject;
  readonly interfaces: ReadonlyMap<string, GroupSet>;
}

/** Groups of `NetworkInterfaces` entries: inline (`GroupSet` / `Groups`) or a template interface by `NetworkInterfaceId`. */
const interfaceGroups = (value: unknown, path: TemplatePath, owner: string, groupKey: string, context: HostContext): GroupSet =>
  joinGroups(
    asArray(value).map((entry, i) => {
      const obj = asObject(entry);
      const eniId = namedResource(obj?.['NetworkInterfaceId'], context.resources, 'AWS::EC2::NetworkInterface');
      const attached = eniId === undefined ? EMPTY_GROUPS : (context.interfaces.get(eniId) ?? EMPTY_GROUPS);
      return joinGroups([attached, groupsAt(obj, groupKey, [...path, i], owner, context.resources)]);
    }),
  );

/** `SecurityGroups` of a spot fleet launch specification is a list of `{ GroupId }` (AWS::EC2::SpotFleet GroupIdentifier). */
const spotFleetGroups = (props: JsonObject, id: string, context: HostContext): GroupSet => {
  const configPath: TemplatePath = ['Resources', id, 'Properties', 'SpotFleetRequestConfigData', 'LaunchSpecifications'];
  const specs = asArray(asObject(props['SpotFleetRequestConfigData'])?.['LaunchSpecifications']);
  const owner = `spot fleet ${id}`;
  return joinGroups(
    specs.map((raw, i) => {
      const spec = asObject(raw) ?? {};
      const path = [...configPath, i];
      const identifiers = asArray(spec['SecurityGroups']).flatMap((g, j) =>
        possibleValues(asObject(g)?.['GroupId'] ?? g).map((groupId) =>
          readGroupItem(groupId as Json, [...path, 'SecurityGroups', j, 'GroupId'], owner, context.resources),
        ),
      );
      return joinGroups([
        ...identifiers,
        interfaceGroups(spec['NetworkInterfaces'], [...path, 'NetworkInterfaces'], owner, 'Groups', context),
      ]);
    }),
  );
};

const hostGroups = (id: string, type: string, props: JsonObject, context: HostContext): GroupSet => {
  const owner = `${HOST_LABELS[type] ?? type} ${id}`;
  const base: TemplatePath = ['Resources', id, 'Properties'];
  switch (type) {
    case 'AWS::EC2::LaunchTemplate': {
      const data = asObject(props['LaunchTemplateData']) ?? {};
      const path = [...base, 'LaunchTemplateData'];
      return joinGroups([
        groupsAt(data, 'SecurityGroupIds', path, owner, context.resources),
        groupsAt(data, 'SecurityGroups', path, owner, context.resources),
        interfaceGroups(data['NetworkInterfaces'], [...path, 'NetworkInterfaces'], owner, 'Groups', context),
      ]);
    }
    case 'AWS::EC2::Instance':
      return joinGroups([
        groupsAt(props, 'SecurityGroupIds', base, owner, context.resources),
        groupsAt(props, 'SecurityGroups', base, owner, context.resources),
        interfaceGroups(props['NetworkInterfaces'], [...base, 'NetworkInterfaces'], owner, 'GroupSet', context),
      ]);
    case 'AWS::AutoScaling::LaunchConfiguration':
      return groupsAt(props, 'SecurityGroups', base, owner, context.resources);
    case 'AWS::EC2::SpotFleet':
      return spotFleetGroups(props, id, context);
    default: {
      const eniId = namedResource(props['NetworkInterfaceId'], context.resources, 'AWS::EC2::NetworkInterface');
      return eniId === undefined ? EMPTY_GROUPS : (context.interfaces.get(eniId) ?? EMPTY_GROUPS);
    }
  }
};

/** A resource that starts EC2 instances (or attaches an interface to one), with the groups the instances get. */
export const readHostAttachment = (
  id: string,
  type: string | undefined,
  props: JsonObject,
  context: HostContext,
): HostAttachmentView | undefined => {
  const label = type === undefined ? undefined : HOST_LABELS[type];
  if (label === undefined || type === undefined) {
    return undefined;
  }
  return { label: `${label} ${id}`, logicalId: id, groups: hostGroups(id, type, props, context) };
};

/**
 * The parts of a port mapping that cover `port`: the container port, the host port, and the ranges
 * (a dynamic host port range is bound to the container port range, so either covering it counts).
 */
export const mappedPortKeys = (mapping: PortMappingView, port: number): (typeof PORT_KEYS)[number][] => {
  const inRange = (range: PortRange | undefined): boolean => range !== undefined && range.from <= port && port <= range.to;
  const covers = {
    ContainerPort: mapping.containerPort === port,
    HostPort: mapping.hostPort === port,
    ContainerPortRange: inRange(mapping.containerPortRange),
    HostPortRange: inRange(mapping.hostPortRange),
  };
  return PORT_KEYS.filter((key) => covers[key]);
};
