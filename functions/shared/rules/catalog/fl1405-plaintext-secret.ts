import { plaintextSecretOptions } from '../../fluentbit/outputs';
import { defineRule } from '../define-rule';
import { containerLabel } from '../helpers';

export const fl1405PlaintextSecret = defineRule({
  meta: {
    id: 'FL1405',
    name: 'plaintext-secret',
    severity: 'error',
    summary: 'Checks that credentials in awsfirelens options come from SecretOptions, not plain values',
    description:
      'Options are stored in the task definition in clear text; api keys, passwords and URLs with credentials belong in SecretOptions (Secrets Manager or SSM Parameter Store). The credential options of each plugin come from the Fluent Bit catalogue.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html',
    tags: ['firelens', 'options', 'security'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        for (const { key, kind } of plaintextSecretOptions(container.logOptions ?? {})) {
          yield {
            path: [...container.logOptionsPath, key],
            message:
              kind === 'secret-option'
                ? `${containerLabel(container)} sets ${key} as a plain option value; move it to SecretOptions`
                : `${containerLabel(container)} puts credentials in the URL of ${key}; move it to SecretOptions`,
          };
        }
      }
    }
  },
});
