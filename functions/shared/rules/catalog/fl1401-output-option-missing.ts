import { findOption, validateOutputOptions } from '../../fluentbit/outputs';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1401OutputOptionMissing = defineRule({
  meta: {
    id: 'FL1401',
    name: 'output-option-missing',
    severity: 'error',
    summary: 'Checks that awsfirelens options of a known Fluent Bit output set every must-have option',
    description:
      'The options become the [OUTPUT] section; a missing required option (region, log_group_name, delivery_stream, …) stops Fluent Bit from starting. Options supplied through SecretOptions count as set; an empty string does not.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'options'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        const options = container.logOptions;
        // A SecretOptions list one lint cannot read may set any option.
        const secretOptionNames = container.secretOptionNames;
        if (options === undefined || secretOptionNames === undefined) {
          continue;
        }
        for (const issue of validateOutputOptions(options, { secretOptionNames })) {
          if (issue.kind !== 'missing') {
            continue;
          }
          const wanted = issue.options.length > 1 ? `one of ${issue.options.join(', ')}` : (issue.options[0] ?? '?');
          yield {
            path: [...container.logOptionsPath, findOption(options, 'Name')?.key ?? 'Name'],
            message: `${containerLabel(container)} uses the ${issue.plugin} output without ${wanted}`,
          };
        }
      }
    }
  },
});
