import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types';

/**
 * Validation of emitted resources against CloudFormation resource provider schemas committed in
 * `test/fixtures/provider-schemas/` (cfn-lint's copies; source and version in that folder's README), so
 * the tests need nothing outside the repository. The folder is found relative to this file, never through
 * an environment variable, and a missing folder or a missing schema is an error, not a skip.
 */
export const PROVIDER_SCHEMAS_DIR = join(__dirname, '..', 'fixtures', 'provider-schemas');

/** The resource types the tests validate; loadProviderSchemas throws when one of them has no schema. */
export const REQUIRED_PROVIDER_SCHEMAS: readonly string[] = [
  'AWS::CloudFormation::LambdaHook',
  'AWS::EC2::SecurityGroup',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::Lambda::Function',
  'AWS::Logs::LogGroup',
];

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonRecord = { [key: string]: JsonValue };

export interface ProviderSchema {
  readonly typeName: string;
  readonly file: string;
  /** JSON pointers such as `/properties/Arn`. */
  readonly readOnlyProperties: readonly string[];
  readonly validate: ValidateFunction;
}

/** One schema violation of one resource, with the logical id and the path inside Properties. */
export interface SchemaProblem {
  readonly logicalId: string;
  readonly type: string;
  /** `Properties/ContainerDefinitions/0/Image` style. */
  readonly path: string;
  readonly message: string;
}

/** The resource attributes CloudFormation accepts next to Type and Properties. */
const RESOURCE_ATTRIBUTES = new Set([
  'Type',
  'Properties',
  'Condition',
  'DependsOn',
  'Metadata',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'CreationPolicy',
  'UpdatePolicy',
]);

const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `{Ref: …}`, `{Fn::…: …}`: a value CloudFormation resolves at deploy time. Such a value stands for
 * whatever its spot needs, so schema errors at or inside it are not errors of the template.
 */
const isIntrinsicValue = (value: unknown): boolean => {
  if (!isRecord(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] ?? '').startsWith('Fn::'));
};

const pointerSegments = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** Whether the value at `pointer`, or any value on the way to it, is an intrinsic function. */
const atOrInsideIntrinsic = (data: unknown, pointer: string): boolean => {
  let current: unknown = data;
  if (isIntrinsicValue(current)) {
    return true;
  }
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      current = current[Number(segment)];
    } else if (isRecord(current)) {
      current = current[segment];
    } else {
      return false;
    }
    if (isIntrinsicValue(current)) {
      return true;
    }
  }
  return false;
};

/**
 * Keeps the errors that are real. An error at or inside an intrinsic is dropped. An `anyOf`/`oneOf`
 * failure is dropped when one of its branches failed only because of intrinsics (that branch would
 * match once CloudFormation resolves them); a `oneOf` that matched several branches is kept.
 */
const realErrors = (errors: readonly ErrorObject[], data: unknown): ErrorObject[] => {
  const excused = (error: ErrorObject): boolean => {
    if (atOrInsideIntrinsic(data, error.instancePath)) {
      return true;
    }
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      return false;
    }
    if (
      error.keyword === 'oneOf' &&
      isRecord(error.params) &&
      error.params['passingSchemas'] !== null &&
      error.params['passingSchemas'] !== undefined
    ) {
      return false;
    }
    const branchErrors = new Map<string, ErrorObject[]>();
    for (const other of errors) {
      const rest = other.schemaPath.startsWith(`${error.schemaPath}/`) ? other.schemaPath.slice(error.schemaPath.length + 1) : undefined;
      const branch = rest?.split('/')[0];
      if (branch !== undefined && /^\d+$/.test(branch)) {
        branchErrors.set(branch, [...(branchErrors.get(branch) ?? []), other]);
      }
    }
    return [...branchErrors.values()].some((list) => list.length > 0 && list.every(excused));
  };
  return errors.filter((error) => !excused(error));
};

/**
 * The schemas come from the CloudFormation registry, whose patterns are written for Java/Python
 * regex engines: inline `(?i)` flags and `\\Z`/`\\A` anchors. JavaScript rejects those, so they are
 * translated (`(?i)` makes the whole pattern case-insensitive, which can only accept more).
 */
const cfnRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): RegExp => {
    try {
      return new RegExp(pattern, flags);
    } catch {
      const caseless = pattern.includes('(?i)');
      const translated = pattern
        .replace(/\(\?i\)/g, '')
        .replace(/\\Z/g, '$')
        .replace(/\\A/g, '^');
      return new RegExp(translated, caseless && !flags.includes('i') ? `${flags}i` : flags);
    }
  },
  { code: 'cfnRegExp' },
);

/** Reads every schema in the folder, keyed by its `typeName`. Throws when the folder or a required type is missing. */
export const loadProviderSchemas = (
  dir: string = PROVIDER_SCHEMAS_DIR,
  required: readonly string[] = REQUIRED_PROVIDER_SCHEMAS,
): Map<string, ProviderSchema> => {
  if (!existsSync(dir)) {
    throw new Error(
      `CloudFormation provider schemas not found at ${dir}. They are committed under test/fixtures/provider-schemas/ ` +
        '(see its README); these tests must not be skipped.',
    );
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) {
    throw new Error(`no *.json provider schemas in ${dir}`);
  }
  // draft-07 (ajv's default); the schemas carry cfn-lint's own `format` names and CloudFormation keywords
  // (insertionOrder, uniqueKeys, …), which are annotations here.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false, code: { regExp: cfnRegExp } });
  const schemas = new Map<string, ProviderSchema>();
  for (const file of files) {
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonRecord;
    const typeName = raw['typeName'];
    if (typeof typeName !== 'string') {
      throw new Error(`${file} has no typeName`);
    }
    // The `$schema` of some files names CloudFormation's provider meta-schema, which ajv does not know;
    // the document is validated as the draft-07 schema of the resource's Properties.
    const { $schema: _metaSchema, $id: _id, ...schema } = raw;
    const readOnly = raw['readOnlyProperties'];
    schemas.set(typeName, {
      typeName,
      file,
      readOnlyProperties: Array.isArray(readOnly) ? readOnly.filter((p): p is string => typeof p === 'string') : [],
      validate: ajv.compile(schema),
    });
  }
  const missing = required.filter((type) => !schemas.has(type));
  if (missing.length > 0) {
    throw new Error(`no provider schema in ${dir} for ${missing.join(', ')} (see test/fixtures/provider-schemas/README.md)`);
  }
  return schemas;
};

const readOnlyProblems = (logicalId: string, type: string, properties: JsonRecord, pointers: readonly string[]): SchemaProblem[] =>
  pointers.flatMap((pointer) => {
    const segments = pointerSegments(pointer).filter((s) => s !== 'properties');
    let current: unknown = properties;
    for (const segment of segments) {
      if (!isRecord(current) || !(segment in current)) {
        return [];
      }
      current = current[segment];
    }
    return [
      {
        logicalId,
        type,
        path: `Properties/${segments.join('/')}`,
        message: 'is read-only (an attribute CloudFormation returns), not a property to set',
      },
    ];
  });

/**
 * Every problem of every resource in `template` whose Type has a provider schema: schema violations of
 * its Properties (intrinsics excused), read-only properties set, and unknown resource attributes.
 * `checked` lists the resources that had a schema, so a test can tell that something was validated.
 */
export const validateTemplateResources = (
  template: unknown,
  schemas: ReadonlyMap<string, ProviderSchema>,
): { checked: string[]; problems: SchemaProblem[] } => {
  const resources = isRecord(template) ? template['Resources'] : undefined;
  if (!isRecord(resources)) {
    return { checked: [], problems: [] };
  }
  const checked: string[] = [];
  const problems: SchemaProblem[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || typeof resource['Type'] !== 'string') {
      problems.push({ logicalId, type: '?', path: '', message: 'is not a resource with a Type' });
      continue;
    }
    const type = resource['Type'];
    const schema = schemas.get(type);
    if (schema === undefined) {
      continue;
    }
    checked.push(`${logicalId} (${type})`);
    for (const key of Object.keys(resource)) {
      if (!RESOURCE_ATTRIBUTES.has(key)) {
        problems.push({ logicalId, type, path: key, message: 'is not a resource attribute CloudFormation accepts' });
      }
    }
    const properties = resource['Properties'] ?? {};
    if (!isRecord(properties)) {
      problems.push({ logicalId, type, path: 'Properties', message: 'must be an object' });
      continue;
    }
    if (!schema.validate(properties)) {
      for (const error of realErrors(schema.validate.errors ?? [], properties)) {
        const detail = error.keyword === 'additionalProperties' ? ` (${String(error.params['additionalProperty'])})` : '';
        problems.push({ logicalId, type, path: `Properties${error.instancePath}`, message: `${error.message ?? error.keyword}${detail}` });
      }
    }
    problems.push(...readOnlyProblems(logicalId, type, properties, schema.readOnlyProperties));
  }
  return { checked, problems };
};

/** One line per problem: `LogicalId (Type) Properties/Path: message`, for readable failures. */
export const formatSchemaProblems = (problems: readonly SchemaProblem[]): string[] =>
  problems.map((p) => `${p.logicalId} (${p.type}) ${p.path}: ${p.message}`);
