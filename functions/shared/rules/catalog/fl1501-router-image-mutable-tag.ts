import { defineRule } from '../define-rule';
import { containerLabel, parseImage, routerImage } from '../helpers';

const isMutable = (tag: string | undefined): boolean =>
  tag === undefined || tag === 'latest' || tag === 'stable' || tag.endsWith('-latest') || tag.endsWith('-stable');

export const fl1501RouterImageMutableTag = defineRule({
  meta: {
    id: 'FL1501',
    name: 'router-image-mutable-tag',
    severity: 'warning',
    summary: 'Checks that the log router image is pinned to a version, not latest, stable or no tag',
    description: 'Mutable tags have pulled broken Fluent Bit releases into production; pin a version (or the matching SSM parameter).',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-using-fluentbit.html',
    tags: ['firelens', 'image'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers) {
        const image = routerImage(view, router);
        if (image === undefined || (image.startsWith('{{resolve:') && parseImage(image).registry !== 'ssm')) {
          continue;
        }
        const parsed = parseImage(image);
        if (!parsed.digest && isMutable(parsed.tag)) {
          yield {
            path: [...router.path, 'Image'],
            message: `Log router ${containerLabel(router)} uses ${image}: ${parsed.tag === undefined ? 'no tag means latest' : `"${parsed.tag}" is a mutable tag`}; pin a version`,
          };
        }
      }
    }
  },
});
