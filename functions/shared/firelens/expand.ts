import type { Problem } from '../errors';
import { allow, buildArn, mergeStatements, type PolicyStatement } from '../fluentbit/iam';
import { secretEntries, secretOptionNames, secretStatements, statementsForOutput, validateOutputOptions } from '../fluentbit/outputs';
import { intrinsicName, isIntrinsic, isObject, type Json, type JsonObject, literalInteger, literalString } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import { checkTask } from './checks';
import { DEFAULT_LOG_RETENTION_DAYS, DEFAULT_ROUTER_STOP_TIMEOUT, FLUENT_BIT_ECR_REPOSITORY, MAX_FARGATE_STOP_TIMEOUT } from './constants';
import { destinationOutput, overriddenPluginName } from './destinations';
import { provideRole } from './roles';
import { routerContainer } from './router';
import { readTaskFacts } from './task-facts';
import type { DestinationSpec, ExpansionPlan, FireLensSpec, GeneratedResource, RouteSpec } from './types';

export interface ExpandContext {
  /** The template's Resources, to recognise same-template roles, log groups, streams and buckets. */
  readonly resources: Readonly<Record<string, unknown>>;
}

interface Routed {
  readonly index: number;
  /** The container's Name as written: a literal, or an intrinsic function passed through. */
  readonly name: Json;
  readonly route: RouteSpec;
}

/** Stage 3: from the spec and the task's own containers, everything emit needs, as data. Mutates nothing. */
export const planExpansion = (
  spec: FireLensSpec,
  resource: JsonObject,
  context: ExpandContext,
): { plan: ExpansionPlan | undefined; problems: Problem[] } => {
  const { logicalId } = spec;
  const base: TemplatePath = ['Resources', logicalId, 'Properties'];
  const problems: Problem[] = [];
  const problem = (path: TemplatePath, message: string): void => {
    problems.push({ logicalId, path: [...base, ...path], message });
  };
  const properties = isObject(resource['Properties']) ? resource['Properties'] : {};
  const rawContainers = properties['ContainerDefinitions'];
  if (!Array.isArray(rawContainers) || rawContainers.some((c) => !isObject(c))) {
    problem(['ContainerDefinitions'], 'must be a literal list of container definitions for the FireLens expansion');
    return { plan: undefined, problems };
  }
  const containers = rawContainers as JsonObject[];
  const facts = readTaskFacts(properties);

  const existingRouters = containers.flatMap((c, index) => (c['FirelensConfiguration'] === undefined ? [] : [index]));
  if (existingRouters.length > 1) {
    problem(
      ['ContainerDefinitions', existingRouters[1] ?? 0, 'FirelensConfiguration'],
      'a task may have only one log router (FirelensConfiguration)',
    );
  }
  const existingRouterIndex = existingRouters[0];
  const routerName =
    existingRouterIndex === undefined ? spec.router.name : (literalString(containers[existingRouterIndex]?.['Name']) ?? spec.router.name);
  if (existingRouterIndex === undefined && containers.some((c) => c['Name'] === routerName)) {
    problem(['FireLens', 'Router', 'Name'], `a container is already named "${routerName}"; choose another router name`);
  }
  if (existingRouterIndex !== undefined && literalString(containers[existingRouterIndex]?.['Name']) === undefined) {
    problem(
      ['ContainerDefinitions', existingRouterIndex, 'Name'],
      'must be a literal string: the routed containers get a DependsOn on the log router by its name',
    );
  }
  const rawFireLens = properties['FireLens'];
  if (existingRouterIndex !== undefined && isObject(rawFireLens) && rawFireLens['Router'] !== undefined) {
    problem(
      ['FireLens', 'Router'],
      `the task already has a log router ("${routerName}"); remove FireLens.Router, or remove that container's FirelensConfiguration`,
    );
  }

  const routed = selectRoutedContainers(spec, containers, existingRouterIndex, problem);
  problems.push(...checkTask({ spec, containers, facts, routedIndexes: routed.map((r) => r.index), base, logicalId }));

  const existingRouter = existingRouterIndex === undefined ? undefined : containers[existingRouterIndex];
  const existingFirelens = isObject(existingRouter?.['FirelensConfiguration']) ? existingRouter['FirelensConfiguration'] : {};
  const routerType = existingRouter === undefined ? spec.router.type : existingFirelens['Type'];
  if (
    existingRouterIndex !== undefined &&
    facts.isFargate &&
    isObject(existingFirelens['Options']) &&
    existingFirelens['Options']['config-file-type'] === 's3'
  ) {
    problem(
      ['ContainerDefinitions', existingRouterIndex, 'FirelensConfiguration', 'Options', 'config-file-type'],
      'Fargate cannot load config files from S3 (config-file-type s3): use a file in the router image, or the init image with aws_fluent_bit_init_s3_1',
    );
  }
  const routerHealthy =
    existingRouterIndex === undefined ? spec.router.healthCheck : containers[existingRouterIndex]?.['HealthCheck'] !== undefined;
  const useInitForS3Config = existingRouterIndex === undefined && facts.isFargate && spec.router.configFile?.type === 's3';
  if (useInitForS3Config && spec.router.imageTag === undefined) {
    problem(
      ['FireLens', 'Router', 'ConfigFile'],
      'Fargate cannot load config files from S3 (config-file-type s3). With the default image the macro switches to the init image; with your own Image, use a file path in the image',
    );
  }
  if (useInitForS3Config && isIntrinsic(spec.router.environment)) {
    problem(['FireLens', 'Router', 'Environment'], 'must be a literal list here: the macro adds aws_fluent_bit_init_s3_1 to it');
  }

  const generated: GeneratedResource[] = [];

  // Destination log groups the macro creates (CloudWatchLogs without LogGroupName).
  // Containers that inherit the task's destination share one group; an override with its own
  // CloudWatchLogs destination gets its own.
  const createdGroups = new Map<DestinationSpec, string>();
  for (const { route } of routed) {
    const destination = route.destination;
    if (destination.kind === 'CloudWatchLogs' && destination.settings['LogGroupName'] === undefined && !createdGroups.has(destination)) {
      const id =
        createdGroups.size === 0 ? `${logicalId}FireLensLogGroup` : `${logicalId}FireLensLogGroup${String(createdGroups.size + 1)}`;
      createdGroups.set(destination, id);
      const retention = literalInteger(destination.settings['RetentionInDays']) ?? DEFAULT_LOG_RETENTION_DAYS;
      generated.push({ logicalId: id, resource: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: retention } } });
    }
  }

  const newContainers = containers.map((c) => ({ ...c }));
  const outputs: { options: JsonObject; secretOptions: Json | undefined; index: number }[] = [];
  for (const { index, name, route } of routed) {
    if (overriddenPluginName(route.destination)) {
      problem(
        ['FireLens', 'Destination', route.destination.kind, 'Options', 'Name'],
        `cannot change the plugin of a ${route.destination.kind} destination; use Custom for another plugin`,
      );
    }
    if (routerType === 'fluentd' && route.destination.kind !== 'Custom') {
      problem(
        ['FireLens', 'Destination', route.destination.kind],
        'short destinations configure Fluent Bit outputs; with a fluentd router use Custom (its Name becomes the Fluentd @type)',
      );
    }
    const output = destinationOutput(route.destination, { containerName: name, createdLogGroupId: createdGroups.get(route.destination) });
    const options: JsonObject = routerType === 'fluentd' ? fluentdOptions(output.options) : { ...output.options };
    if (routerType !== 'fluentd') {
      const secretNames = secretOptionNames(output.secretOptions);
      for (const issue of validateOutputOptions(withSecretOptionNames(options, secretNames))) {
        // A SecretOptions list the macro cannot read may set any option (it is refused below unless granted).
        if (secretNames === undefined && issue.key === undefined) {
          continue;
        }
        problem(
          ['ContainerDefinitions', index, 'LogConfiguration', 'Options', ...(issue.key === undefined ? [] : [issue.key])],
          issue.message,
        );
      }
    }
    if (route.bufferLimit !== undefined) {
      options['log-driver-buffer-limit'] = typeof route.bufferLimit === 'number' ? String(route.bufferLimit) : route.bufferLimit;
    }
    if (route.includePattern !== undefined) {
      options['include-pattern'] = route.includePattern;
    }
    if (route.excludePattern !== undefined) {
      options['exclude-pattern'] = route.excludePattern;
    }
    outputs.push({ options, secretOptions: output.secretOptions, index });
    const container = newContainers[index] ?? {};
    const logConfiguration: JsonObject = { LogDriver: 'awsfirelens', Options: options };
    if (output.secretOptions !== undefined) {
      logConfiguration['SecretOptions'] = output.secretOptions;
    }
    delete container['FireLens'];
    container['LogConfiguration'] = logConfiguration;
    const dependsOn = mergeDependsOn(container['DependsOn'], routerName, routerHealthy ? 'HEALTHY' : 'START');
    if (typeof dependsOn === 'string') {
      problem(['ContainerDefinitions', index, 'DependsOn'], dependsOn);
    } else {
      container['DependsOn'] = dependsOn;
    }
    newContainers[index] = container;
  }
  for (const container of newContainers) {
    delete container['FireLens'];
  }

  // The router's own log group.
  let routerLogGroup: Json | undefined;
  if (existingRouterIndex !== undefined) {
    const router = containers[existingRouterIndex] ?? {};
    // A router the user wrote already works with the roles they gave it; the one gap the macro closes is
    // a Fargate task with no execution role at all, which cannot register an awslogs router.
    if (facts.isFargate && properties['ExecutionRoleArn'] === undefined) {
      routerLogGroup = awslogsGroupOf(router);
    }
    const declared = router['StopTimeout'];
    const stopTimeoutPath = ['ContainerDefinitions', existingRouterIndex, 'StopTimeout'];
    // An intrinsic StopTimeout on a router the user wrote is their explicit choice: it is kept, and there is
    // nothing to compare with the routed containers' (taking it as 120 s wrongly refused EC2 templates).
    if (declared !== undefined && !isIntrinsic(declared) && literalInteger(declared) === undefined) {
      problem(stopTimeoutPath, 'must be an integer number of seconds (ECS refuses anything else)');
    } else if (!isIntrinsic(declared)) {
      const stopTimeout = routerStopTimeout(
        { explicit: literalInteger(declared), path: stopTimeoutPath, isFargate: facts.isFargate },
        routed,
        newContainers,
        problem,
      );
      if (declared === undefined && stopTimeout > DEFAULT_ROUTER_STOP_TIMEOUT) {
        newContainers[existingRouterIndex] = { ...router, StopTimeout: stopTimeout };
      }
    }
    const routedNames = new Set(routed.map((r) => r.name));
    const cycle = Array.isArray(router['DependsOn'])
      ? router['DependsOn'].find((d) => isObject(d) && typeof d['ContainerName'] === 'string' && routedNames.has(d['ContainerName']))
      : undefined;
    if (cycle !== undefined) {
      problem(
        ['ContainerDefinitions', existingRouterIndex, 'DependsOn'],
        'the log router depends on a container that logs through it: a start-order cycle',
      );
    }
  }

  if (existingRouterIndex === undefined) {
    const lg = spec.router.logGroup;
    if (lg.kind === 'create') {
      const id = `${logicalId}FireLensRouterLogGroup`;
      generated.push({ logicalId: id, resource: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: lg.retentionInDays } } });
      routerLogGroup = { Ref: id };
    } else if (lg.kind === 'existing') {
      routerLogGroup = lg.name;
    }
    const stopTimeout = routerStopTimeout(
      { explicit: spec.router.stopTimeout, path: ['FireLens', 'Router', 'StopTimeout'], isFargate: facts.isFargate },
      routed,
      newContainers,
      problem,
    );
    const router = routerContainer({ router: spec.router, logGroup: routerLogGroup, stopTimeout, useInitForS3Config });
    newContainers.unshift(router);
  }

  const arnContext = { resources: context.resources, generated: Object.fromEntries(generated.map((g) => [g.logicalId, g.resource])) };
  const secretContext = spec.secretsKmsKey === undefined ? arnContext : { ...arnContext, kmsKeyArn: spec.secretsKmsKey };

  // Task role: what the outputs need, plus the init image's S3 read.
  // Fluentd outputs are not in the Fluent Bit catalogue: no statements are derived for them (README).
  const taskStatements: PolicyStatement[] =
    routerType === 'fluentd' ? [] : outputs.flatMap((o) => statementsForOutput(o.options, arnContext).statements);
  const configFile = spec.router.configFile;
  if (useInitForS3Config && configFile !== undefined) {
    taskStatements.push(...s3ConfigStatements(configFile.value));
  }
  // Execution role: the router's log group, image pull, S3 config (EC2), secrets.
  const executionStatements: PolicyStatement[] = [];
  if (routerLogGroup !== undefined) {
    const arn = buildArn({ kind: 'logGroup', value: routerLogGroup, option: 'awslogs-group', suffix: ':*' }, arnContext).arn;
    executionStatements.push(allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [arn]));
  }
  if (existingRouterIndex === undefined && spec.router.imageTag !== undefined) {
    executionStatements.push(...fluentBitImagePullStatements());
  }
  if (existingRouterIndex === undefined && configFile?.type === 's3' && !useInitForS3Config) {
    executionStatements.push(...s3ConfigStatements(configFile.value));
  }
  // Secret lists, by the path where the user wrote them (a task-level list serves every routed container).
  const secretLists = new Map<string, { path: TemplatePath; value: Json }>();
  if (existingRouterIndex === undefined && spec.router.secrets !== undefined) {
    secretLists.set('router', { path: ['FireLens', 'Router', 'Secrets'], value: spec.router.secrets });
  }
  for (const o of outputs) {
    if (o.secretOptions !== undefined) {
      const override = spec.containerRoutes.get(o.index);
      const own = override !== undefined && override !== false && override.destination !== spec.route.destination;
      const path = [...(own ? ['ContainerDefinitions', o.index] : []), 'FireLens', 'Destination', 'Custom', 'SecretOptions'];
      secretLists.set(path.join('.'), { path, value: o.secretOptions });
    }
  }
  // ECS reads every container's `Secrets` with the execution role. A role the macro creates is the task's
  // only one, so it must read the apps' own secrets too (a role the user gave already does).
  if (properties['ExecutionRoleArn'] === undefined) {
    containers.forEach((c, index) => {
      if (c['Secrets'] !== undefined) {
        secretLists.set(`container ${String(index)}`, { path: ['ContainerDefinitions', index, 'Secrets'], value: c['Secrets'] });
      }
    });
  }
  for (const { path, value } of secretLists.values()) {
    executionStatements.push(...secretStatements(value, secretContext));
    const unreadable = secretEntries(value).unreadable;
    if (unreadable !== undefined && (properties['ExecutionRoleArn'] === undefined || !spec.externalRolesGranted)) {
      problem(path, unreadableSecretsMessage(value, unreadable, properties['ExecutionRoleArn'] === undefined));
    }
  }

  const taskRole = provideRole({
    kind: 'Task',
    taskLogicalId: logicalId,
    current: properties['TaskRoleArn'],
    statements: mergeStatements(taskStatements),
    managedPolicyArns: [],
    resources: context.resources,
    externalRolesGranted: spec.externalRolesGranted,
  });
  const executionRole = provideRole({
    kind: 'Execution',
    taskLogicalId: logicalId,
    current: properties['ExecutionRoleArn'],
    statements: mergeStatements(executionStatements),
    managedPolicyArns: properties['ExecutionRoleArn'] === undefined ? fallbackExecutionPolicies(containers, existingRouterIndex) : [],
    resources: context.resources,
    externalRolesGranted: spec.externalRolesGranted,
  });
  problems.push(...taskRole.problems, ...executionRole.problems);
  if (problems.length > 0) {
    return { plan: undefined, problems };
  }

  const newProperties: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key !== 'FireLens') {
      newProperties[key] = key === 'ContainerDefinitions' ? newContainers : value;
    }
  }
  if (taskRole.property !== undefined) {
    newProperties['TaskRoleArn'] = taskRole.property;
  }
  if (executionRole.property !== undefined) {
    newProperties['ExecutionRoleArn'] = executionRole.property;
  }
  return {
    plan: {
      logicalId,
      properties: newProperties,
      dependsOn: [...taskRole.dependsOn, ...executionRole.dependsOn],
      resources: [...generated, ...taskRole.resources, ...executionRole.resources],
      routedContainers: routed.map((r) => (typeof r.name === 'string' ? r.name : JSON.stringify(r.name))),
      sources: {
        fireLens: spec.path,
        containers: existingRouterIndex === undefined ? [undefined, ...containers.map((_, i) => i)] : containers.map((_, i) => i),
        routes: new Map(
          routed.map(({ index }) => {
            const override = spec.containerRoutes.get(index);
            return [index, override === undefined || override === false ? spec.path : [...base, 'ContainerDefinitions', index, 'FireLens']];
          }),
        ),
      },
    },
    problems,
  };
};

/** Which containers log through FireLens, and with which route. */
const selectRoutedContainers = (
  spec: FireLensSpec,
  containers: readonly JsonObject[],
  routerIndex: number | undefined,
  problem: (path: TemplatePath, message: string) => void,
): Routed[] => {
  const names = containers.map((c) => literalString(c['Name']));
  const routed: Routed[] = [];
  if (spec.containers !== undefined) {
    spec.containers.forEach((name, i) => {
      const index = names.indexOf(name);
      if (index < 0) {
        problem(['FireLens', 'Containers', i], `no container is named "${name}"`);
      } else if (index === routerIndex) {
        problem(['FireLens', 'Containers', i], `"${name}" is the log router; it cannot log through itself`);
      }
    });
  }
  containers.forEach((container, index) => {
    const override = spec.containerRoutes.get(index);
    const name = names[index];
    const label = name === undefined ? `container ${String(index)}` : `container "${name}"`;
    // Container-level settings that would have no effect are refused rather than silently ignored.
    if (index === routerIndex) {
      if (override !== undefined && override !== false) {
        problem(
          ['ContainerDefinitions', index, 'FireLens'],
          `${label} is the log router and has FireLens settings; it cannot log through itself`,
        );
      }
      return;
    }
    // The log router's Name has its own check above; every other container needs one for ECS, and for routing.
    // (A container written as an intrinsic function is refused by parse already.)
    if (!isIntrinsic(container) && name === undefined && !isIntrinsic(container['Name'])) {
      problem(
        ['ContainerDefinitions', index, 'Name'],
        container['Name'] === undefined
          ? 'is required: ECS refuses a container definition without a Name'
          : 'must be a string (or an intrinsic function that gives one)',
      );
    }
    const listed = spec.containers === undefined ? undefined : name !== undefined && spec.containers.includes(name);
    if (listed === false && override !== undefined && override !== false) {
      problem(
        ['ContainerDefinitions', index, 'FireLens'],
        `${label} has FireLens settings but is not in FireLens.Containers; add it there, or remove its FireLens`,
      );
    }
    if (listed === true && override === false) {
      problem(
        ['ContainerDefinitions', index, 'FireLens'],
        `${label} is in FireLens.Containers but opts out with FireLens: false; remove one of the two`,
      );
    }
    const selected = listed ?? (container['LogConfiguration'] === undefined || override !== undefined);
    if (override === false || !selected) {
      return;
    }
    if (container['LogConfiguration'] !== undefined) {
      problem(
        ['ContainerDefinitions', index, 'LogConfiguration'],
        `${label} is selected for FireLens but has a LogConfiguration of its own; remove one of the two`,
      );
      return;
    }
    routed.push({ index, name: container['Name'] ?? null, route: override === undefined ? spec.route : override });
  });
  if (routed.length === 0 && spec.containers === undefined) {
    problem(['FireLens'], 'no container would log through FireLens: every container has its own LogConfiguration or opts out');
  }
  return routed;
};

/** Adds `{ContainerName: router, Condition}`, keeping what the container declares; returns an error text on a conflict. */
const mergeDependsOn = (current: Json | undefined, router: string, condition: 'START' | 'HEALTHY'): Json[] | string => {
  if (current === undefined) {
    return [{ ContainerName: router, Condition: condition }];
  }
  if (!Array.isArray(current)) {
    return 'must be a literal list so the macro can add the dependency on the log router';
  }
  const existing = current.find((d) => isObject(d) && d['ContainerName'] === router);
  if (existing === undefined) {
    return [...current, { ContainerName: router, Condition: condition }];
  }
  const declared = isObject(existing) ? existing['Condition'] : undefined;
  if (declared === 'START' || declared === 'HEALTHY' || isIntrinsic(declared)) {
    return current;
  }
  return `declares ${String(declared)} on the log router; FireLens needs START or HEALTHY (the router runs for the whole task)`;
};

/**
 * Long enough for Fluent Bit to flush, never shorter than what the routed containers get. Fargate accepts
 * at most 120 s, so there a routed StopTimeout given by an intrinsic counts as 120. On EC2 the agent has
 * no such cap and no literal is safe for an unknown value: the router then needs an explicit StopTimeout
 * (compared with the literal ones only), and without one the expansion is refused.
 */
const routerStopTimeout = (
  router: { readonly explicit: number | undefined; readonly path: TemplatePath; readonly isFargate: boolean },
  routed: readonly Routed[],
  containers: readonly JsonObject[],
  problem: (path: TemplatePath, message: string) => void,
): number => {
  const cap = router.isFargate ? MAX_FARGATE_STOP_TIMEOUT : undefined;
  let longest = 0;
  let unknownAt: number | undefined;
  for (const { index } of routed) {
    const value = containers[index]?.['StopTimeout'];
    if (value === undefined) {
      continue;
    }
    const seconds = literalInteger(value) ?? cap;
    if (seconds === undefined) {
      unknownAt ??= index;
    } else {
      longest = Math.max(longest, seconds);
    }
  }
  if (router.explicit !== undefined) {
    if (router.explicit < longest) {
      problem(
        router.path,
        `is ${String(router.explicit)}s, shorter than a routed container's StopTimeout (${String(longest)}s): its last logs would be lost`,
      );
    }
    if (cap !== undefined && router.explicit > cap) {
      problem(router.path, `is ${String(router.explicit)}s; Fargate allows at most ${String(MAX_FARGATE_STOP_TIMEOUT)}s`);
    }
    return router.explicit;
  }
  if (unknownAt !== undefined) {
    const what = isIntrinsic(containers[unknownAt]?.['StopTimeout']) ? 'is an intrinsic function' : 'is not an integer';
    problem(
      ['ContainerDefinitions', unknownAt, 'StopTimeout'],
      `${what}, so the macro cannot make the log router's StopTimeout at least as long (EC2 has no upper limit to fall back on): give the log router an explicit StopTimeout`,
    );
  }
  return Math.min(cap ?? Number.POSITIVE_INFINITY, Math.max(DEFAULT_ROUTER_STOP_TIMEOUT, longest));
};

/**
 * A secrets list the macro cannot see into gets no read permission, and ECS would fail the task at start.
 * The user's own execution role may hold it already (ExternalRolesGranted says so); a role the macro
 * creates cannot.
 */
const unreadableSecretsMessage = (list: Json, unreadable: string, roleCreated: boolean): string => {
  const wrapper = intrinsicName(list);
  const what =
    wrapper === 'Fn::If'
      ? `is an Fn::If with a branch the macro cannot read (${unreadable})`
      : wrapper === undefined
        ? 'is not a list'
        : `is an intrinsic function (${wrapper}) the macro cannot read`;
  return (
    `${what}, so the execution role would get no secretsmanager:GetSecretValue / ssm:GetParameters on these secrets and the task ` +
    'would fail to start: write the list out (an Fn::If choosing between written-out lists is fine)' +
    (roleCreated
      ? ', or name an execution role (ExecutionRoleArn) that can read them and set FireLens.ExternalRolesGranted: true'
      : ', or grant read access to them on the execution role yourself and set FireLens.ExternalRolesGranted: true')
  );
};

/** The awslogs group a container writes to, if it uses awslogs. */
const awslogsGroupOf = (container: JsonObject): Json | undefined => {
  const logConfiguration = container['LogConfiguration'];
  if (!isObject(logConfiguration) || logConfiguration['LogDriver'] !== 'awslogs' || !isObject(logConfiguration['Options'])) {
    return undefined;
  }
  return logConfiguration['Options']['awslogs-group'];
};

/** Fluentd picks its output plugin with `@type`, not Fluent Bit's `Name` (ECS developer guide, firelens-taskdef). */
const fluentdOptions = (options: JsonObject): JsonObject => {
  const { Name: name, ...rest } = options;
  return name === undefined ? rest : { '@type': name, ...rest };
};

/** `s3:GetObject` on the object and `s3:GetBucketLocation` on its bucket (ECS developer guide, firelens-taskdef). */
const s3ConfigStatements = (objectArn: Json): PolicyStatement[] => {
  const bucketArn: Json =
    typeof objectArn === 'string'
      ? objectArn.slice(0, objectArn.indexOf('/') < 0 ? undefined : objectArn.indexOf('/'))
      : { 'Fn::Select': [0, { 'Fn::Split': ['/', objectArn] }] };
  return [allow(['s3:GetObject'], [objectArn]), allow(['s3:GetBucketLocation'], [bucketArn])];
};

/**
 * Pulling AWS for Fluent Bit from its regional ECR repository. The publishing account differs per
 * partition and opt-in region (14 accounts), so the repository is scoped by name and region only.
 */
const fluentBitImagePullStatements = (): PolicyStatement[] => [
  // ecr:GetAuthorizationToken has no resource type in IAM: "*" is the only resource it accepts.
  allow(['ecr:GetAuthorizationToken'], ['*']),
  allow(
    ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    [{ 'Fn::Sub': `arn:\${AWS::Partition}:ecr:\${AWS::Region}:*:repository/${FLUENT_BIT_ECR_REPOSITORY}` }],
  ),
];

/**
 * A task that had no execution role gets one from the macro, and ECS then uses it for every image pull
 * and every awslogs container of the task. Where the macro cannot see what those need (private ECR
 * images, images or log groups given by intrinsics, private registry credentials), it attaches AWS's managed
 * AmazonECSTaskExecutionRolePolicy rather than break the task.
 */
const fallbackExecutionPolicies = (containers: readonly JsonObject[], routerIndex: number | undefined): Json[] => {
  const needs = containers.some((c, index) => {
    if (index === routerIndex) {
      return false;
    }
    const image = c['Image'];
    const privateImage = typeof image !== 'string' || image.includes('.dkr.ecr.') || image.includes('{{resolve:');
    const logConfiguration = c['LogConfiguration'];
    const awslogs = isObject(logConfiguration) && logConfiguration['LogDriver'] === 'awslogs';
    return privateImage || awslogs || c['RepositoryCredentials'] !== undefined;
  });
  return needs ? [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' }] : [];
};

/** Secret options are plugin options too (their values arrive at run time): count them as present. */
const withSecretOptionNames = (options: JsonObject, names: ReadonlySet<string> | undefined): JsonObject => ({
  ...options,
  ...Object.fromEntries([...(names ?? [])].map((name) => [name, { Ref: 'AWS::NoValue' }])),
});
