import type { IngressRuleView, SecurityGroupView, TemplateView } from '../../template/view';
import { defineRule } from '../define-rule';
import { coversForwardPort, FIRELENS_TASKDEF_DOCS, runsOnEc2 } from '../helpers';

/** Why a group matters: the FireLens services/hosts it is attached to (empty when it is not). */
const attachments = (view: TemplateView, group: SecurityGroupView, hostModeFireLens: boolean): string[] => {
  const services = (view.servicesBySecurityGroup.get(group.logicalId) ?? [])
    .filter((s) => s.taskDefinition?.usesFireLens === true)
    .map((s) => `service ${s.logicalId}`);
  const hosts = hostModeFireLens
    ? (view.hostsBySecurityGroup.get(group.logicalId) ?? []).map(
        (h) => `${h.type === 'AWS::EC2::Instance' ? 'instance' : 'launch template'} ${h.logicalId}`,
      )
    : [];
  return [...services, ...hosts];
};

const describe = (rule: IngressRuleView): string =>
  rule.protocol === '-1' || rule.protocol === 'all'
    ? `all traffic from ${rule.source}`
    : `TCP ${String(rule.fromPort)}-${String(rule.toPort)} from ${rule.source}`;

export const fl1301Port24224Open = defineRule({
  meta: {
    id: 'FL1301',
    name: 'port-24224-open',
    severity: 'error',
    summary: 'Checks that no security group of a FireLens task lets port 24224 in',
    description:
      'FireLens listens for Fluent Forward on 24224. Attached means an awsvpc service running a FireLens task, or an EC2 launch template / instance when the stack has a host-mode FireLens task. With strictPort24224 every group in the stack is checked.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'network', 'security'],
  },
  *check(view, options) {
    const hostModeFireLens = view.taskDefinitions.some((t) => t.usesFireLens && t.networkMode === 'host' && runsOnEc2(t));
    for (const group of view.securityGroups) {
      const open = group.ingress.filter(coversForwardPort);
      if (open.length === 0) {
        continue;
      }
      const attachedTo = attachments(view, group, hostModeFireLens);
      if (attachedTo.length === 0 && !options.strictPort24224) {
        continue;
      }
      const why = attachedTo.length > 0 ? `, attached to ${attachedTo.join(', ')},` : '';
      for (const rule of open) {
        yield {
          path: rule.path,
          message: `Security group ${group.logicalId}${why} allows ${describe(rule)}, which includes the FireLens port 24224`,
        };
      }
    }
  },
});
