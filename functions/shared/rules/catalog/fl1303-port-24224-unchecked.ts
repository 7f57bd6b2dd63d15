import { defineRule } from '../define-rule';
import { uncheckedReach } from '../forward-port-reach';
import { FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1303Port24224Unchecked = defineRule({
  meta: {
    id: 'FL1303',
    name: 'port-24224-unchecked',
    severity: 'warning',
    summary: 'Checks that whether port 24224 of a FireLens task is reachable can be decided from the template',
    description:
      'A port, protocol, port mapping, ingress rule, security group list or task definition that FL1301/FL1302 cannot read (a Ref to a parameter, Fn::ImportValue, an intrinsic left unresolved, a security group outside the template, the VPC default group) may open 24224: it is reported here, never taken as closed. strictPort24224 widens it to every security group.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'network', 'security'],
  },
  *check(view, options) {
    for (const { unknown, why } of uncheckedReach(view, options.strictPort24224)) {
      yield {
        path: unknown.path,
        message: `Port 24224 reachability cannot be checked: ${unknown.what} at ${unknown.path.join('/')} is not known until deploy (${why})`,
      };
    }
  },
});
