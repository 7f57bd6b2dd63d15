import { outputPlugin } from '../../fluentbit/outputs';
import { literalString } from '../../template/intrinsics';
import { defineRule } from '../define-rule';
import { containerLabel, findOption, FIRELENS_TASKDEF_DOCS } from '../helpers';

export const fl1401OutputOptionMissing = defineRule({
  meta: {
    id: 'FL1401',
    name: 'output-option-missing',
    severity: 'error',
    summary: 'Checks that awsfirelens options of a known Fluent Bit output set every must-have option',
    description:
      'The options become the [OUTPUT] section; a missing required option (region, log_group_name, delivery_stream, …) stops Fluent Bit from starting. Options supplied through SecretOptions count as set.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'options'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const container of task.fireLensContainers) {
        const options = container.logOptions;
        const name = literalString(findOption(options, 'Name')?.[1]);
        const plugin = name === undefined ? undefined : outputPlugin(name);
        if (options === undefined || plugin === undefined) {
          continue;
        }
        // Names set by SecretOptions in every Fn::If branch; one lint cannot read may set any option.
        const secretNames = container.secretOptionNames;
        if (secretNames === undefined) {
          continue;
        }
        const secrets = [...secretNames].map((name) => name.toLowerCase());
        for (const group of plugin.required) {
          const present = group.some((key) => findOption(options, key) !== undefined || secrets.includes(key.toLowerCase()));
          if (!present) {
            yield {
              path: [...container.logOptionsPath, findOption(options, 'Name')?.[0] ?? 'Name'],
              message: `${containerLabel(container)} uses the ${plugin.name} output without ${group.length > 1 ? `one of ${group.join(', ')}` : (group[0] ?? '?')}`,
            };
          }
        }
      }
    }
  },
});
