import { defineRule } from '../define-rule';
import { containerLabel, parseImage } from '../helpers';
import { candidateTexts, shownCandidate, UNKNOWN_PART } from '../text-candidates';
import type { RawFinding } from '../types';

const isMutable = (tag: string | undefined): boolean =>
  tag === undefined || tag === 'latest' || tag === 'stable' || tag.endsWith('-latest') || tag.endsWith('-stable');

type TagVerdict = { readonly kind: 'pinned' | 'unknown' } | { readonly kind: 'mutable'; readonly why: string };

/** One possible image text: pinned, mutable (and why), or unknown because its tag is only known at deploy. */
const judgeTag = (image: string): TagVerdict => {
  if (image.startsWith('{{resolve:') && parseImage(image).registry !== 'ssm') {
    // A dynamic reference to some other parameter or secret: the image it holds is read at deploy.
    return { kind: 'unknown' };
  }
  const parsed = parseImage(image);
  const lastSegment = parsed.repository.slice(parsed.repository.lastIndexOf('/') + 1);
  if (parsed.digest) {
    return { kind: 'pinned' };
  }
  if ((parsed.tag ?? lastSegment).includes(UNKNOWN_PART)) {
    return { kind: 'unknown' };
  }
  if (!isMutable(parsed.tag)) {
    return { kind: 'pinned' };
  }
  return { kind: 'mutable', why: parsed.tag === undefined ? 'no tag means latest' : `"${parsed.tag}" is a mutable tag` };
};

const routerFinding = (
  image: Parameters<typeof candidateTexts>[0],
  parameters: Parameters<typeof candidateTexts>[1],
  label: string,
): Omit<RawFinding, 'path'> | undefined => {
  const candidates = candidateTexts(image, parameters);
  for (const candidate of candidates) {
    const verdict = judgeTag(candidate);
    if (verdict.kind === 'mutable') {
      return { message: `Log router ${label} uses ${shownCandidate(candidate)}: ${verdict.why}; pin a version` };
    }
  }
  const unknown = candidates.find((c) => judgeTag(c).kind === 'unknown');
  if (unknown === undefined) {
    return undefined;
  }
  return {
    severity: 'informational',
    message: `Log router ${label} uses ${shownCandidate(unknown)}: its tag is only known at deploy, so whether it is pinned cannot be checked; pin a version (or give the parameter AllowedValues)`,
  };
};

export const fl1501RouterImageMutableTag = defineRule({
  meta: {
    id: 'FL1501',
    name: 'router-image-mutable-tag',
    severity: 'warning',
    summary: 'Checks that the log router image is pinned to a version, not latest, stable or no tag',
    description:
      'Mutable tags have pulled broken Fluent Bit releases into production; pin a version (or the matching SSM parameter). An image built with Fn::Sub/Fn::Join or chosen by Fn::If is checked in every form it can take (a parameter over its AllowedValues, else its Default); a tag known only at deploy is reported as informational.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-using-fluentbit.html',
    tags: ['firelens', 'image'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers) {
        const finding = routerFinding(router.imageValue, view.parameters, containerLabel(router));
        if (finding !== undefined) {
          yield { ...finding, path: [...router.path, 'Image'] };
        }
      }
    }
  },
});
