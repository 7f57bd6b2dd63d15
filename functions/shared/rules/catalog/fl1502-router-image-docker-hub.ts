import { literalString } from '../../template/intrinsics';
import type { ContainerView } from '../../template/view';
import { defineRule } from '../define-rule';
import { containerLabel, parseImage, routerImage } from '../helpers';

/** An OpenTelemetry collector used as the router (ADOT or the upstream contrib image). */
const OTEL_COLLECTOR = /(^|\/)(aws-otel-collector|opentelemetry-collector[a-z-]*|otel\/[a-z-]*collector[a-z-]*|otelcol[a-z-]*)$/;

/**
 * Where to pull from instead, by what the router runs: only a Fluent Bit router has aws-for-fluent-bit as
 * its replacement; for Fluentd or an OpenTelemetry collector that advice would swap the router itself.
 */
const advice = (router: ContainerView, repository: string): string => {
  if (OTEL_COLLECTOR.test(repository)) {
    return 'use public.ecr.aws/aws-observability/aws-otel-collector (ADOT) or a copy of the collector image in Amazon ECR';
  }
  const type = literalString(router.firelensConfiguration?.['Type'])?.toLowerCase();
  if (type === 'fluentbit') {
    return 'use public.ecr.aws/aws-observability/aws-for-fluent-bit';
  }
  if (type === 'fluentd') {
    return 'pull the Fluentd image through Amazon ECR (a pull-through cache rule, or a copy in your own repository)';
  }
  return 'pull it through Amazon ECR (a pull-through cache rule, or a copy in your own repository)';
};

export const fl1502RouterImageDockerHub = defineRule({
  meta: {
    id: 'FL1502',
    name: 'router-image-docker-hub',
    severity: 'warning',
    summary: 'Checks that the log router image does not come from Docker Hub',
    description:
      'Docker Hub rate-limits anonymous pulls, so tasks can fail to start. The advice follows the router: for Fluent Bit, Amazon ECR Public (public.ecr.aws/aws-observability/aws-for-fluent-bit); for Fluentd, an Amazon ECR pull-through cache or copy; for an OpenTelemetry collector, the ADOT image on ECR Public.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-using-fluentbit.html',
    tags: ['firelens', 'image'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers) {
        const image = routerImage(view, router);
        if (image === undefined || image.startsWith('{{') || image.startsWith('/')) {
          continue;
        }
        const parsed = parseImage(image);
        if (parsed.registry === undefined || parsed.registry === 'docker.io' || parsed.registry === 'registry-1.docker.io') {
          yield {
            path: [...router.path, 'Image'],
            message: `Log router ${containerLabel(router)} pulls ${image} from Docker Hub, which rate-limits pulls; ${advice(router, parsed.repository)}`,
          };
        }
      }
    }
  },
});
