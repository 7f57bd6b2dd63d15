/**
 * A typed, read-only view over a parsed template: the resources the FireLens rules reason about,
 * each carrying its path so findings point at the right place. Built once per lint in linear time;
 * every cross-resource relation is an index (a Map), so rules never need nested scans.
 *
 * Intrinsics are never evaluated: a value that is one reads as `undefined` ("unknown until deploy").
 * Numbers and booleans are read with `literalInteger` / `literalBoolean`, because hook payloads
 * stringify them.
 */
import { findOption, secretOptionNames, statementsForOutput } from '../fluentbit/outputs';
import {
  isIntrinsic,
  isObject,
  type Json,
  type JsonObject,
  literalBoolean,
  literalInteger,
  literalString,
  possibleValues,
  referencedResource,
  refTarget,
} from './intrinsics';
import type { TemplatePath } from './locator';

export interface DependsOnView {
  readonly containerName: string | undefined;
  /** `Condition` as written: a literal of any type (ECS refuses all but four strings), or an intrinsic. */
  readonly condition: Json | undefined;
  readonly path: TemplatePath;
}

export interface PortMappingView {
  readonly containerPort: number | undefined;
  readonly hostPort: number | undefined;
  readonly path: TemplatePath;
}

export interface ContainerView {
  /** Literal container name; undefined when it is an intrinsic or missing. */
  readonly name: string | undefined;
  readonly index: number;
  readonly path: TemplatePath;
  readonly image: string | undefined;
  /** Logical id an `Image: !Ref X` names (a parameter, often of SSM type); undefined otherwise. */
  readonly imageRef: string | undefined;
  /** True when `LogConfiguration` is present, even as an intrinsic (then `logDriver` is unknown). */
  readonly logConfigurationPresent: boolean;
  /** Literal `LogConfiguration.LogDriver`. */
  readonly logDriver: string | undefined;
  /** `LogConfiguration.Options` when it is a literal object. */
  readonly logOptions: JsonObject | undefined;
  readonly logOptionsPath: TemplatePath;
  readonly secretOptions: readonly SecretOptionView[];
  /**
   * Option names `LogConfiguration.SecretOptions` sets whatever its conditions (see `secretOptionNames`):
   * empty when there is none; undefined when the list cannot be read, so it may set any option.
   */
  readonly secretOptionNames: ReadonlySet<string> | undefined;
  /**
   * Task-role IAM actions the container's `awsfirelens` output needs, from the Fluent Bit catalogue
   * (`statementsForOutput`); empty when the container does not use awsfirelens, its options have no
   * literal `Name`, or the plugin is not in the catalogue.
   */
  readonly outputActions: readonly string[];
  readonly firelensConfiguration: JsonObject | undefined;
  /** `FirelensConfiguration.Options` when it is a literal object. */
  readonly firelensOptions: JsonObject | undefined;
  readonly isRouter: boolean;
  readonly usesFireLens: boolean;
  readonly dependsOn: readonly DependsOnView[];
  /** True when `DependsOn` is present (even as an intrinsic). */
  readonly hasDependsOn: boolean;
  /** True when `DependsOn` is present but not a literal list (an intrinsic): its entries are unknown. */
  readonly dependsOnUnknown: boolean;
  readonly portMappings: readonly PortMappingView[];
  /** Literal `Memory` (hard limit, MiB). */
  readonly memory: number | undefined;
  /** True when `Memory` is present, even as an intrinsic. */
  readonly memoryPresent: boolean;
  /** Literal `MemoryReservation` (soft limit, MiB). */
  readonly memoryReservation: number | undefined;
  /** True when `MemoryReservation` is present, even as an intrinsic. */
  readonly memoryReservationPresent: boolean;
  /** `Memory` and `MemoryReservation` as written (an `Fn::If` kept), for reasoning over every branch. */
  readonly memoryWritten: Json | undefined;
  readonly memoryReservationWritten: Json | undefined;
  /** Literal `StopTimeout` in seconds. */
  readonly stopTimeout: number | undefined;
  /** True when `StopTimeout` is present, even as an intrinsic (then `stopTimeout` is unknown). */
  readonly stopTimeoutPresent: boolean;
  /** ECS default is true; undefined only when the value is an intrinsic. */
  readonly essential: boolean | undefined;
  readonly environment: ReadonlyMap<string, string | undefined>;
}

export interface SecretOptionView {
  readonly name: string | undefined;
  readonly path: TemplatePath;
}

export interface TaskDefinitionView {
  readonly logicalId: string;
  readonly path: TemplatePath;
  /**
   * Literal network mode, lower case. When omitted: `awsvpc` for a Fargate task (Fargate requires awsvpc),
   * otherwise the EC2 default `bridge` (ECS task definition parameters, "Network mode": "If no network
   * mode is specified, the default is bridge. For Amazon ECS tasks on Fargate, the awsvpc network mode is
   * required."). Undefined when an intrinsic. `networkModeExplicit` says whether it was written.
   */
  readonly networkMode: string | undefined;
  readonly networkModeExplicit: boolean;
  /** Literal entries of `RequiresCompatibilities`, upper-cased (`fargate` is `FARGATE`). */
  readonly compatibilities: readonly string[];
  readonly isFargate: boolean;
  /** Literal `RuntimePlatform.OperatingSystemFamily`. */
  readonly operatingSystemFamily: string | undefined;
  /** Task memory in MiB ("512", "1GB", "1 GB"); undefined when absent or an intrinsic. */
  readonly memory: number | undefined;
  readonly memoryPresent: boolean;
  /** `Memory` as written (an `Fn::If` kept), for reasoning over every branch. */
  readonly memoryWritten: Json | undefined;
  readonly containers: readonly ContainerView[];
  readonly routers: readonly ContainerView[];
  /** Containers whose log driver is `awsfirelens`. */
  readonly fireLensContainers: readonly ContainerView[];
  readonly usesFireLens: boolean;
  /** Logical id of the task role / execution role when it is a role of this template. */
  readonly taskRoleId: string | undefined;
  readonly executionRoleId: string | undefined;
  /** True when `ExecutionRoleArn` is set at all: a literal ARN, a Ref, any intrinsic. */
  readonly executionRolePresent: boolean;
  /** True for task definitions that came from `externalTaskDefinitions`, not from the template. */
  readonly external: boolean;
}

export interface ServiceView {
  readonly logicalId: string;
  readonly path: TemplatePath;
  /** The task definition it runs: a template resource (Ref) or an external one (literal ARN). */
  readonly taskDefinition: TaskDefinitionView | undefined;
  readonly launchType: string | undefined;
  readonly usesFargateCapacityProvider: boolean;
  readonly platformVersion: string | undefined;
  readonly platformVersionPath: TemplatePath;
  /** Security groups of the awsvpc configuration: logical ids of template groups. */
  readonly securityGroupIds: readonly string[];
}

export interface IngressRuleView {
  readonly path: TemplatePath;
  /** Literal protocol, lower-cased ("tcp", "-1", "6", "all"). */
  readonly protocol: string | undefined;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  /** Human description of where traffic may come from. */
  readonly source: string;
}

export interface SecurityGroupView {
  readonly logicalId: string;
  readonly path: TemplatePath;
  /** Inline rules plus standalone `AWS::EC2::SecurityGroupIngress` resources that target this group. */
  readonly ingress: readonly IngressRuleView[];
}

export interface Ec2HostView {
  readonly logicalId: string;
  readonly type: 'AWS::EC2::LaunchTemplate' | 'AWS::EC2::Instance';
  readonly path: TemplatePath;
  /** Template security groups the instances get. */
  readonly securityGroupIds: readonly string[];
  /** The ImageId value, literal or not, and its path. */
  readonly imageId: Json | undefined;
  readonly imageIdPath: TemplatePath;
}

export interface PolicyStatementView {
  readonly effect: string | undefined;
  /** Literal actions; an intrinsic action list makes `unknownActions` true. */
  readonly actions: readonly string[];
  readonly unknownActions: boolean;
}

export interface RoleView {
  readonly logicalId: string;
  readonly path: TemplatePath;
  readonly statements: readonly PolicyStatementView[];
  /** Managed policies or intrinsic documents: what the role may do cannot be known. */
  readonly hasUnknownPolicies: boolean;
}

export interface ParameterView {
  readonly logicalId: string;
  readonly type: string | undefined;
  readonly default: Json | undefined;
}

export interface TemplateView {
  readonly parameters: ReadonlyMap<string, ParameterView>;
  readonly taskDefinitions: readonly TaskDefinitionView[];
  readonly taskDefinitionsById: ReadonlyMap<string, TaskDefinitionView>;
  readonly services: readonly ServiceView[];
  readonly securityGroups: readonly SecurityGroupView[];
  readonly securityGroupsById: ReadonlyMap<string, SecurityGroupView>;
  /** Security group logical id → the services that attach it. */
  readonly servicesBySecurityGroup: ReadonlyMap<string, readonly ServiceView[]>;
  readonly ec2Hosts: readonly Ec2HostView[];
  /** Security group logical id → the launch templates / instances that attach it. */
  readonly hostsBySecurityGroup: ReadonlyMap<string, readonly Ec2HostView[]>;
  readonly roles: ReadonlyMap<string, RoleView>;
}

export interface ViewOptions {
  readonly externalTaskDefinitions?: ReadonlyMap<string, JsonObject>;
}

const MEMORY_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(gb|mb|mib|gib)?\s*$/i;

/** "512" → 512, "1GB" / "1 GB" → 1024; numbers pass through; anything else (intrinsics) → undefined. */
export const parseMemory = (value: unknown): number | undefined => {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = MEMORY_PATTERN.exec(value);
  if (!match) {
    return undefined;
  }
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'mb').toLowerCase();
  return unit === 'gb' || unit === 'gib' ? Math.round(amount * 1024) : amount;
};

const asObject = (value: unknown): JsonObject | undefined => (isObject(value) && !isIntrinsic(value) ? value : undefined);

const asArray = (value: unknown): readonly Json[] => (Array.isArray(value) ? (value as Json[]) : []);

const typeOf = (resource: unknown): string | undefined => (isObject(resource) ? literalString(resource['Type']) : undefined);

const propertiesOf = (resource: unknown): JsonObject => (isObject(resource) ? asObject(resource['Properties']) : undefined) ?? {};

const readEnvironment = (value: unknown): Map<string, string | undefined> => {
  const env = new Map<string, string | undefined>();
  for (const entry of asArray(value)) {
    const obj = asObject(entry);
    const name = literalString(obj?.['Name']);
    if (name !== undefined) {
      env.set(name, literalString(obj?.['Value']));
    }
  }
  return env;
};

/** Task-role actions of an awsfirelens output with a literal `Name`; ARNs need the template's resources. */
const outputActionsOf = (options: JsonObject | undefined, resources: JsonObject): string[] => {
  if (options === undefined || literalString(findOption(options, 'Name')?.value) === undefined) {
    return [];
  }
  return [...new Set(statementsForOutput(options, { resources }).statements.flatMap((s) => s.Action))];
};

const readDependsOn = (value: unknown, path: TemplatePath): DependsOnView[] =>
  asArray(value).map((entry, i): DependsOnView => {
    const obj = asObject(entry);
    return { containerName: literalString(obj?.['ContainerName']), condition: obj?.['Condition'], path: [...path, 'DependsOn', i] };
  });

const readPortMappings = (value: unknown, path: TemplatePath): PortMappingView[] =>
  asArray(value).map((entry, i): PortMappingView => {
    const obj = asObject(entry);
    return {
      containerPort: literalInteger(obj?.['ContainerPort']),
      hostPort: literalInteger(obj?.['HostPort']),
      path: [...path, 'PortMappings', i],
    };
  });

const readSecretOptions = (value: unknown, path: TemplatePath): SecretOptionView[] =>
  asArray(value).map((entry, i): SecretOptionView => ({
    name: literalString(asObject(entry)?.['Name']),
    path: [...path, 'LogConfiguration', 'SecretOptions', i],
  }));

const readContainer = (raw: Json, index: number, basePath: TemplatePath, resources: JsonObject): ContainerView => {
  const path = [...basePath, index];
  const properties = asObject(raw) ?? {};
  const logConfiguration = asObject(properties['LogConfiguration']);
  const firelensConfiguration = asObject(properties['FirelensConfiguration']);
  const logDriver = literalString(logConfiguration?.['LogDriver']);
  const essentialRaw = properties['Essential'];
  const dependsOnRaw = properties['DependsOn'];
  const usesFireLens = logDriver === 'awsfirelens';
  const logOptions = asObject(logConfiguration?.['Options']);
  return {
    name: literalString(properties['Name']),
    index,
    path,
    image: literalString(properties['Image']),
    imageRef: refTarget(properties['Image']),
    logConfigurationPresent: properties['LogConfiguration'] !== undefined,
    logDriver,
    logOptions,
    logOptionsPath: [...path, 'LogConfiguration', 'Options'],
    secretOptions: readSecretOptions(logConfiguration?.['SecretOptions'], path),
    secretOptionNames: secretOptionNames(logConfiguration?.['SecretOptions']),
    outputActions: usesFireLens ? outputActionsOf(logOptions, resources) : [],
    firelensConfiguration,
    firelensOptions: asObject(firelensConfiguration?.['Options']),
    isRouter: Object.hasOwn(properties, 'FirelensConfiguration'),
    usesFireLens,
    dependsOn: readDependsOn(dependsOnRaw, path),
    hasDependsOn: Object.hasOwn(properties, 'DependsOn') && !isEmptyList(dependsOnRaw),
    dependsOnUnknown: dependsOnRaw !== undefined && !Array.isArray(dependsOnRaw),
    portMappings: readPortMappings(properties['PortMappings'], path),
    memory: literalInteger(properties['Memory']),
    memoryPresent: properties['Memory'] !== undefined,
    memoryReservation: literalInteger(properties['MemoryReservation']),
    memoryReservationPresent: properties['MemoryReservation'] !== undefined,
    memoryWritten: properties['Memory'],
    memoryReservationWritten: properties['MemoryReservation'],
    stopTimeout: literalInteger(properties['StopTimeout']),
    stopTimeoutPresent: properties['StopTimeout'] !== undefined,
    essential: essentialRaw === undefined ? true : literalBoolean(essentialRaw),
    environment: readEnvironment(properties['Environment']),
  };
};

const isEmptyList = (value: unknown): boolean => Array.isArray(value) && value.length === 0;

const roleId = (value: unknown, resources: JsonObject): string | undefined => {
  const id = referencedResource(value, resources);
  return id !== undefined && typeOf(resources[id]) === 'AWS::IAM::Role' ? id : undefined;
};

/** Builds a task-definition view from CloudFormation-shaped properties. */
export const readTaskDefinition = (
  logicalId: string,
  path: TemplatePath,
  properties: JsonObject,
  resources: JsonObject,
  external = false,
): TaskDefinitionView => {
  const compatibilities = asArray(properties['RequiresCompatibilities'])
    .map((c) => literalString(c)?.trim().toUpperCase())
    .filter((c): c is string => c !== undefined);
  const isFargate = compatibilities.includes('FARGATE');
  const networkModeRaw = properties['NetworkMode'];
  const networkModeExplicit = networkModeRaw !== undefined;
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode
  const networkMode = networkModeExplicit ? literalString(networkModeRaw)?.toLowerCase() : isFargate ? 'awsvpc' : 'bridge';
  const containersPath = [...path, 'Properties', 'ContainerDefinitions'];
  const containers = asArray(properties['ContainerDefinitions']).map((raw, i) => readContainer(raw, i, containersPath, resources));
  const fireLensContainers = containers.filter((c) => c.usesFireLens);
  const routers = containers.filter((c) => c.isRouter);
  return {
    logicalId,
    path,
    networkMode,
    networkModeExplicit,
    compatibilities,
    isFargate,
    operatingSystemFamily: literalString(asObject(properties['RuntimePlatform'])?.['OperatingSystemFamily']),
    memory: parseMemory(properties['Memory']),
    memoryPresent: properties['Memory'] !== undefined,
    memoryWritten: properties['Memory'],
    containers,
    routers,
    fireLensContainers,
    usesFireLens: routers.length > 0 || fireLensContainers.length > 0,
    taskRoleId: roleId(properties['TaskRoleArn'], resources),
    executionRoleId: roleId(properties['ExecutionRoleArn'], resources),
    executionRolePresent: properties['ExecutionRoleArn'] !== undefined,
    external,
  };
};

/** Logical ids of template resources among a list of Refs / GetAtts (each Fn::If branch counted). */
const referencedIds = (value: unknown, resources: JsonObject): string[] => {
  const ids: string[] = [];
  for (const list of possibleValues(value)) {
    for (const item of asArray(list)) {
      for (const candidate of possibleValues(item)) {
        const id = referencedResource(candidate, resources);
        if (id !== undefined) {
          ids.push(id);
        }
      }
    }
  }
  return ids;
};

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

const readIngress = (rule: JsonObject, path: TemplatePath): IngressRuleView => ({
  path,
  protocol: (
    literalString(rule['IpProtocol']) ?? (typeof rule['IpProtocol'] === 'number' ? String(rule['IpProtocol']) : undefined)
  )?.toLowerCase(),
  fromPort: literalInteger(rule['FromPort']),
  toPort: literalInteger(rule['ToPort']),
  source: sourceOf(rule),
});

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
};

const readStatements = (document: unknown): { statements: PolicyStatementView[]; unknown: boolean } => {
  const doc = asObject(document);
  if (!doc) {
    return { statements: [], unknown: true };
  }
  const rawStatements = possibleValues(doc['Statement']).flatMap((s) => (Array.isArray(s) ? (s as Json[]) : [s]));
  let unknown = rawStatements.length === 0 && doc['Statement'] !== undefined;
  const statements = rawStatements.map((raw): PolicyStatementView => {
    const st = asObject(raw);
    if (!st) {
      unknown = true;
      return { effect: undefined, actions: [], unknownActions: true };
    }
    const actionsRaw = st['Action'];
    const list = Array.isArray(actionsRaw) ? actionsRaw : [actionsRaw];
    const actions = list.map((a) => literalString(a)).filter((a): a is string => a !== undefined);
    return {
      effect: literalString(st['Effect']),
      actions,
      unknownActions: actions.length !== list.length || st['NotAction'] !== undefined,
    };
  });
  return { statements, unknown };
};

interface MutableRole {
  logicalId: string;
  path: TemplatePath;
  statements: PolicyStatementView[];
  hasUnknownPolicies: boolean;
}

const readRoles = (resources: JsonObject): Map<string, RoleView> => {
  const roles = new Map<string, MutableRole>();
  for (const [id, resource] of Object.entries(resources)) {
    if (typeOf(resource) !== 'AWS::IAM::Role') {
      continue;
    }
    const props = propertiesOf(resource);
    const role: MutableRole = { logicalId: id, path: ['Resources', id], statements: [], hasUnknownPolicies: false };
    role.hasUnknownPolicies = props['ManagedPolicyArns'] !== undefined && !isEmptyList(props['ManagedPolicyArns']);
    if (props['Policies'] !== undefined && !Array.isArray(props['Policies'])) {
      role.hasUnknownPolicies = true;
    }
    for (const policy of asArray(props['Policies'])) {
      const read = readStatements(asObject(policy)?.['PolicyDocument']);
      role.statements.push(...read.statements);
      role.hasUnknownPolicies ||= read.unknown;
    }
    roles.set(id, role);
  }
  for (const resource of Object.values(resources)) {
    const type = typeOf(resource);
    if (type !== 'AWS::IAM::Policy' && type !== 'AWS::IAM::ManagedPolicy' && type !== 'AWS::IAM::RolePolicy') {
      continue;
    }
    const props = propertiesOf(resource);
    const targets = type === 'AWS::IAM::RolePolicy' ? [props['RoleName']] : asArray(props['Roles']);
    const read = readStatements(props['PolicyDocument']);
    for (const target of targets) {
      for (const candidate of possibleValues(target)) {
        const role = roles.get(referencedResource(candidate, resources) ?? '');
        if (role) {
          role.statements.push(...read.statements);
          role.hasUnknownPolicies ||= read.unknown;
        }
      }
    }
  }
  return roles;
};

const readEc2Host = (id: string, type: Ec2HostView['type'], props: JsonObject, resources: JsonObject): Ec2HostView => {
  const isTemplate = type === 'AWS::EC2::LaunchTemplate';
  const data = isTemplate ? (asObject(props['LaunchTemplateData']) ?? {}) : props;
  const base: TemplatePath = isTemplate ? ['Resources', id, 'Properties', 'LaunchTemplateData'] : ['Resources', id, 'Properties'];
  const groupKey = isTemplate ? 'Groups' : 'GroupSet';
  const securityGroupIds = [
    ...referencedIds(data['SecurityGroupIds'], resources),
    ...referencedIds(data['SecurityGroups'], resources),
    ...asArray(data['NetworkInterfaces']).flatMap((ni) => referencedIds(asObject(ni)?.[groupKey], resources)),
  ];
  return {
    logicalId: id,
    type,
    path: ['Resources', id],
    securityGroupIds,
    imageId: data['ImageId'],
    imageIdPath: [...base, 'ImageId'],
  };
};

const readService = (
  id: string,
  props: JsonObject,
  resources: JsonObject,
  taskDefinitionsById: ReadonlyMap<string, TaskDefinitionView>,
  options: ViewOptions,
): ServiceView => {
  const path: TemplatePath = ['Resources', id];
  const taskRaw = props['TaskDefinition'];
  const taskRef = referencedResource(taskRaw, resources);
  let taskDefinition = taskRef === undefined ? undefined : taskDefinitionsById.get(taskRef);
  const literalTask = literalString(taskRaw);
  const external = literalTask === undefined ? undefined : options.externalTaskDefinitions?.get(literalTask);
  if (taskDefinition === undefined && external !== undefined) {
    taskDefinition = readTaskDefinition(literalTask ?? id, [...path, 'Properties', 'TaskDefinition'], external, resources, true);
  }
  const awsvpc = asObject(asObject(asObject(props['NetworkConfiguration'])?.['AwsvpcConfiguration']));
  const strategy = asArray(props['CapacityProviderStrategy']);
  return {
    logicalId: id,
    path,
    taskDefinition,
    launchType: literalString(props['LaunchType'])?.trim().toUpperCase(),
    usesFargateCapacityProvider: strategy.some((s) => /^FARGATE(_SPOT)?$/.test(literalString(asObject(s)?.['CapacityProvider']) ?? '')),
    platformVersion: literalString(props['PlatformVersion']),
    platformVersionPath: [...path, 'Properties', 'PlatformVersion'],
    securityGroupIds: referencedIds(awsvpc?.['SecurityGroups'], resources),
  };
};

interface ResourcesByKind {
  readonly taskDefinitions: TaskDefinitionView[];
  readonly taskDefinitionsById: Map<string, TaskDefinitionView>;
  readonly securityGroups: { logicalId: string; path: TemplatePath; ingress: IngressRuleView[] }[];
  /** Standalone ingress by the logical id of its group, or by a key of its own when the group is imported. */
  readonly standaloneIngress: Map<string, IngressRuleView[]>;
  readonly ec2Hosts: Ec2HostView[];
  readonly serviceEntries: [string, JsonObject][];
}

const STANDALONE = '\u0000standalone:';

const readParameters = (template: JsonObject): Map<string, ParameterView> => {
  const parameters = new Map<string, ParameterView>();
  for (const [id, raw] of Object.entries(asObject(template['Parameters']) ?? {})) {
    const param = asObject(raw);
    parameters.set(id, { logicalId: id, type: literalString(param?.['Type']), default: param?.['Default'] });
  }
  return parameters;
};

/** One pass over Resources: each resource the rules reason about, read into its kind's list. */
const readResources = (resources: JsonObject): ResourcesByKind => {
  const out: ResourcesByKind = {
    taskDefinitions: [],
    taskDefinitionsById: new Map(),
    securityGroups: [],
    standaloneIngress: new Map(),
    ec2Hosts: [],
    serviceEntries: [],
  };
  for (const [id, resource] of Object.entries(resources)) {
    readResource(out, id, resource, resources);
  }
  return out;
};

const readResource = (out: ResourcesByKind, id: string, resource: Json | undefined, resources: JsonObject): void => {
  const type = typeOf(resource);
  const props = propertiesOf(resource);
  const path: TemplatePath = ['Resources', id];
  switch (type) {
    case 'AWS::ECS::TaskDefinition': {
      const task = readTaskDefinition(id, path, props, resources);
      out.taskDefinitions.push(task);
      out.taskDefinitionsById.set(id, task);
      break;
    }
    case 'AWS::ECS::Service':
      out.serviceEntries.push([id, props]);
      break;
    case 'AWS::EC2::SecurityGroup': {
      const ingress = asArray(props['SecurityGroupIngress']).flatMap((rule, i) => {
        const obj = asObject(rule);
        return obj ? [readIngress(obj, [...path, 'Properties', 'SecurityGroupIngress', i])] : [];
      });
      out.securityGroups.push({ logicalId: id, path, ingress });
      break;
    }
    case 'AWS::EC2::SecurityGroupIngress': {
      const rule = readIngress(props, [...path, 'Properties']);
      const group = referencedResource(props['GroupId'], resources) ?? referencedResource(props['GroupName'], resources);
      pushTo(out.standaloneIngress, group ?? `${STANDALONE}${id}`, rule);
      break;
    }
    case 'AWS::EC2::LaunchTemplate':
    case 'AWS::EC2::Instance':
      out.ec2Hosts.push(readEc2Host(id, type, props, resources));
      break;
    case undefined:
    default:
      break;
  }
};

/** Standalone ingress joins its group; ingress whose group is not in the template (imported) is a group of its own. */
const groupsWithIngress = (read: ResourcesByKind): SecurityGroupView[] => {
  const groups = [...read.securityGroups];
  const remaining = new Map(read.standaloneIngress);
  for (const group of groups) {
    group.ingress.push(...(remaining.get(group.logicalId) ?? []));
    remaining.delete(group.logicalId);
  }
  for (const [key, ingress] of remaining) {
    const first = ingress[0];
    if (first && key.startsWith(STANDALONE)) {
      groups.push({ logicalId: String(first.path[1]), path: first.path.slice(0, 2), ingress });
    }
  }
  return groups;
};

/** Security group logical id → the items that attach it (each item once per group). */
const bySecurityGroup = <T extends { readonly securityGroupIds: readonly string[] }>(items: readonly T[]): Map<string, T[]> => {
  const index = new Map<string, T[]>();
  for (const item of items) {
    for (const group of new Set(item.securityGroupIds)) {
      pushTo(index, group, item);
    }
  }
  return index;
};

/** Builds the view. Linear in the number of resources; never throws on odd shapes. */
export const buildTemplateView = (template: JsonObject, options: ViewOptions = {}): TemplateView => {
  const resources = asObject(template['Resources']) ?? {};
  const read = readResources(resources);
  const securityGroups = groupsWithIngress(read);
  const services = read.serviceEntries.map(([id, props]) => readService(id, props, resources, read.taskDefinitionsById, options));
  return {
    parameters: readParameters(template),
    taskDefinitions: read.taskDefinitions,
    taskDefinitionsById: read.taskDefinitionsById,
    services,
    securityGroups,
    // Only the template's own groups: an imported group seen through its standalone ingress has no resource to attach.
    securityGroupsById: new Map(read.securityGroups.map((group) => [group.logicalId, group])),
    servicesBySecurityGroup: bySecurityGroup(services),
    ec2Hosts: read.ec2Hosts,
    hostsBySecurityGroup: bySecurityGroup(read.ec2Hosts),
    roles: readRoles(resources),
  };
};
