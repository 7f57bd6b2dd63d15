import { isIntrinsic } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS, routerOption, shownValue } from '../helpers';

export const fl1005ConfigFileTypeInvalid = defineRule({
  meta: {
    id: 'FL1005',
    name: 'config-file-type-invalid',
    severity: 'error',
    summary: 'Checks that config-file-type is file or s3 and comes together with config-file-value',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'router', 'options'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const router of task.routers) {
        const type = routerOption(router, 'config-file-type');
        const value = routerOption(router, 'config-file-value');
        // Any literal other than the two names is wrong, a number or a list as much as a misspelt string.
        if (type && !isIntrinsic(type.value) && type.value !== 'file' && type.value !== 's3') {
          yield { path: type.path, message: `config-file-type ${shownValue(type.value)} of ${containerLabel(router)} is not file or s3` };
        }
        if (type && !value) {
          yield { path: type.path, message: `${containerLabel(router)} sets config-file-type without config-file-value` };
        }
        if (value && !type) {
          yield { path: value.path, message: `${containerLabel(router)} sets config-file-value without config-file-type` };
        }
      }
    }
  },
});
