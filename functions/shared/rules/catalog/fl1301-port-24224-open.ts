import type { IngressRuleView } from '../../template/view';
import { defineRule } from '../define-rule';
import { openIngress } from '../forward-port-reach';
import { FIRELENS_TASKDEF_DOCS } from '../helpers';

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
      'FireLens listens for Fluent Forward on 24224. Attached means a service, task set, EventBridge rule target or EventBridge Scheduler schedule running a FireLens task (TaskDefinition as Ref, GetAtt, Sub, Join or family; groups as Ref, GetAtt, Sub, Split), or, when the stack has a host-mode FireLens task, an EC2 instance, launch template, launch configuration, spot fleet or network interface. With strictPort24224 every group in the stack is checked. What cannot be known is FL1303.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'network', 'security'],
  },
  *check(view, options) {
    for (const { group, rule, attachedTo } of openIngress(view, options.strictPort24224)) {
      const why = attachedTo.length > 0 ? `, attached to ${attachedTo.join(', ')},` : '';
      yield {
        path: rule.path,
        message: `Security group ${group.logicalId}${why} allows ${describe(rule)}, which includes the FireLens port 24224`,
      };
    }
  },
});
