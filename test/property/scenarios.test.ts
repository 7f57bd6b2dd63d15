/**
 * Intrinsics never hide a violation: a template with error findings, its values wrapped in `Fn::If` (around
 * lists, list items, objects, ports, protocols, attachments: any value of a resource the rules read) or
 * replaced by a `Ref` to a parameter whose `AllowedValues` include the value, still has each of its errors,
 * at the path where the user now wrote the violating value (inside the `Fn::If` branch).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';

import { lintTemplate } from '../../functions/shared/rules/lint';
import type { Finding } from '../../functions/shared/rules/types';
import { isIntrinsic, isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../functions/shared/template/load';
import { pathString, type TemplatePath } from '../../functions/shared/template/locator';
import { readFixture, TEMPLATES_DIR } from '../helpers/rule-tester';
import { PROPERTY_TIMEOUT_MS } from './harness';
import { PROPERTY_RUNS } from './run-counts';

/** Resource types whose values the wraps go around (the ones the rules read). */
const RULE_TYPES = new Set(['AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress']);
RULE_TYPES.add('AWS::EC2::LaunchTemplate').add('AWS::EC2::Instance').add('AWS::IAM::Role').add('AWS::IAM::Policy');

/** At most 5 wraps: 2^5 scenarios, under the bound, so every combination is checked. */
const MAX_WRAPS = 5;

const errorsOf = (template: JsonObject): Finding[] => lintTemplate(template).filter((f) => f.severity === 'error');

/** Every bad fixture with error findings and no Fn::If or AllowedValues of its own: the unwrapped violations. */
const VIOLATIONS: readonly { name: string; template: JsonObject; errors: Finding[] }[] = readdirSync(join(TEMPLATES_DIR, 'bad'))
  .flatMap((rule) => readdirSync(join(TEMPLATES_DIR, 'bad', rule)).map((file) => `bad/${rule}/${file}`))
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .flatMap((name) => {
    const text = readFixture(name);
    if (/Fn::If|!If|AllowedValues|Transform/.test(text)) {
      return [];
    }
    const { template } = loadTemplate(text);
    const errors = errorsOf(template);
    return errors.length > 0 && errors.every((f) => f.ruleId.startsWith('FL1')) ? [{ name, template, errors }] : [];
  });

/** Paths of every value under the Properties of the rules' resources (the Properties object included). */
const wrappablePaths = (template: JsonObject): TemplatePath[] => {
  const paths: TemplatePath[] = [];
  const walk = (value: Json, path: TemplatePath): void => {
    paths.push(path);
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    } else if (isIntrinsic(value)) {
      // An intrinsic is wrapped whole (a Ref, a GetAtt attachment); inside one only Fn::If branches are values.
      const args = value['Fn::If'];
      if (Array.isArray(args)) {
        [1, 2].forEach((branch) => {
          walk(args[branch] ?? null, [...path, 'Fn::If', branch]);
        });
      }
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        walk(child, [...path, key]);
      }
    }
  };
  for (const [id, resource] of Object.entries(isObject(template['Resources']) ? template['Resources'] : {})) {
    if (
      isObject(resource) &&
      RULE_TYPES.has(typeof resource['Type'] === 'string' ? resource['Type'] : '') &&
      resource['Properties'] !== undefined
    ) {
      walk(resource['Properties'], ['Resources', id, 'Properties']);
    }
  }
  return paths;
};

const getAt = (value: Json, path: TemplatePath): Json =>
  path.reduce<Json>((at, key) => (at as Record<string | number, Json>)[key] ?? null, value);

const setAt = (root: JsonObject, path: TemplatePath, value: Json): void => {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path.at(-1) ?? ''] = value;
};

/** A value of the same kind that is not the original (the other branch, or the other allowed value). */
const otherThan = (value: Json): Json => {
  if (Array.isArray(value)) {
    return [];
  }
  if (typeof value === 'number') {
    return value === 80 ? 81 : 80;
  }
  if (typeof value === 'string') {
    return `${value}-other`;
  }
  return typeof value === 'boolean' ? !value : { Ref: 'AWS::NoValue' };
};

type WrapKind = 'if-first' | 'if-second' | 'allowed-parameter';

interface Wrap {
  readonly pick: number;
  readonly kind: WrapKind;
}

/** The fixture with each wrap applied; each wrap gets a condition (free: its parameter has no AllowedValues) or a parameter. */
const wrapped = (template: JsonObject, wraps: readonly Wrap[]): JsonObject => {
  const out = structuredClone(template);
  const parameters: JsonObject = { ...(isObject(out['Parameters']) ? out['Parameters'] : {}), WrapStage: { Type: 'String' } };
  const conditions: JsonObject = { ...(isObject(out['Conditions']) ? out['Conditions'] : {}) };
  wraps.forEach((wrap, k) => {
    const paths = wrappablePaths(out);
    const path = paths[wrap.pick % paths.length] ?? [];
    const value = getAt(out, path);
    const scalar = typeof value !== 'object' || value === null;
    if (wrap.kind === 'allowed-parameter' && scalar && value !== null) {
      parameters[`WrapValue${String(k)}`] = { Type: 'String', AllowedValues: [otherThan(value), value] };
      setAt(out, path, { Ref: `WrapValue${String(k)}` });
      return;
    }
    conditions[`WrapIf${String(k)}`] = { 'Fn::Equals': [{ Ref: 'WrapStage' }, `stage-${String(k)}`] };
    const branches = wrap.kind === 'if-second' ? [otherThan(value), value] : [value, otherThan(value)];
    setAt(out, path, { 'Fn::If': [`WrapIf${String(k)}`, ...branches] });
  });
  return { ...out, Parameters: parameters, Conditions: conditions };
};

/** The path as it was before wrapping: the `Fn::If` and branch segments taken out. */
const unwrappedPath = (path: TemplatePath): string => pathString(path.filter((key, i) => key !== 'Fn::If' && path[i - 1] !== 'Fn::If'));

const wrapArbitrary = fc.record({ pick: fc.nat(), kind: fc.constantFrom<WrapKind>('if-first', 'if-second', 'allowed-parameter') });

describe('scenario linting: wrapped violations', () => {
  it('has violating fixtures to wrap', () => {
    expect(VIOLATIONS.length).toBeGreaterThan(30);
  });

  it(
    'keeps every error of a violating template when its values sit in Fn::If branches or allowed parameter values',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...VIOLATIONS), fc.array(wrapArbitrary, { minLength: 1, maxLength: MAX_WRAPS }), (violation, wraps) => {
          // Arrange
          const template = wrapped(violation.template, wraps);

          // Act
          const found = errorsOf(template).map((f) => `${f.ruleId} ${unwrappedPath(f.path)}`);

          // Assert
          for (const expected of violation.errors) {
            expect(found).toContain(`${expected.ruleId} ${pathString(expected.path)}`);
          }
        }),
        { numRuns: PROPERTY_RUNS.scenarioWrapped },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
