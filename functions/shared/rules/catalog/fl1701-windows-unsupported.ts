import { defineRule } from '../define-rule';
import { FIRELENS_DOCS } from '../helpers';

export const fl1701WindowsUnsupported = defineRule({
  meta: {
    id: 'FL1701',
    name: 'windows-unsupported',
    severity: 'error',
    summary: 'Checks that FireLens is not used in a Fargate task with a Windows runtime platform',
    description: 'FireLens for Amazon ECS is supported for Linux tasks on Fargate.',
    docsUrl: FIRELENS_DOCS,
    tags: ['firelens', 'platform', 'fargate'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      const family = task.operatingSystemFamily;
      if (task.isFargate && task.usesFireLens && family !== undefined && family.toUpperCase().startsWith('WINDOWS')) {
        yield {
          path: [...task.path, 'Properties', 'RuntimePlatform', 'OperatingSystemFamily'],
          message: `${task.logicalId} uses FireLens on Fargate with ${family}; FireLens supports only Linux tasks there`,
        };
      }
    }
  },
});
