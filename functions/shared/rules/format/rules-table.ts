/** The Markdown rules table: README section, `firelens rules` and `--list-rules` all print this. */
import type { RuleMeta } from '../types';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const renderRulesTable = (rules: readonly { readonly meta: RuleMeta }[]): string => {
  const lines = [
    '| Id | Severity | Name | What it checks | ECS guide |',
    '|---|---|---|---|---|',
    ...rules.map(
      ({ meta }) =>
        `| ${meta.id} | ${meta.severity} | ${meta.name} | ${cell(meta.summary)} | [${cell(pageOf(meta.docsUrl))}](${meta.docsUrl}) |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
};

/** `…/developerguide/firelens-taskdef.html#x` → `firelens-taskdef`. */
const pageOf = (url: string): string => {
  const last = url.split('#')[0]?.split('/').pop() ?? url;
  return last.replace(/\.html$/, '') || url;
};

/** The options rules accept (`--configure-rule ID:key=value`): README section and `firelens rules`. */
export const renderRuleOptionsTable = (rules: readonly { readonly meta: RuleMeta }[]): string => {
  const lines = [
    '| Rule | Option | Default | Range | What it sets |',
    '|---|---|---|---|---|',
    ...rules.flatMap(({ meta }) =>
      Object.entries(meta.options ?? {}).map(
        ([key, spec]) =>
          `| ${meta.id} | ${key} | ${String(spec.default)} | ${String(spec.minimum)}–${String(spec.maximum)} | ${cell(spec.description)} |`,
      ),
    ),
  ];
  return `${lines.join('\n')}\n`;
};
