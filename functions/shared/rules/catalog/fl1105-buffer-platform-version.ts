import { defineRule } from '../define-rule';
import { BUFFER_DOCS, bufferTotal, compareVersions } from '../helpers';

export const fl1105BufferPlatformVersion = defineRule({
  meta: {
    id: 'FL1105',
    name: 'buffer-platform-version',
    severity: 'error',
    summary: 'Checks that a Fargate service using log-driver-buffer-limit runs on platform version 1.4.0 or later',
    docsUrl: BUFFER_DOCS,
    tags: ['firelens', 'buffer', 'fargate'],
  },
  *check(view) {
    for (const service of view.services) {
      const fargate = service.launchType === 'FARGATE' || service.usesFargateCapacityProvider;
      const version = service.platformVersion;
      const task = service.taskDefinition;
      if (!fargate || version === undefined || task === undefined || !bufferTotal(task).any) {
        continue;
      }
      const order = compareVersions(version, '1.4.0');
      if (order !== undefined && order < 0) {
        yield {
          path: service.platformVersionPath,
          message: `Service ${service.logicalId} pins Fargate platform version ${version}, but ${task.logicalId} uses log-driver-buffer-limit, which needs 1.4.0 or later`,
        };
      }
    }
  },
});
