import { defineRule } from '../define-rule';
import { containerLabel, parseImage, routerImage } from '../helpers';

export const fl1502RouterImageDockerHub = defineRule({
  meta: {
    id: 'FL1502',
    name: 'router-image-docker-hub',
    severity: 'warning',
    summary: 'Checks that the log router image does not come from Docker Hub',
    description:
      'Docker Hub rate-limits anonymous pulls, so tasks can fail to start; use Amazon ECR Public (public.ecr.aws/aws-observability/aws-for-fluent-bit) or the regional ECR image.',
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
            message: `Log router ${containerLabel(router)} pulls ${image} from Docker Hub, which rate-limits pulls; use public.ecr.aws/aws-observability/aws-for-fluent-bit`,
          };
        }
      }
    }
  },
});
