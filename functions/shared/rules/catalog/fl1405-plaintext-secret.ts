import { defineRule } from '../define-rule';
import { containerLabel } from '../helpers';

/** Option keys (lower-case) that carry credentials in Fluent Bit outputs. */
const SECRET_KEYS = new Set([
  'apikey',
  'api_key',
  'http_passwd',
  'cloud_auth',
  'splunk_token',
  'license_key',
  'licensekey',
  'http_api_key',
  'aws_secret_access_key',
]);

const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

export const fl1405PlaintextSecret = defineRule({
  meta: {
    id: 'FL1405',
    name: 'plaintext-secret',
    severity: 'error',
    summary: 'Checks that credentials in awsfirelens options come from SecretOptions, not plain values',
    description:
      'Options are stored in the task definition in clear text; api keys, passwords and URLs with credentials belong in SecretOptions (Secrets Manager or SSM Parameter Store).',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html',
    tags: ['firelens', 'options', 'security'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        for (const [key, value] of Object.entries(container.logOptions ?? {})) {
          // CloudFormation passes a number on as its digits, in clear text like any string.
          if ((typeof value !== 'string' && typeof value !== 'number') || value === '') {
            continue;
          }
          if (SECRET_KEYS.has(key.toLowerCase())) {
            yield {
              path: [...container.logOptionsPath, key],
              message: `${containerLabel(container)} sets ${key} as a plain option value; move it to SecretOptions`,
            };
          } else if (typeof value === 'string' && URL_WITH_CREDENTIALS.test(value)) {
            yield {
              path: [...container.logOptionsPath, key],
              message: `${containerLabel(container)} puts credentials in the URL of ${key}; move it to SecretOptions`,
            };
          }
        }
      }
    }
  },
});
