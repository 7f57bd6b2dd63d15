import { literalString, refTarget } from '../../template/intrinsics';
import type { Ec2HostView, TemplateView } from '../../template/view';
import { defineRule } from '../define-rule';
import { runsOnEc2 } from '../helpers';

const BOTTLEROCKET = /\/aws\/service\/bottlerocket\//i;

/** The AMI source text: a literal, a `{{resolve:ssm:…}}` reference, or the Default of the parameter it Refs. */
const imageSource = (view: TemplateView, host: Ec2HostView): string | undefined => {
  const literal = literalString(host.imageId);
  if (literal !== undefined) {
    return literal;
  }
  const param = view.parameters.get(refTarget(host.imageId) ?? '');
  return param ? literalString(param.default) : undefined;
};

export const fl1702BottlerocketUnsupported = defineRule({
  meta: {
    id: 'FL1702',
    name: 'bottlerocket-unsupported',
    severity: 'error',
    summary: 'Checks that FireLens tasks are not placed on Bottlerocket container instances',
    description:
      'Applies when the stack defines EC2-compatible FireLens task definitions and a launch template or instance whose AMI comes from a /aws/service/bottlerocket/ SSM parameter.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-bottlerocket.html',
    tags: ['firelens', 'platform', 'ec2'],
  },
  *check(view) {
    const fireLensOnEc2 = view.taskDefinitions.filter((t) => t.usesFireLens && runsOnEc2(t) && !t.isFargate);
    if (fireLensOnEc2.length === 0) {
      return;
    }
    for (const host of view.ec2Hosts) {
      const source = imageSource(view, host);
      if (source !== undefined && BOTTLEROCKET.test(source)) {
        yield {
          path: host.imageIdPath,
          message: `${host.logicalId} boots Bottlerocket (${source}), which does not support FireLens used by ${fireLensOnEc2.map((t) => t.logicalId).join(', ')}`,
        };
      }
    }
  },
});
