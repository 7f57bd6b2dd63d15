import type { OutputPlugin, PermissionDoc } from './catalogue';
import { OUTPUT_PLUGINS } from './catalogue';

/**
 * The README's destination table, generated from the catalogue so the docs cannot drift from what
 * the macro grants. One row per plugin `Name`.
 */
const code = (text: string): string => `\`${text}\``;

/** Pipes would end a Markdown table cell early. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

const mustHave = (plugin: OutputPlugin): string => {
  if (plugin.required.length === 0) {
    return '—';
  }
  return plugin.required
    .map((group) => {
      const exclusive = plugin.exclusive.some((x) => x.length === group.length && x.every((k) => group.includes(k)));
      const names = group.map(code).join(' or ');
      return group.length > 1 && exclusive ? `one of ${group.map(code).join(' / ')} (not both)` : names;
    })
    .join(', ');
};

const permission = (doc: PermissionDoc): string =>
  `${doc.actions.map(code).join(', ')} on ${doc.on}${doc.when === undefined ? '' : ` — when ${doc.when}`}`;

const permissions = (plugin: OutputPlugin): string => {
  if (plugin.permissions.length === 0) {
    const secrets = plugin.secretOptions.map(code).join(', ');
    return secrets === '' ? 'none' : `none; put ${secrets} in \`secretOptions\` (read by the execution role)`;
  }
  const role = plugin.roleOption === undefined ? '' : `; with ${code(plugin.roleOption)}: only ${code('sts:AssumeRole')} on that role`;
  return `${plugin.permissions.map(permission).join('; ')}${role}`;
};

const implementation = (plugin: OutputPlugin): string => (plugin.implementation === 'go' ? 'Go' : 'C');

export const renderDestinationTable = (): string => {
  const header = ['| `Name` | Destination | Plugin | Must-have options | Task-role permissions |', '| --- | --- | --- | --- | --- |'];
  const rows = OUTPUT_PLUGINS.map(
    (plugin) =>
      `| ${code(plugin.name)} | [${cell(plugin.title)}](${plugin.docsUrl}) | ${implementation(plugin)} | ${cell(mustHave(plugin))} | ${cell(permissions(plugin))} |`,
  );
  return [...header, ...rows].join('\n') + '\n';
};
