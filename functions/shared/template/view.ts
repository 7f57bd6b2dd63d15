/**
 * A typed, read-only view over a parsed template: the resources the FireLens rules reason about,
 * each carrying its path so findings point at the right place. Built once per lint in linear time;
 * every cross-resource relation is an index (a Map), so rules never need nested scans.
 *
 * Intrinsics are never evaluated: a value that is one reads as `undefined` ("unknown until deploy").
 * Numbers and booleans are read with `literalInteger` / `literalBoolean`, because hook payloads
 * stringify them.
 */
import type { PolicyStatement } from '../fluentbit/iam';
import { findOption, secretEntries, secretOptionNames, secretStatements, statementsForOutput } from '../fluentbit/outputs';
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
import {
  type HostAttachmentView,
  type IngressRuleView,
  type PortMappingView,
  readFamilies,
  readHostAttachment,
  readIngress,
  readInlineIngress,
  readNetworkInterfaceGroups,
  readPortMappings,
  readTaskAttachments,
  type SecurityGroupView,
  type TaskAttachmentRead,
  templateSecurityGroup,
} from './view-network';

export type { HostAttachmentView, IngressRuleView, PortMappingView, SecurityGroupView } from './view-network';
import { managedPolicyStatements } from './managed-policies';
import { type PseudoParameters, type TaskDefinitionReference, taskDefinitionReferences } from './task-definition-reference';

export interface DependsOnView {
  readonly containerName: string | undefined;
  /** `Condition` as written: a literal of any type (ECS refuses all but four strings), or an intrinsic. */
  readonly condition: Json | undefined;
  readonly path: TemplatePath;
}

export interface ContainerView {
  /** Literal container name; undefined when it is an intrinsic or missing. */
  readonly name: string | undefined;
  /** An intrinsic `Name` as written (`!Ref WorkloadName`), so messages can still name the container. */
  readonly nameSource: string | undefined;
  readonly index: number;
  readonly path: TemplatePath;
  readonly image: string | undefined;
  /** Logical id an `Image: !Ref X` names (a parameter, often of SSM type); undefined otherwise. */
  readonly imageRef: string | undefined;
  /** `Image` as written, intrinsics included (`!Sub '${Repo}:latest'`, `!If`, `!Join`), for rules that reason over it. */
  readonly imageValue: Json | undefined;
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
  /** The task-role statements (actions on the output's resources) behind `outputActions`. */
  readonly outputStatements: readonly PolicyStatement[];
  /**
   * Execution-role statements ECS needs to start the container: reading each `Secrets` and
   * `LogConfiguration.SecretOptions` entry (every Fn::If branch), and kms:Decrypt on the customer key of a
   * template secret that names one. Empty without secrets.
   */
  readonly secretReads: readonly PolicyStatement[];
  /** What hides secrets from `secretReads` (`Secrets: !Ref List`); undefined when every list is literal. */
  readonly secretsUnreadable: string | undefined;
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
  /** `TaskRoleArn` / `ExecutionRoleArn` as written (a literal ARN, `!Ref Parameter`, …); undefined when absent. */
  readonly taskRoleValue: Json | undefined;
  readonly executionRoleValue: Json | undefined;
  /** True when `ExecutionRoleArn` is set at all: a literal ARN, a Ref, any intrinsic. */
  readonly executionRolePresent: boolean;
  /** True for task definitions that came from `externalTaskDefinitions`, not from the template. */
  readonly external: boolean;
  /**
   * Where `Fn::Transform` (AWS::Include) adds container definitions known only at deploy: the whole list,
   * an entry, or keys inside a container. Empty when every container is written out.
   */
  readonly includedContainerPaths: readonly TemplatePath[];
  /** Where the macro's short `FireLens` property is written: on the task and on containers. Empty once expanded. */
  readonly fireLensPropertyPaths: readonly TemplatePath[];
}

/** A `Fn::ForEach::<name>` entry of Resources (AWS::LanguageExtensions) that makes task definitions at deploy. */
export interface ForEachTaskDefinitionsView {
  readonly key: string;
  readonly path: TemplatePath;
  /** The logical id template of the task definitions it makes (`${Service}Task`). */
  readonly logicalIds: readonly string[];
}

export interface ServiceView {
  readonly logicalId: string;
  readonly path: TemplatePath;
  /** The task definition it runs: a template resource (Ref) or an external one (literal ARN). */
  readonly taskDefinition: TaskDefinitionView | undefined;
  /** What its `TaskDefinition` value points at, one per Fn::If branch (FL0003 names what was not checked). */
  readonly taskDefinitionReferences: readonly TaskDefinitionReference[];
  readonly launchType: string | undefined;
  readonly usesFargateCapacityProvider: boolean;
  readonly platformVersion: string | undefined;
  readonly platformVersionPath: TemplatePath;
  /** Security groups of the awsvpc configuration: logical ids of template groups. */
  readonly securityGroupIds: readonly string[];
}

/** A service, task set, EventBridge rule target or schedule: a task definition run on security groups. */
export interface TaskAttachmentView extends TaskAttachmentRead {
  /** The task it runs: a template task definition, or an external one that was looked up; undefined when unknown. */
  readonly taskDefinition: TaskDefinitionView | undefined;
  /** Logical ids of the template security groups it attaches (`groups.ids`). */
  readonly securityGroupIds: readonly string[];
}

export interface Ec2HostView {
  readonly logicalId: string;
  readonly type: 'AWS::EC2::LaunchTemplate' | 'AWS::EC2::Instance';
  readonly path: TemplatePath;
  /** The ImageId value, literal or not, and its path. */
  readonly imageId: Json | undefined;
  readonly imageIdPath: TemplatePath;
}

export interface PolicyStatementView {
  readonly effect: string | undefined;
  /** Literal actions; an intrinsic action list makes `unknownActions` true. */
  readonly actions: readonly string[];
  readonly unknownActions: boolean;
  /** `Sid` when literal (the macro marks statements it built from wildcards the user accepted). */
  readonly sid: string | undefined;
  /** `Resource` entries as written (literal ARNs, `!Sub`, `!GetAtt`); `unknownResources` when NotResource or not a list. */
  readonly resources: readonly Json[];
  readonly unknownResources: boolean;
  /** A `Condition` limits the statement: what it grants cannot be taken as granted. */
  readonly conditional: boolean;
  /** Where the statement is: its list entry, or the Statement key when the list is an intrinsic. */
  readonly path: TemplatePath;
}

export interface RoleView {
  readonly logicalId: string;
  readonly path: TemplatePath;
  readonly statements: readonly PolicyStatementView[];
  /** Managed policies or intrinsic documents: what the role may do cannot be known. */
  readonly hasUnknownPolicies: boolean;
  /** Each such policy, described for messages (`managed policy arn:aws:iam::aws:policy/X`). */
  readonly unknownPolicies: readonly string[];
}

export interface ParameterView {
  readonly logicalId: string;
  readonly type: string | undefined;
  readonly default: Json | undefined;
  /** `AllowedValues` when it is a literal list: every value the parameter can take. */
  readonly allowedValues: readonly Json[] | undefined;
  /** `NoEcho: true`: the value is a secret CloudFormation masks. */
  readonly noEcho: boolean;
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
  /** Every resource that runs a task on security groups: services, task sets, EventBridge targets, schedules. */
  readonly taskAttachments: readonly TaskAttachmentView[];
  /** Security group logical id → the task attachments that attach it. */
  readonly taskAttachmentsBySecurityGroup: ReadonlyMap<string, readonly TaskAttachmentView[]>;
  /** Resources that start EC2 instances (or attach an interface to one), with the groups the instances get. */
  readonly hostAttachments: readonly HostAttachmentView[];
  /** Security group logical id → the host attachments whose instances get it. */
  readonly hostsBySecurityGroup: ReadonlyMap<string, readonly HostAttachmentView[]>;
  readonly roles: ReadonlyMap<string, RoleView>;
  /** Task definitions made by `Fn::ForEach` at deploy; the rules cannot see their content. */
  readonly forEachTaskDefinitions: readonly ForEachTaskDefinitionsView[];
  /** The template's `Transform` names (one or a list), literal ones only. */
  readonly transforms: readonly string[];
}

export interface ViewOptions {
  readonly externalTaskDefinitions?: ReadonlyMap<string, JsonObject>;
  /** Region, account and partition of the deploy (the hook's request), for `Fn::Sub` task definition ARNs. */
  readonly pseudoParameters?: PseudoParameters;
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

/** Task-role statements of an awsfirelens output with a literal `Name`; ARNs need the template's resources. */
const outputStatementsOf = (options: JsonObject | undefined, resources: JsonObject): PolicyStatement[] => {
  if (options === undefined || literalString(findOption(options, 'Name')?.value) === undefined) {
    return [];
  }
  return statementsForOutput(options, { resources }).statements;
};

/** The customer KMS key of a template secret a `ValueFrom` refers to (`KmsKeyId`), if it names one. */
const secretKmsKey = (entry: Json, resources: JsonObject): Json | undefined => {
  const valueFrom = asObject(entry)?.['ValueFrom'];
  const id = referencedResource(valueFrom, resources);
  const resource = id === undefined ? undefined : resources[id];
  return typeOf(resource) === 'AWS::SecretsManager::Secret' ? propertiesOf(resource)['KmsKeyId'] : undefined;
};

/** What the execution role must allow to fetch the secrets of these lists (entry by entry, for each entry's key). */
const secretReadsOf = (
  lists: readonly Json[],
  resources: JsonObject,
): { statements: PolicyStatement[]; unreadable: string | undefined } => {
  const statements: PolicyStatement[] = [];
  let unreadable: string | undefined;
  for (const list of lists) {
    const read = secretEntries(list);
    unreadable ??= read.unreadable;
    for (const entry of read.entries) {
      statements.push(...secretStatements([entry], { resources, kmsKeyArn: secretKmsKey(entry, resources) }));
    }
  }
  return { statements, unreadable };
};

/** An intrinsic container name, as a message can show it. */
const nameSourceOf = (name: Json | undefined): string | undefined => {
  const ref = refTarget(name);
  if (ref !== undefined) {
    return `!Ref ${ref}`;
  }
  const sub = asObject(name)?.['Fn::Sub'];
  return typeof sub === 'string' ? `!Sub '${sub}'` : undefined;
};

const readDependsOn = (value: unknown, path: TemplatePath): DependsOnView[] =>
  asArray(value).map((entry, i): DependsOnView => {
    const obj = asObject(entry);
    return { containerName: literalString(obj?.['ContainerName']), condition: obj?.['Condition'], path: [...path, 'DependsOn', i] };
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
  const outputStatements = usesFireLens ? outputStatementsOf(logOptions, resources) : [];
  const secretLists = [properties['Secrets'], logConfiguration?.['SecretOptions']].filter((l): l is Json => l !== undefined);
  const secretReads = secretReadsOf(secretLists, resources);
  return {
    name: literalString(properties['Name']),
    nameSource: nameSourceOf(properties['Name']),
    index,
    path,
    image: literalString(properties['Image']),
    imageRef: refTarget(properties['Image']),
    imageValue: properties['Image'],
    logConfigurationPresent: properties['LogConfiguration'] !== undefined,
    logDriver,
    logOptions,
    logOptionsPath: [...path, 'LogConfiguration', 'Options'],
    secretOptions: readSecretOptions(logConfiguration?.['SecretOptions'], path),
    secretOptionNames: secretOptionNames(logConfiguration?.['SecretOptions']),
    outputActions: [...new Set(outputStatements.flatMap((s) => s.Action))],
    outputStatements,
    secretReads: secretReads.statements,
    secretsUnreadable: secretReads.unreadable,
    firelensConfiguration,
    firelensOptions: asObject(firelensConfiguration?.['Options']),
    isRouter: Object.hasOwn(properties, 'FirelensConfiguration'),
    usesFireLens,
    dependsOn: readDependsOn(dependsOnRaw, path),
    hasDependsOn: Object.hasOwn(properties, 'DependsOn') && !isEmptyList(dependsOnRaw),
    dependsOnUnknown: dependsOnRaw !== undefined && !Array.isArray(dependsOnRaw),
    portMappings: readPortMappings(
      properties['PortMappings'],
      path,
      `container ${literalString(properties['Name']) ?? `#${String(index)}`}`,
    ),
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
  const containers = asArray(properties['ContainerDefinitions']).flatMap((raw, i) =>
    isInclude(raw) ? [] : [readContainer(raw, i, containersPath, resources)],
  );
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
    taskRoleValue: properties['TaskRoleArn'],
    executionRoleValue: properties['ExecutionRoleArn'],
    executionRolePresent: properties['ExecutionRoleArn'] !== undefined,
    external,
    includedContainerPaths: includedPaths(properties['ContainerDefinitions'], containersPath),
    fireLensPropertyPaths: [
      ...(Object.hasOwn(properties, FIRELENS_PROPERTY) ? [[...path, 'Properties', FIRELENS_PROPERTY]] : []),
      ...asArray(properties['ContainerDefinitions']).flatMap((entry, i) =>
        isObject(entry) && Object.hasOwn(entry, FIRELENS_PROPERTY) ? [[...containersPath, i, FIRELENS_PROPERTY]] : [],
      ),
    ],
  };
};

/** The macro's property; CloudFormation itself knows no such property of a task definition. */
const FIRELENS_PROPERTY = 'FireLens';

const TRANSFORM = 'Fn::Transform';

/** `{ "Fn::Transform": { "Name": "AWS::Include", … } }`: content CloudFormation inserts at deploy. */
const isInclude = (value: unknown): boolean => isObject(value) && Object.keys(value).length === 1 && Object.hasOwn(value, TRANSFORM);

/** Where AWS::Include adds to a ContainerDefinitions list: the list itself, an entry, or keys of an entry. */
const includedPaths = (value: unknown, path: TemplatePath): TemplatePath[] => {
  if (isObject(value) && Object.hasOwn(value, TRANSFORM)) {
    return [path];
  }
  return asArray(value).flatMap((entry, i): TemplatePath[] =>
    isObject(entry) && Object.hasOwn(entry, TRANSFORM) ? [isInclude(entry) ? [...path, i] : [...path, i, TRANSFORM]] : [],
  );
};

const FOR_EACH = /^Fn::ForEach::/;

/** Logical id templates of the task definitions a ForEach fragment makes, nested loops included. */
const forEachTaskIds = (value: unknown): string[] => {
  const fragment = asObject(Array.isArray(value) ? value[2] : undefined) ?? {};
  return Object.entries(fragment).flatMap(([key, inner]) =>
    FOR_EACH.test(key) ? forEachTaskIds(inner) : typeOf(inner) === 'AWS::ECS::TaskDefinition' ? [key] : [],
  );
};

const readForEach = (resources: JsonObject): ForEachTaskDefinitionsView[] =>
  Object.entries(resources).flatMap(([key, value]) => {
    const logicalIds = FOR_EACH.test(key) ? forEachTaskIds(value) : [];
    return logicalIds.length === 0 ? [] : [{ key, path: ['Resources', key], logicalIds }];
  });

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
};

const readStatements = (document: unknown, documentPath: TemplatePath): { statements: PolicyStatementView[]; unknown: boolean } => {
  const doc = asObject(document);
  if (!doc) {
    return { statements: [], unknown: true };
  }
  const rawStatements = possibleValues(doc['Statement']).flatMap((s) => (Array.isArray(s) ? (s as Json[]) : [s]));
  let unknown = rawStatements.length === 0 && doc['Statement'] !== undefined;
  const listed = Array.isArray(doc['Statement']);
  const statements = rawStatements.map((raw, index): PolicyStatementView => {
    const path: TemplatePath = [...documentPath, 'Statement', ...(listed ? [index] : [])];
    const st = asObject(raw);
    if (!st) {
      unknown = true;
      return {
        effect: undefined,
        actions: [],
        unknownActions: true,
        sid: undefined,
        resources: [],
        unknownResources: true,
        conditional: false,
        path,
      };
    }
    const actionsRaw = st['Action'];
    const list = Array.isArray(actionsRaw) ? actionsRaw : [actionsRaw];
    const actions = list.map((a) => literalString(a)).filter((a): a is string => a !== undefined);
    const resourceRaw = st['Resource'];
    return {
      effect: literalString(st['Effect']),
      actions,
      unknownActions: actions.length !== list.length || st['NotAction'] !== undefined,
      sid: literalString(st['Sid']),
      resources: Array.isArray(resourceRaw) ? resourceRaw : resourceRaw === undefined ? [] : [resourceRaw],
      unknownResources: resourceRaw === undefined || st['NotResource'] !== undefined,
      conditional: st['Condition'] !== undefined,
      path,
    };
  });
  return { statements, unknown };
};

interface MutableRole {
  logicalId: string;
  path: TemplatePath;
  statements: PolicyStatementView[];
  hasUnknownPolicies: boolean;
  unknownPolicies: string[];
}

const describePolicy = (value: Json): string => {
  const text = literalString(value) ?? literalString(asObject(value)?.['Fn::Sub']);
  return text === undefined ? 'a managed policy known only at deploy' : `managed policy ${text}`;
};

/** Known AWS managed policies join the role's statements; any other makes its permissions unknown. */
const addManagedPolicies = (role: MutableRole, value: Json | undefined): void => {
  if (value === undefined) {
    return;
  }
  if (!Array.isArray(value)) {
    role.unknownPolicies.push('ManagedPolicyArns known only at deploy');
    return;
  }
  for (const [index, arn] of value.entries()) {
    const known = managedPolicyStatements(arn);
    if (known === undefined) {
      role.unknownPolicies.push(describePolicy(arn));
      continue;
    }
    for (const statement of known) {
      role.statements.push({
        effect: 'Allow',
        actions: statement.actions,
        unknownActions: false,
        sid: undefined,
        resources: statement.resources,
        unknownResources: false,
        conditional: false,
        path: [...role.path, 'Properties', 'ManagedPolicyArns', index],
      });
    }
  }
};

const readRoles = (resources: JsonObject): Map<string, RoleView> => {
  const roles = new Map<string, MutableRole>();
  for (const [id, resource] of Object.entries(resources)) {
    if (typeOf(resource) !== 'AWS::IAM::Role') {
      continue;
    }
    const props = propertiesOf(resource);
    const role: MutableRole = { logicalId: id, path: ['Resources', id], statements: [], hasUnknownPolicies: false, unknownPolicies: [] };
    addManagedPolicies(role, props['ManagedPolicyArns']);
    if (props['Policies'] !== undefined && !Array.isArray(props['Policies'])) {
      role.unknownPolicies.push('Policies known only at deploy');
    }
    for (const [index, policy] of asArray(props['Policies']).entries()) {
      const read = readStatements(asObject(policy)?.['PolicyDocument'], [
        'Resources',
        id,
        'Properties',
        'Policies',
        index,
        'PolicyDocument',
      ]);
      role.statements.push(...read.statements);
      if (read.unknown) {
        role.unknownPolicies.push(`policy ${literalString(asObject(policy)?.['PolicyName']) ?? '(unnamed)'} known only at deploy`);
      }
    }
    roles.set(id, role);
  }
  for (const [policyId, resource] of Object.entries(resources)) {
    const type = typeOf(resource);
    if (type !== 'AWS::IAM::Policy' && type !== 'AWS::IAM::ManagedPolicy' && type !== 'AWS::IAM::RolePolicy') {
      continue;
    }
    const props = propertiesOf(resource);
    const targets = type === 'AWS::IAM::RolePolicy' ? [props['RoleName']] : asArray(props['Roles']);
    const read = readStatements(props['PolicyDocument'], ['Resources', policyId, 'Properties', 'PolicyDocument']);
    for (const target of targets) {
      for (const candidate of possibleValues(target)) {
        const role = roles.get(referencedResource(candidate, resources) ?? '');
        if (role) {
          role.statements.push(...read.statements);
          if (read.unknown) {
            role.unknownPolicies.push(`the document of ${policyId} known only at deploy`);
          }
        }
      }
    }
  }
  for (const role of roles.values()) {
    role.hasUnknownPolicies = role.unknownPolicies.length > 0;
  }
  return roles;
};

const readEc2Host = (id: string, type: Ec2HostView['type'], props: JsonObject): Ec2HostView => {
  const isTemplate = type === 'AWS::EC2::LaunchTemplate';
  const data = isTemplate ? (asObject(props['LaunchTemplateData']) ?? {}) : props;
  const base: TemplatePath = isTemplate ? ['Resources', id, 'Properties', 'LaunchTemplateData'] : ['Resources', id, 'Properties'];
  return {
    logicalId: id,
    type,
    path: ['Resources', id],
    imageId: data['ImageId'],
    imageIdPath: [...base, 'ImageId'],
  };
};

/** The task definition view an attachment runs: a template task, or an external one looked up by its literal ARN. */
const taskFor = (
  read: TaskAttachmentRead,
  resources: JsonObject,
  taskDefinitionsById: ReadonlyMap<string, TaskDefinitionView>,
  options: ViewOptions,
): TaskDefinitionView | undefined => {
  if (read.task.kind === 'template') {
    return taskDefinitionsById.get(read.task.logicalId);
  }
  const arn = read.task.kind === 'literal' ? read.task.arn : singleExternalReference(read.taskValue, resources, options);
  const external = arn === undefined ? undefined : options.externalTaskDefinitions?.get(arn);
  return arn !== undefined && external !== undefined ? readTaskDefinition(arn, read.taskPath, external, resources, true) : undefined;
};

/** An `Fn::Sub`/`Fn::Join` ARN over the pseudo parameters the hook knows (one value, not an `Fn::If`), as the hook looked it up. */
const singleExternalReference = (value: unknown, resources: JsonObject, options: ViewOptions): string | undefined => {
  if (value === undefined || (isIntrinsic(value) && 'Fn::If' in value)) {
    return undefined;
  }
  const [only] = taskDefinitionReferences(value, resources, options.pseudoParameters);
  return only?.kind === 'external' ? only.reference : undefined;
};

const readService = (
  id: string,
  props: JsonObject,
  attachment: TaskAttachmentView,
  references: readonly TaskDefinitionReference[],
): ServiceView => {
  const path: TemplatePath = ['Resources', id];
  const strategy = asArray(props['CapacityProviderStrategy']);
  return {
    logicalId: id,
    path,
    taskDefinition: attachment.taskDefinition,
    taskDefinitionReferences: references,
    launchType: literalString(props['LaunchType'])?.trim().toUpperCase(),
    usesFargateCapacityProvider: strategy.some((s) => /^FARGATE(_SPOT)?$/.test(literalString(asObject(s)?.['CapacityProvider']) ?? '')),
    platformVersion: literalString(props['PlatformVersion']),
    platformVersionPath: [...path, 'Properties', 'PlatformVersion'],
    securityGroupIds: attachment.securityGroupIds,
  };
};

interface ResourcesByKind {
  readonly taskDefinitions: TaskDefinitionView[];
  readonly taskDefinitionsById: Map<string, TaskDefinitionView>;
  readonly securityGroups: { logicalId: string; path: TemplatePath; ingress: IngressRuleView[] }[];
  /** Standalone ingress by the logical id of its group, or by a key of its own when the group is imported. */
  readonly standaloneIngress: Map<string, IngressRuleView[]>;
  readonly ec2Hosts: Ec2HostView[];
  readonly serviceEntries: Map<string, JsonObject>;
  readonly taskAttachments: TaskAttachmentRead[];
  readonly hostAttachments: HostAttachmentView[];
}

const STANDALONE = '\u0000standalone:';

const readParameters = (template: JsonObject): Map<string, ParameterView> => {
  const parameters = new Map<string, ParameterView>();
  for (const [id, raw] of Object.entries(asObject(template['Parameters']) ?? {})) {
    const param = asObject(raw);
    const allowed = param?.['AllowedValues'];
    parameters.set(id, {
      logicalId: id,
      type: literalString(param?.['Type']),
      default: param?.['Default'],
      allowedValues: Array.isArray(allowed) ? allowed : undefined,
      noEcho: literalBoolean(param?.['NoEcho']) === true,
    });
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
    serviceEntries: new Map(),
    taskAttachments: [],
    hostAttachments: [],
  };
  const context = { resources, families: readFamilies(resources), interfaces: readNetworkInterfaceGroups(resources) };
  for (const [id, resource] of Object.entries(resources)) {
    const type = typeOf(resource);
    const props = propertiesOf(resource);
    readResource(out, id, resource, resources);
    out.taskAttachments.push(...readTaskAttachments(id, type, props, context));
    const host = readHostAttachment(id, type, props, context);
    if (host !== undefined) {
      out.hostAttachments.push(host);
    }
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
      out.serviceEntries.set(id, props);
      break;
    case 'AWS::EC2::SecurityGroup': {
      const ingress = readInlineIngress(props['SecurityGroupIngress'], [...path, 'Properties', 'SecurityGroupIngress'], id);
      out.securityGroups.push({ logicalId: id, path, ingress });
      break;
    }
    case 'AWS::EC2::SecurityGroupIngress': {
      const rule = readIngress(props, [...path, 'Properties'], `ingress ${id}`);
      const group = templateSecurityGroup(props['GroupId'], resources) ?? templateSecurityGroup(props['GroupName'], resources);
      pushTo(out.standaloneIngress, group ?? `${STANDALONE}${id}`, rule);
      break;
    }
    case 'AWS::EC2::LaunchTemplate':
    case 'AWS::EC2::Instance':
      out.ec2Hosts.push(readEc2Host(id, type, props));
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
  // Not asObject: a Resources section holding only `Fn::ForEach::X` would read as an intrinsic.
  const rawResources = template['Resources'];
  const resources = isObject(rawResources) ? rawResources : {};
  const read = readResources(resources);
  const securityGroups = groupsWithIngress(read);
  const taskAttachments = read.taskAttachments.map((attachment): TaskAttachmentView => ({
    ...attachment,
    taskDefinition: taskFor(attachment, resources, read.taskDefinitionsById, options),
    securityGroupIds: attachment.groups.ids,
  }));
  const services = taskAttachments.flatMap((attachment) => {
    const props = attachment.kind === 'service' ? read.serviceEntries.get(attachment.logicalId) : undefined;
    if (props === undefined) {
      return [];
    }
    const value = props['TaskDefinition'];
    const references = value === undefined ? [] : taskDefinitionReferences(value, resources, options.pseudoParameters);
    return [readService(attachment.logicalId, props, attachment, references)];
  });
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
    taskAttachments,
    taskAttachmentsBySecurityGroup: bySecurityGroup(taskAttachments),
    hostAttachments: read.hostAttachments,
    hostsBySecurityGroup: bySecurityGroup(read.hostAttachments.map((host) => ({ ...host, securityGroupIds: host.groups.ids }))),
    roles: readRoles(resources),
    forEachTaskDefinitions: readForEach(resources),
    transforms: (Array.isArray(template['Transform']) ? template['Transform'] : [template['Transform']]).filter(
      (t): t is string => typeof t === 'string',
    ),
  };
};
