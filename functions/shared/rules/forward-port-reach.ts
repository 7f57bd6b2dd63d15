/**
 * Who can reach a FireLens task's port 24224 through a security group, worked out once for FL1301
 * (open) and FL1303 (cannot be checked). FireLens listens on 24224; "for tasks that use the awsvpc
 * network mode, this is the security group that's associated with the task. For tasks that use the
 * host network mode, it's the security group that's associated with the Amazon EC2 instance hosting
 * the task" (ECS developer guide, firelens-taskdef). What the template does not fix is never taken as
 * closed: it becomes an unchecked reach with the reason it matters.
 */
import type { IngressRuleView, SecurityGroupView, TaskAttachmentView, TaskDefinitionView, TemplateView } from '../template/view';
import type { NetworkUnknown } from '../template/view-network';
import { FORWARD_PORT, runsOnEc2 } from './helpers';

export type Reach = 'open' | 'closed' | 'unknown';

const ALL_PROTOCOLS = new Set(['-1', 'all']);
const TCP = new Set(['tcp', '6']);

/** Ports known to leave 24224 out, for a rule whose other bound may be unknown (-1/-1 on TCP means all ports). */
const portsExclude = (rule: IngressRuleView): boolean =>
  (rule.fromPort !== undefined && rule.fromPort !== -1 && rule.fromPort > FORWARD_PORT) ||
  (rule.toPort !== undefined && rule.toPort !== -1 && rule.toPort < FORWARD_PORT);

/**
 * Does an ingress rule let TCP 24224 in? Any source counts (a CIDR, a prefix list, another group: all are
 * outside the task). An unknown protocol may be -1 (every port), so only a known TCP rule can be closed by its ports.
 */
export const ingressReach = (rule: IngressRuleView): Reach => {
  const protocol = rule.protocol;
  if (protocol !== undefined && ALL_PROTOCOLS.has(protocol)) {
    return 'open';
  }
  if (protocol === undefined) {
    return rule.unknowns.length > 0 ? 'unknown' : 'closed';
  }
  if (!TCP.has(protocol) || portsExclude(rule)) {
    return 'closed';
  }
  if (rule.fromPort === undefined || rule.toPort === undefined) {
    return rule.unknowns.length > 0 ? 'unknown' : 'closed';
  }
  return (rule.fromPort === -1 && rule.toPort === -1) || (rule.fromPort <= FORWARD_PORT && FORWARD_PORT <= rule.toPort) ? 'open' : 'closed';
};

export interface OpenIngress {
  readonly group: SecurityGroupView;
  readonly rule: IngressRuleView;
  /** The FireLens attachments the group matters through ("service Web", "launch template Hosts"); empty under strict. */
  readonly attachedTo: readonly string[];
}

export interface UncheckedReach {
  readonly unknown: NetworkUnknown;
  /** Why it matters: "security group Web is attached to service Api". */
  readonly why: string;
}

/** Every task definition the stack runs: the template's and those attachments looked up outside it. */
const allTasks = (view: TemplateView): TaskDefinitionView[] => [
  ...view.taskDefinitions,
  ...view.taskAttachments.flatMap((a) => (a.taskDefinition?.external === true ? [a.taskDefinition] : [])),
];

/** FireLens tasks on EC2 in host mode (`definite`), and those whose network mode is an intrinsic (`possible`). */
const hostModeTasks = (view: TemplateView): { definite: TaskDefinitionView[]; possible: TaskDefinitionView[] } => {
  const onEc2 = allTasks(view).filter((t) => t.usesFireLens && runsOnEc2(t));
  return { definite: onEc2.filter((t) => t.networkMode === 'host'), possible: onEc2.filter((t) => t.networkMode === undefined) };
};

const runsFireLens = (attachment: TaskAttachmentView): boolean => attachment.taskDefinition?.usesFireLens === true;

const attachedLabels = (view: TemplateView, groupId: string, hostMode: boolean): string[] => [
  ...(view.taskAttachmentsBySecurityGroup.get(groupId) ?? []).filter(runsFireLens).map((a) => a.label),
  ...(hostMode ? (view.hostsBySecurityGroup.get(groupId) ?? []).map((h) => h.label) : []),
];

/** Ingress rules that let 24224 in on a group attached to a FireLens task (every group with `strict`). */
export const openIngress = (view: TemplateView, strict: boolean): OpenIngress[] => {
  const hostMode = hostModeTasks(view).definite.length > 0;
  return view.securityGroups.flatMap((group) => {
    const open = group.ingress.filter((rule) => ingressReach(rule) === 'open');
    const attachedTo = open.length > 0 ? attachedLabels(view, group.logicalId, hostMode) : [];
    return attachedTo.length > 0 || strict ? open.map((rule) => ({ group, rule, attachedTo })) : [];
  });
};

/** Ingress rules of unknown reach on the groups that matter. */
const uncheckedIngress = (view: TemplateView, strict: boolean, hostMode: boolean): UncheckedReach[] =>
  view.securityGroups.flatMap((group) => {
    const unknown = group.ingress.filter((rule) => ingressReach(rule) === 'unknown');
    const labels = unknown.length > 0 ? attachedLabels(view, group.logicalId, hostMode) : [];
    if (labels.length === 0 && !strict) {
      return [];
    }
    const why =
      labels.length > 0
        ? `security group ${group.logicalId} is attached to ${labels.join(', ')}`
        : `strict 24224 checks every security group`;
    return unknown.flatMap((rule) => rule.unknowns.map((u) => ({ unknown: u, why })));
  });

/** True when one of the template groups may let 24224 in. */
const mayOpen = (view: TemplateView, groupIds: readonly string[]): string | undefined =>
  groupIds.find((id) => view.securityGroupsById.get(id)?.ingress.some((rule) => ingressReach(rule) !== 'closed'));

/** A task attachment whose task cannot be known, on a group that may let 24224 in. */
const uncheckedTasks = (view: TemplateView): UncheckedReach[] =>
  view.taskAttachments.flatMap((a) => {
    const group = a.taskDefinition === undefined ? mayOpen(view, a.securityGroupIds) : undefined;
    if (group === undefined || (a.task.kind !== 'unknown' && a.task.kind !== 'literal')) {
      return [];
    }
    const shown = a.task.kind === 'unknown' ? a.task.shown : `"${a.task.arn}", outside the template`;
    return [
      {
        unknown: { what: `the task definition of ${a.label} (${shown})`, path: a.taskPath },
        why: `its security group ${group} lets port 24224 in, which matters if the task uses FireLens`,
      },
    ];
  });

/** Host-mode concerns: the hosts' unknown groups, and FireLens tasks whose network mode is not known. */
const uncheckedHosts = (view: TemplateView): UncheckedReach[] => {
  const { definite, possible } = hostModeTasks(view);
  if (definite.length > 0) {
    const why = `host-mode FireLens task ${definite.map((t) => t.logicalId).join(', ')} runs on the stack's instances`;
    return view.hostAttachments.flatMap((h) => h.groups.unknowns.map((u) => ({ unknown: u, why })));
  }
  return possible.flatMap((task) => {
    const host = view.hostAttachments.find((h) => mayOpen(view, h.groups.ids) !== undefined);
    return host === undefined
      ? []
      : [
          {
            unknown: { what: `the network mode of FireLens task ${task.logicalId}`, path: [...task.path, 'Properties', 'NetworkMode'] },
            why: `in host mode the security groups of ${host.label} would let port 24224 in`,
          },
        ];
  });
};

/** Port mappings of tasks with a log router whose ports cannot be read. */
const uncheckedMappings = (view: TemplateView): UncheckedReach[] =>
  view.taskDefinitions
    .filter((task) => task.routers.length > 0)
    .flatMap((task) =>
      task.containers.flatMap((c) =>
        c.portMappings.flatMap((m) => m.unknowns.map((u) => ({ unknown: u, why: `task ${task.logicalId} runs a FireLens log router` }))),
      ),
    );

/** Everything that decides whether 24224 is reachable but is not known until deploy, each place once. */
export const uncheckedReach = (view: TemplateView, strict: boolean): UncheckedReach[] => {
  const hostMode = hostModeTasks(view).definite.length > 0;
  const attachments = view.taskAttachments
    .filter(runsFireLens)
    .flatMap((a) =>
      a.groups.unknowns.map((u) => ({ unknown: u, why: `${a.label} runs FireLens task ${a.taskDefinition?.logicalId ?? ''}` })),
    );
  const all = [
    ...uncheckedMappings(view),
    ...uncheckedIngress(view, strict, hostMode),
    ...attachments,
    ...uncheckedHosts(view),
    ...uncheckedTasks(view),
  ];
  const seen = new Set<string>();
  return all.filter((entry) => {
    const key = `${entry.unknown.path.join('\u0000')}\u0001${entry.unknown.what}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
};
