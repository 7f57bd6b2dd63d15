import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../functions/shared/template/load';

/**
 * The publishing and rollout templates: the Serverless Application Repository metadata of template.yaml,
 * and deploy/org-rollout.yaml (a service-managed StackSet). cfn-lint cannot be installed here, so these
 * checks are structural: the fields each service requires, and every Ref naming something that exists.
 */

const ROOT = join(__dirname, '..', '..');
const load = (file: string): JsonObject => loadTemplate(readFileSync(join(ROOT, file), 'utf8')).template;
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const APP = load('template.yaml');
const ROLLOUT = load('deploy/org-rollout.yaml');

/** Every `{ Ref: name }` in a value. */
const refs = (value: unknown): string[] => {
  if (Array.isArray(value)) {
    return value.flatMap(refs);
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const record = value as Record<string, unknown>;
  return typeof record['Ref'] === 'string' ? [record['Ref']] : Object.values(record).flatMap(refs);
};

const section = (template: JsonObject, name: string): Record<string, Record<string, unknown>> =>
  (template[name] ?? {}) as Record<string, Record<string, unknown>>;

describe('template.yaml: AWS::ServerlessRepo::Application metadata', () => {
  const sar = section(APP, 'Metadata')['AWS::ServerlessRepo::Application'] ?? {};

  it('has the fields `sam publish` requires, within the repository limits', () => {
    expect(sar['Name']).toMatch(/^[a-zA-Z0-9-]{1,140}$/);
    expect(typeof sar['Description'] === 'string' && sar['Description'].length <= 256).toBe(true);
    expect(typeof sar['Author']).toBe('string');
    expect(sar['SpdxLicenseId']).toBe('MIT-0');
    expect(existsSync(join(ROOT, String(sar['ReadmeUrl'])))).toBe(true);
    const labels = sar['Labels'] as string[];
    expect(labels.length).toBeLessThanOrEqual(10);
    expect(labels.every((l) => /^[a-zA-Z0-9+\-_:/@]{1,127}$/.test(l))).toBe(true);
  });

  it('carries the package.json version as SemanticVersion', () => {
    expect(sar['SemanticVersion']).toBe(VERSION);
  });
});

describe('deploy/org-rollout.yaml', () => {
  const parameters = section(ROLLOUT, 'Parameters');
  const stackSet = section(ROLLOUT, 'Resources')['FireLensStackSet'] as { Type: string; Properties: Record<string, unknown> };
  const props = stackSet.Properties;

  it('declares a service-managed StackSet that deploys to new accounts of the OUs automatically', () => {
    expect(stackSet.Type).toBe('AWS::CloudFormation::StackSet');
    expect(props).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      TemplateURL: { Ref: 'ProcessedTemplateURL' },
      StackInstancesGroup: [
        { DeploymentTargets: { OrganizationalUnitIds: { Ref: 'OrganizationalUnitIds' } }, Regions: { Ref: 'Regions' } },
      ],
    });
  });

  it('takes regions, failure tolerance and concurrency as parameters', () => {
    expect(parameters['Regions']?.['Type']).toBe('CommaDelimitedList');
    expect(parameters['OrganizationalUnitIds']?.['Type']).toBe('CommaDelimitedList');
    expect(props['OperationPreferences']).toEqual({
      FailureTolerancePercentage: { Ref: 'FailureTolerancePercentage' },
      MaxConcurrentPercentage: { Ref: 'MaxConcurrentPercentage' },
      RegionConcurrencyType: { Ref: 'RegionConcurrencyType' },
    });
  });

  it('acknowledges IAM but no transform: service-managed StackSets refuse templates with macros', () => {
    expect(props['Capabilities']).toEqual(['CAPABILITY_IAM']);
  });

  it('passes only parameters template.yaml declares', () => {
    const passed = (props['Parameters'] as { ParameterKey: string }[]).map((p) => p.ParameterKey);

    expect(passed.length).toBeGreaterThan(0);
    expect(passed.filter((key) => !(key in section(APP, 'Parameters')))).toEqual([]);
  });

  it('refers only to its own parameters and resources', () => {
    const known = new Set([...Object.keys(parameters), ...Object.keys(section(ROLLOUT, 'Resources'))]);

    expect(
      refs(ROLLOUT['Resources'])
        .concat(refs(ROLLOUT['Outputs']))
        .filter((name) => !known.has(name)),
    ).toEqual([]);
    expect(Object.keys(parameters).filter((name) => !refs(ROLLOUT['Resources']).includes(name))).toEqual([]);
  });
});
