import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1402MatchSetByHand = defineRule({
  meta: {
    id: 'FL1402',
    name: 'match-set-by-hand',
    severity: 'warning',
    summary: 'Checks that awsfirelens log options do not set Match, which FireLens generates',
    description: 'FireLens writes `Match <container>-firelens*` into the generated output itself.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'options'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        for (const key of Object.keys(container.logOptions ?? {})) {
          if (key.toLowerCase() === 'match' || key.toLowerCase() === 'match_regex') {
            yield {
              path: [...container.logOptionsPath, key],
              message: `${containerLabel(container)} sets ${key} in its awsfirelens options; FireLens generates Match itself`,
            };
          }
        }
      }
    }
  },
});
