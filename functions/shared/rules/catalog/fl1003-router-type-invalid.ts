import { isIntrinsic } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS, shownValue } from '../helpers';

const TYPES = new Set(['fluentbit', 'fluentd']);

export const fl1003RouterTypeInvalid = defineRule({
  meta: {
    id: 'FL1003',
    name: 'router-type-invalid',
    severity: 'error',
    summary: 'Checks that FirelensConfiguration.Type is fluentbit or fluentd',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'router', 'registration'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers) {
        const config = router.firelensConfiguration;
        if (!config) {
          continue;
        }
        if (!Object.hasOwn(config, 'Type')) {
          yield {
            path: [...router.path, 'FirelensConfiguration'],
            message: `FirelensConfiguration of ${containerLabel(router)} has no Type (fluentbit or fluentd)`,
          };
          continue;
        }
        // Any literal other than the two names is wrong, a number or a list as much as a misspelt string.
        const type = config['Type'];
        if (!isIntrinsic(type) && !(typeof type === 'string' && TYPES.has(type))) {
          yield {
            path: [...router.path, 'FirelensConfiguration', 'Type'],
            message: `FirelensConfiguration Type ${shownValue(type)} of ${containerLabel(router)} is not fluentbit or fluentd`,
          };
        }
      }
    }
  },
});
