import { literalString } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS, routerOption } from '../helpers';

export const fl1006S3ConfigOnFargate = defineRule({
  meta: {
    id: 'FL1006',
    name: 's3-config-on-fargate',
    severity: 'error',
    summary: 'Checks that a Fargate task does not load its Fluent Bit config with config-file-type s3',
    description:
      'Fargate supports only config-file-type file; use a config baked into the image, or the init image with aws_fluent_bit_init_s3_N.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'router', 'fargate'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.isFargate)) {
      for (const router of task.routers) {
        const type = routerOption(router, 'config-file-type');
        if (type && literalString(type.value) === 's3') {
          yield {
            path: type.path,
            message: `${containerLabel(router)} uses config-file-type s3 but ${task.logicalId} requires FARGATE, which supports only file`,
          };
        }
      }
    }
  },
});
