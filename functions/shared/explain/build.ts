/**
 * The explanation of every FireLens task in a template as CloudFormation deploys it (after the macro):
 * the Fluent Bit configuration the ECS agent generates for its log router, and what each output needs.
 * Pure: reads the typed view for the structure and the template for values as written.
 */
import { isIntrinsic, isObject, type Json, type JsonObject, literalString } from '../template/intrinsics';
import { planScenarios, type Scenario } from '../template/scenarios';
import { buildTemplateView, type ContainerView, type TaskDefinitionView } from '../template/view';
import { renderAgentConfig } from './agent-config';
import { displayValue } from './display';
import { configFileInclude, initIncludes, renderInitConfig, serviceSettings, unreadIncludes } from './includes';
import { explainOutput } from './outputs';
import type { ExplainedRouter, ExplainedTask } from './types';

/** The agent's default `Mem_Buf_Limit` when the router sets no memory (agent: defaultMemBufLimit). */
const DEFAULT_MEM_BUF_LIMIT_MB = 25;
/** Go's strconv.ParseBool; anything else leaves the metadata off (the agent warns and ignores it). */
const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

const at = (value: Json | undefined, key: string | number): Json | undefined => {
  if (typeof key === 'number') {
    return Array.isArray(value) ? value[key] : undefined;
  }
  return isObject(value) ? value[key] : undefined;
};

/** Half the router's MemoryReservation, else of its Memory (MiB, rounded down), else 25MB (agent: resolveMemBufLimit). */
const memBufLimitOf = (router: ContainerView): string => {
  if (router.memoryReservationPresent && router.memoryReservation === undefined) {
    return '<MemoryReservation / 2>MB';
  }
  const reservation = router.memoryReservation ?? 0;
  if (reservation <= 0 && router.memoryPresent && router.memory === undefined) {
    return '<Memory / 2>MB';
  }
  const limit = reservation > 0 ? reservation : (router.memory ?? 0);
  const half = Math.floor(limit / 2);
  return `${String(half > 0 ? half : DEFAULT_MEM_BUF_LIMIT_MB)}MB`;
};

const ecsMetadataOf = (options: Json | undefined): ExplainedTask['ecsMetadata'] => {
  const value = at(options, 'enable-ecs-log-metadata');
  if (value === undefined) {
    return isIntrinsic(options) ? 'deploy time' : 'on';
  }
  if (isIntrinsic(value)) {
    return 'deploy time';
  }
  return GO_TRUE.has(displayValue(value)) ? 'on' : 'off';
};

/** The agent's TCP input: bridge listens on 0.0.0.0, awsvpc on 127.0.0.1; host mode has none. */
const tcpListenOf = (networkMode: string | undefined): string | undefined =>
  networkMode === 'bridge' ? '0.0.0.0' : networkMode === 'awsvpc' ? '127.0.0.1' : undefined;

const recordsOf = (task: TaskDefinitionView, properties: JsonObject, metadata: ExplainedTask['ecsMetadata']): [string, string][] => {
  if (metadata === 'off') {
    return [];
  }
  const family = literalString(properties['Family']) ?? '<family>';
  const records: [string, string][] = [
    ['ecs_cluster', '<cluster name>'],
    ['ecs_task_arn', '<task ARN>'],
    ['ecs_task_definition', `${family}:<revision>`],
  ];
  // The agent adds the instance id only where the router runs with AWS_EXECUTION_ENV=AWS_ECS_EC2.
  const onEc2 = task.compatibilities.length === 0 || task.compatibilities.some((c) => c === 'EC2' || c === 'EXTERNAL');
  return onEc2 ? [['ec2_instance_id', task.isFargate ? '<EC2 instance id; none on Fargate>' : '<EC2 instance id>'], ...records] : records;
};

const routerOf = (router: ContainerView, raw: Json | undefined): ExplainedRouter => ({
  name: router.name ?? `#${String(router.index)}`,
  type: displayValue(at(at(raw, 'FirelensConfiguration'), 'Type') ?? null),
  image: displayValue(at(raw, 'Image') ?? null),
  memBufLimit: memBufLimitOf(router),
  stopTimeout: router.stopTimeout,
});

/** Container entries that are intrinsics (an `Fn::If` per condition): the view cannot read them, so they are named. */
const unreadContainers = (containers: Json | undefined): string[] =>
  (Array.isArray(containers) ? containers : []).flatMap((entry, i) =>
    isIntrinsic(entry) ? [`ContainerDefinitions[${String(i)}] is ${displayValue(entry)}: that container is not explained.`] : [],
  );

const taskNotes = (task: TaskDefinitionView, router: ExplainedRouter, containers: Json | undefined): string[] => [
  ...unreadContainers(containers),
  ...(task.routers.length > 1 ? [`The task has ${String(task.routers.length)} log routers; ECS accepts one. The first is explained.`] : []),
  ...(task.networkMode === undefined
    ? ['The network mode is known only at deploy time: the TCP forward input and health check are not shown.']
    : []),
  ...(router.type === 'fluentbit' ? [] : [`The router's type is ${router.type}: only a fluentbit router's configuration is rendered.`]),
];

const explainTask = (task: TaskDefinitionView, router: ContainerView, template: JsonObject): ExplainedTask => {
  const resources = isObject(template['Resources']) ? template['Resources'] : {};
  const resource = resources[task.logicalId];
  const properties = at(resource, 'Properties');
  const props = isObject(properties) ? properties : {};
  const rawContainers = props['ContainerDefinitions'];
  const rawRouter = at(rawContainers, router.index);
  const explainedRouter = routerOf(router, rawRouter);
  const notes = taskNotes(task, explainedRouter, rawContainers);
  const firelensOptions = at(at(rawRouter, 'FirelensConfiguration'), 'Options');
  const configFile = configFileInclude(firelensOptions, notes);
  const inits = initIncludes(at(rawRouter, 'Environment'), notes);
  const includes = [...(configFile === undefined ? [] : [configFile]), ...inits];
  for (const unread of unreadIncludes(includes)) {
    notes.push(`${unread.path} cannot be read here: the [SERVICE] settings, filters and outputs it adds are not shown.`);
  }
  const ecsMetadata = ecsMetadataOf(firelensOptions);
  const taskRoleArn = props['TaskRoleArn'];
  const executionRoleArn = props['ExecutionRoleArn'];
  const outputs = task.fireLensContainers.map((container) =>
    explainOutput({
      name: container.name ?? `#${String(container.index)}`,
      index: container.index,
      logConfiguration: at(at(rawContainers, container.index), 'LogConfiguration'),
      taskRole: task.taskRoleId ?? (taskRoleArn === undefined ? undefined : displayValue(taskRoleArn)),
      executionRole: task.executionRoleId ?? (executionRoleArn === undefined ? undefined : displayValue(executionRoleArn)),
      resources,
    }),
  );
  // The agent writes a Fluentd file for a fluentd router (other inputs, `@type` outputs): not rebuilt here.
  const config =
    explainedRouter.type !== 'fluentbit'
      ? ''
      : renderAgentConfig({
          memBufLimit: explainedRouter.memBufLimit,
          tcpListen: tcpListenOf(task.networkMode),
          records: recordsOf(task, props, ecsMetadata),
          outputs,
          configFile: configFile?.path,
        });
  const condition = literalString(at(resource, 'Condition'));
  return {
    logicalId: task.logicalId,
    condition,
    router: explainedRouter,
    networkMode: task.networkMode,
    compatibilities: task.compatibilities,
    ecsMetadata,
    configFile,
    initIncludes: inits,
    service: serviceSettings(includes),
    outputs,
    config,
    initConfig: inits.length === 0 ? undefined : renderInitConfig(inits),
    notes,
  };
};

const explainResolved = (template: JsonObject): ExplainedTask[] =>
  buildTemplateView(template).taskDefinitions.flatMap((task) => {
    const router = task.routers[0];
    return router === undefined ? [] : [explainTask(task, router, template)];
  });

/** The conditions a scenario assumes that the task itself names (its `Fn::If`s and `Condition`). */
const assumedBy = (scenario: Scenario, resource: unknown): string[] => {
  const text = JSON.stringify(resource);
  return scenario.assumptions.flatMap((a) =>
    a.kind === 'condition' && (text.includes(`"Fn::If":["${a.name}"`) || text.includes(`"Condition":"${a.name}"`))
      ? [`condition ${a.name} is ${a.value ? 'true' : 'false'}`]
      : [],
  );
};

/**
 * Every task definition with a log router, in template order. A task whose router exists only in some
 * `Fn::If` branches (a conditional FireLens) is explained in the first scenario that has it, saying which.
 */
export const explainTemplate = (template: JsonObject): ExplainedTask[] => {
  const direct = explainResolved(template);
  const plan = planScenarios(template);
  if (plan === undefined) {
    return direct;
  }
  const explained = new Map(direct.map((task) => [task.logicalId, task]));
  const resources = isObject(template['Resources']) ? template['Resources'] : {};
  for (const scenario of plan.scenarios) {
    for (const task of explainResolved(scenario.template)) {
      if (!explained.has(task.logicalId)) {
        const when = assumedBy(scenario, resources[task.logicalId]);
        const note = `This log router exists only when ${when.length === 0 ? 'some Fn::If branches are taken' : when.join(' and ')}; this is that configuration.`;
        explained.set(task.logicalId, { ...task, notes: [note, ...task.notes] });
      }
    }
  }
  return Object.keys(resources).flatMap((id) => {
    const task = explained.get(id);
    return task === undefined ? [] : [task];
  });
};
