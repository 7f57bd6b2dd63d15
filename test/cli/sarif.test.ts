import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020';

import { createNodeIo, runCli } from '../../functions/cli/main';
import { catalog } from '../../functions/shared/rules/catalog';
import { FINGERPRINT_KEY } from '../../functions/shared/rules/format/sarif';
import { readFixture } from '../helpers/rule-tester';

/**
 * `firelens lint --format sarif` against the SARIF 2.1.0 JSON schema (test/fixtures/sarif, see its README),
 * plus what the schema cannot say and SARIF consumers rely on: file URIs, `%SRCROOT%`, the tool's version,
 * rule metadata and fingerprints that survive moved lines.
 */

const ROOT = join(__dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SCHEMA = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;

const validateSarif = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(SCHEMA);

interface SarifLog {
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: Record<string, unknown>[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

/** A directory with an error template (`bad.yaml`) and a warnings-only one (`warn.yaml`). */
const workspace = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'firelens-sarif-'));
  writeFileSync(join(dir, 'bad.yaml'), readFixture('bad/FL1301/inline-tcp-range-ipv4.yaml'));
  writeFileSync(join(dir, 'warn.yaml'), readFixture('good/aws-example-cloudwatch-logs.yaml'));
  return dir;
};

const lintSarif = async (cwd: string, files: string[]): Promise<{ text: string; log: SarifLog }> => {
  let text = '';
  await runCli(['lint', ...files, '--format', 'sarif'], { ...createNodeIo(cwd), stdout: (t) => (text += t), stderr: () => undefined });
  return { text, log: JSON.parse(text) as SarifLog };
};

const schemaErrors = (log: unknown): string[] =>
  validateSarif(log) ? [] : (validateSarif.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? e.keyword}`);

describe('firelens lint --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema, with relative and absolute file names', async () => {
    // Arrange
    const dir = workspace();

    // Act
    const { log } = await lintSarif(dir, ['warn.yaml', join(dir, 'bad.yaml')]);

    // Assert
    expect(log.runs[0]?.results.length).toBeGreaterThan(1);
    expect(schemaErrors(log)).toEqual([]);
  });

  it('marks what the template suppressed as an inSource suppression with --show-suppressed, still schema-valid', async () => {
    // Arrange
    const dir = workspace();
    writeFileSync(
      join(dir, 'quiet.yaml'),
      `Metadata:\n  firelens-lint:\n    config:\n      ignore_checks: [FL1301]\n${readFixture('bad/FL1301/inline-tcp-range-ipv4.yaml')}`,
    );
    let text = '';

    // Act
    await runCli(['lint', 'quiet.yaml', '--format', 'sarif', '--show-suppressed'], {
      ...createNodeIo(dir),
      stdout: (t) => (text += t),
      stderr: () => undefined,
    });

    // Assert
    const log = JSON.parse(text) as { runs: { results: { ruleId: string; suppressions?: unknown }[] }[] };
    expect(log.runs[0]?.results.map((r) => [r.ruleId, r.suppressions])).toEqual([
      ['FL1301', [{ kind: 'inSource', justification: "Suppressed by the template's Metadata (ignore_checks FL1301)" }]],
    ]);
    expect(schemaErrors(log)).toEqual([]);
  });

  it('is checked by a schema that does reject a broken log', () => {
    expect(schemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: {} }] }] })).not.toEqual([]);
  });

  it('writes absolute paths as file:// URIs and relative ones under %SRCROOT%, resolved by originalUriBaseIds', async () => {
    // Arrange
    const dir = workspace();

    // Act
    const { log } = await lintSarif(dir, ['./warn.yaml', join(dir, 'bad.yaml')]);

    // Assert
    const run = log.runs[0];
    const locations = new Set(run?.results.map((r) => JSON.stringify(r.locations[0]?.physicalLocation.artifactLocation)));
    expect([...locations].sort()).toEqual(
      [JSON.stringify({ uri: 'warn.yaml', uriBaseId: '%SRCROOT%' }), JSON.stringify({ uri: `file://${join(dir, 'bad.yaml')}` })].sort(),
    );
    expect(run?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${dir}/` } });
  });

  it('percent-encodes what a URI cannot carry', async () => {
    const dir = workspace();
    copyFileSync(join(dir, 'bad.yaml'), join(dir, 'a b#1.yaml'));

    const { log } = await lintSarif(dir, ['a b#1.yaml']);

    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: 'a%20b%231.yaml',
      uriBaseId: '%SRCROOT%',
    });
  });

  it('names the tool with its version and home, and describes every rule', async () => {
    const { log } = await lintSarif(workspace(), ['bad.yaml']);

    const driver = log.runs[0]?.tool.driver;
    expect(driver).toMatchObject({
      name: 'firelens-lint',
      version: VERSION,
      informationUri: expect.stringMatching(/^https:\/\//) as unknown,
    });
    const fl1301 = catalog.find((r) => r.meta.id === 'FL1301')?.meta;
    expect(driver?.rules.find((r) => r['id'] === 'FL1301')).toMatchObject({
      name: fl1301?.name,
      shortDescription: { text: fl1301?.summary },
      fullDescription: { text: expect.any(String) as unknown },
      helpUri: fl1301?.docsUrl,
      properties: { tags: fl1301?.tags },
    });
    for (const rule of driver?.rules ?? []) {
      expect(Object.keys(rule)).toEqual(expect.arrayContaining(['id', 'shortDescription', 'fullDescription', 'helpUri', 'properties']));
    }
  });

  it('gives each result a partial fingerprint that is the same across runs and when lines move', async () => {
    // Arrange: the same template, once with three lines of comments on top
    const dir = workspace();
    const text = readFileSync(join(dir, 'bad.yaml'), 'utf8');

    // Act
    const first = await lintSarif(dir, ['bad.yaml']);
    const again = await lintSarif(dir, ['bad.yaml']);
    writeFileSync(join(dir, 'bad.yaml'), `# one\n# two\n# three\n${text}`);
    const moved = await lintSarif(dir, ['bad.yaml']);

    // Assert
    const prints = (log: SarifLog) => log.runs[0]?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(again.text).toBe(first.text);
    expect(prints(moved.log)).toEqual(prints(first.log));
    expect(prints(first.log)?.every((p) => typeof p === 'string' && /^[0-9a-f]{32}$/.test(p))).toBe(true);
    expect(moved.log.runs[0]?.results[0]?.locations[0]?.physicalLocation.region.startLine).toBe(
      (first.log.runs[0]?.results[0]?.locations[0]?.physicalLocation.region.startLine ?? 0) + 3,
    );
  });
});
