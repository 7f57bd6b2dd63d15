import { plaintextSecretOptions } from '../../fluentbit/outputs';
import type { Json } from '../../template/intrinsics';
import type { ContainerView, ParameterView } from '../../template/view';
import { defineRule } from '../define-rule';
import { containerLabel } from '../helpers';
import { candidateTexts, referencedNames, UNKNOWN_PART } from '../text-candidates';
import type { RawFinding } from '../types';

/**
 * A credential inside a longer option value: an HTTP header that authenticates (Fluent Bit `http`
 * output, `Header <name> <value>`), or a Bearer/Basic token anywhere. A value that is only a Fluent Bit
 * `${VAR}` reference is fine: the variable comes from SecretOptions at run time.
 */
const EMBEDDED_CREDENTIAL =
  /^\s*(?:authorization|proxy-authorization|x-api-key|api-key|apikey|dd-api-key|x-auth-token|x-splunk-token|x-sumo-token)\s*:?\s+(.+)$|\b(?:bearer|basic)\s+(.+)$/i;
const ENV_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;

const embedsCredential = (text: string): boolean => {
  const match = EMBEDDED_CREDENTIAL.exec(text);
  const secret = (match?.[1] ?? match?.[2])?.trim().split(/\s+/).at(-1);
  return secret !== undefined && (secret.includes(UNKNOWN_PART) || !ENV_REFERENCE.test(secret));
};

const noEchoFindings = (container: ContainerView, parameters: ReadonlyMap<string, ParameterView>): RawFinding[] =>
  Object.entries(container.logOptions ?? {}).flatMap(([key, value]): RawFinding[] => {
    const secret = referencedNames(value).find((name) => parameters.get(name)?.noEcho === true);
    return secret === undefined
      ? []
      : [
          {
            path: [...container.logOptionsPath, key],
            message: `${containerLabel(container)} puts NoEcho parameter ${secret} into ${key}: CloudFormation writes its value into the task definition in clear text; pass it through SecretOptions`,
          },
        ];
  });

const embeddedFindings = (
  container: ContainerView,
  parameters: ReadonlyMap<string, ParameterView>,
  skip: ReadonlySet<string>,
): RawFinding[] =>
  Object.entries(container.logOptions ?? {}).flatMap(([key, value]: [string, Json]): RawFinding[] =>
    skip.has(key) || !candidateTexts(value, parameters).some(embedsCredential)
      ? []
      : [
          {
            path: [...container.logOptionsPath, key],
            message: `${containerLabel(container)} embeds a credential in ${key}; move it to SecretOptions and refer to it as \${VARIABLE}`,
          },
        ],
  );

export const fl1405PlaintextSecret = defineRule({
  meta: {
    id: 'FL1405',
    name: 'plaintext-secret',
    severity: 'error',
    summary: 'Checks that credentials in awsfirelens options come from SecretOptions, not plain values',
    description:
      'Options are stored in the task definition in clear text; api keys, passwords, URLs with credentials, authorization headers and tokens (also inside a longer value such as Header: !Sub "Authorization Bearer ${Key}"), and any NoEcho parameter referenced by an option belong in SecretOptions (Secrets Manager or SSM Parameter Store). The credential options of each plugin come from the Fluent Bit catalogue.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html',
    tags: ['firelens', 'options', 'security'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        const reported = new Set<string>();
        for (const { key, kind } of plaintextSecretOptions(container.logOptions ?? {})) {
          reported.add(key);
          yield {
            path: [...container.logOptionsPath, key],
            message:
              kind === 'secret-option'
                ? `${containerLabel(container)} sets ${key} as a plain option value; move it to SecretOptions`
                : `${containerLabel(container)} puts credentials in the URL of ${key}; move it to SecretOptions`,
          };
        }
        for (const finding of noEchoFindings(container, view.parameters)) {
          reported.add(String(finding.path.at(-1)));
          yield finding;
        }
        yield* embeddedFindings(container, view.parameters, reported);
      }
    }
  },
});
