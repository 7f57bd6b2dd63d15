// What `sam build` does for a function with `Metadata.BuildMethod: esbuild`, shared by
// scripts/local-invoke.mjs (run a function locally) and bench/ (measure the bundles SAM would deploy):
// read the function's Handler, CodeUri, environment and BuildProperties from template.yaml, and bundle
// it with esbuild as SAM's esbuild workflow does (--bundle --platform=node plus the BuildProperties).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

// SAM templates use short-form tags (!Ref, !Sub, …). Their scalar forms become `{ Fn: value }` objects,
// so an environment variable set with `!Ref Param` is recognised as unresolved and skipped by callers, as
// it would be without parameter overrides (collection forms such as `!If [..]` stay lists: skipped too).
const SHORT_FORMS = [
  'Ref',
  'Sub',
  'GetAtt',
  'ImportValue',
  'Base64',
  'GetAZs',
  'FindInMap',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'And',
  'Or',
  'Not',
  'Condition',
  'Cidr',
  'Transform',
];
const customTags = SHORT_FORMS.map((name) => ({
  tag: `!${name}`,
  resolve: (value) => ({ [name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`]: value }),
}));

/** A user mistake (unknown function, no esbuild Metadata, bad Handler): callers print the message. */
export class SamFunctionError extends Error {}

/**
 * The function `functionId` of a SAM template: `{ functionId, templatePath, globals, resource, props,
 * buildProperties, codeUri, handlerFile, handlerExport, entryPoints }`, where `props` are the Globals
 * merged with the function's Properties, as SAM merges them.
 */
export const readSamFunction = (templatePath, functionId) => {
  const template = parse(readFileSync(templatePath, 'utf8'), { customTags, logLevel: 'error' });
  const resource = template?.Resources?.[functionId];
  if (!resource || resource.Type !== 'AWS::Serverless::Function') {
    throw new SamFunctionError(`${functionId} is not an AWS::Serverless::Function in ${templatePath}`);
  }
  if (resource.Metadata?.BuildMethod !== 'esbuild') {
    throw new SamFunctionError(`${functionId} has no esbuild Metadata`);
  }
  const globals = template.Globals?.Function ?? {};
  const props = { ...globals, ...resource.Properties };
  const buildProperties = resource.Metadata.BuildProperties ?? {};
  const codeUri = resolve(dirname(templatePath), props.CodeUri ?? '.');
  const handler = String(props.Handler ?? '');
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) {
    throw new SamFunctionError(`bad Handler "${handler}"`);
  }
  const handlerFile = handler.slice(0, dot);
  const handlerExport = handler.slice(dot + 1);
  const entryPoints = (buildProperties.EntryPoints ?? [`${handlerFile}.ts`]).map((e) => join(codeUri, e));
  return { functionId, templatePath, globals, resource, props, buildProperties, codeUri, handlerFile, handlerExport, entryPoints };
};

/**
 * Bundles the function into `outdir` as `sam build` would and returns the path of the handler's .js
 * file. SAM's defaults when a key is absent: minify on, target es2020, format cjs, no sourcemap.
 */
export const bundleSamFunction = async (fn, outdir) => {
  const { buildProperties } = fn;
  await build({
    entryPoints: fn.entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    minify: buildProperties.Minify ?? true,
    target: buildProperties.Target ?? 'es2020',
    format: buildProperties.Format ?? 'cjs',
    sourcemap: buildProperties.Sourcemap ?? false,
    external: buildProperties.External ?? [],
    logLevel: 'warning',
  });
  return join(outdir, `${fn.handlerFile.split('/').pop()}.js`);
};
