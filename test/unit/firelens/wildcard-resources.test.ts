import { formatProblemPath, type Problem } from '../../../functions/shared/errors';
import { expandFragment } from '../../../functions/shared/firelens';
import { destinationOutput, SHORT_FORM_FIELD_OF_OPTION } from '../../../functions/shared/firelens/destinations';
import type { DestinationKey } from '../../../functions/shared/firelens/property-schema';
import { WILDCARD_RESOURCES_SID } from '../../../functions/shared/fluentbit/iam';
import { runPipeline } from '../../../functions/shared/pipeline';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { auditGeneratedIam } from '../../helpers/iam-audit';
import { ACCEPTED_WILDCARD_CASES, NOT_WRITTEN_WILDCARDS, WILDCARD_CASES, wildcardTemplate } from './wildcard-cases';

const lines = (problems: readonly Problem[]): string[] => problems.map((p) => `${formatProblemPath(p.path)}: ${p.message}`);

/** Every statement of every generated role and policy, with the generated resource's id. */
const generatedStatements = (input: JsonObject, output: JsonObject): { id: string; statement: JsonObject }[] => {
  const before = input['Resources'] as Record<string, unknown>;
  return Object.entries(output['Resources'] as Record<string, JsonObject>).flatMap(([id, resource]) => {
    if (id in before) {
      return [];
    }
    const properties = resource['Properties'] as JsonObject | undefined;
    const documents =
      resource['Type'] === 'AWS::IAM::Role'
        ? ((properties?.['Policies'] as JsonObject[] | undefined) ?? []).map((p) => p['PolicyDocument'] as JsonObject)
        : resource['Type'] === 'AWS::IAM::Policy'
          ? [properties?.['PolicyDocument'] as JsonObject]
          : [];
    return documents.flatMap((d) => (d['Statement'] as JsonObject[]).map((statement) => ({ id, statement })));
  });
};

describe('a wildcard written in a field that becomes an IAM resource', () => {
  it.each(WILDCARD_CASES.map((c) => [c.name, c] as const))('is refused naming the field: %s', (_name, c) => {
    // Act
    const result = expandFragment(c.fragment);

    // Assert
    expect(result.ok).toBe(false);
    const found = result.ok ? [] : lines(result.problems);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(c.problem);
  });

  it.each(ACCEPTED_WILDCARD_CASES.filter((c) => c.always === true).map((c) => [c.name, c] as const))(
    'is refused even with AllowWildcardResources when it is a role to assume: %s',
    (_name, c) => {
      // Act
      const result = expandFragment(c.fragment);

      // Assert
      expect(result.ok ? [] : lines(result.problems)).toEqual([expect.stringContaining(c.problem)]);
    },
  );

  describe.each(ACCEPTED_WILDCARD_CASES.filter((c) => c.always !== true).map((c) => [c.name, c] as const))(
    'accepted with AllowWildcardResources: true: %s',
    (_name, c) => {
      it('expands, and marks each statement granting the wildcard resource', () => {
        // Act
        const result = expandFragment(c.fragment);

        // Assert
        if (!result.ok) {
          throw new Error(lines(result.problems).join('\n'));
        }
        const marked = generatedStatements(c.fragment, result.fragment).filter((s) => s.statement['Sid'] === WILDCARD_RESOURCES_SID);
        expect(marked.length).toBeGreaterThan(0);
        // A wildcard in the resource text, or a Ref to the parameter whose values hold one.
        for (const { statement } of marked) {
          expect(JSON.stringify(statement['Resource'])).toMatch(/[*?]|"Ref":"Stream"/);
        }
      });

      it('is reported by FL1604 (warning) at the FireLens property on lint', () => {
        // Act
        const { findings } = runPipeline({ template: c.fragment }, { expand: 'always' });

        // Assert
        const fl1604 = findings.filter((f) => f.ruleId === 'FL1604');
        expect(fl1604.length).toBeGreaterThan(0);
        for (const finding of fl1604) {
          expect(finding).toMatchObject({ severity: 'warning', logicalId: 'Task', path: ['Resources', 'Task', 'Properties', 'FireLens'] });
          expect(finding.message).toContain('grants a wildcard resource');
        }
      });
    },
  );

  it.each(NOT_WRITTEN_WILDCARDS)('is not what %s gives: it expands unmarked, and the IAM audit finds nothing', (_name, fragment) => {
    // Act
    const result = expandFragment(fragment);

    // Assert
    if (!result.ok) {
      throw new Error(lines(result.problems).join('\n'));
    }
    expect(generatedStatements(fragment, result.fragment).filter((s) => s.statement['Sid'] !== undefined)).toEqual([]);
    expect(auditGeneratedIam(fragment, result.fragment)).toEqual([]);
  });

  it('Router.LogGroup: "*" is refused already by the log group name pattern', () => {
    // Arrange
    const fragment = wildcardTemplate({
      fireLens: "        Destination: {Firehose: {DeliveryStreamName: app}}\n        Router: {LogGroup: '*'}",
    });

    // Act
    const result = expandFragment(fragment);

    // Assert
    expect(result.ok ? [] : lines(result.problems)).toEqual([
      expect.stringMatching(/^Task\.Properties\.FireLens\.Router\.LogGroup: "\*" is not a log group name/),
    ]);
  });

  it.each([
    [
      'a Serverless collection endpoint without Serverless: true',
      'abc123.eu-west-1.aoss.amazonaws.com',
      '',
      'is an OpenSearch Serverless collection endpoint, but the output signs for a managed domain (set Serverless: true)',
      false,
    ],
    [
      'a domain endpoint with Serverless: true',
      'search-logs-abc.eu-west-1.es.amazonaws.com',
      ', Serverless: true',
      'is an OpenSearch Service domain endpoint, but the output signs for a Serverless collection (remove Serverless: true)',
      false,
    ],
    ['a custom host name', 'logs.example.com', '', 'is not a domain endpoint (search-<name>-<id>.<region>.es.amazonaws.com)', true],
  ])(
    'OpenSearch.Endpoint that is %s is refused: it would grant every domain or collection',
    (_what, host, extra, why, acceptedWithFlag) => {
      // Arrange
      const fireLens = `        Destination: {OpenSearch: {Endpoint: '${host}', Index: app${extra}}}`;

      // Act
      const refused = expandFragment(wildcardTemplate({ fireLens }));
      const withFlag = expandFragment(wildcardTemplate({ fireLens }, true));

      // Assert: AllowWildcardResources accepts the wide grant, but not an endpoint of the other service,
      // where the router would sign for the wrong one and deliver nothing
      expect(refused.ok ? [] : lines(refused.problems)).toEqual([
        expect.stringContaining(`Task.Properties.FireLens.Destination.OpenSearch.Endpoint: "${host}" ${why}`),
      ]);
      expect(withFlag.ok ? [] : lines(withFlag.problems)).toEqual(
        acceptedWithFlag ? [] : [expect.stringMatching(/the router could not deliver there$/)],
      );
    },
  );

  it('lists every wildcard field of a task at once (an S3 ARN has no region, so Region is no IAM resource there)', () => {
    // Arrange
    const fragment = wildcardTemplate({
      fireLens:
        "        Destination: {S3: {BucketName: 'b*', KeyFormat: '/k?/', Region: '*'}}\n        Router: {ConfigFile: 'arn:aws:s3:::c/*'}",
    });

    // Act
    const result = expandFragment(fragment);

    // Assert
    expect(result.ok ? [] : lines(result.problems).map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      'Task.Properties.FireLens.Destination.S3.BucketName',
      'Task.Properties.FireLens.Destination.S3.KeyFormat',
      'Task.Properties.FireLens.Router.ConfigFile',
    ]);
  });
});

describe('SHORT_FORM_FIELD_OF_OPTION', () => {
  const settings: Record<DestinationKey, JsonObject> = {
    CloudWatchLogs: { LogGroupName: 'LogGroupName', LogStreamPrefix: 'LogStreamPrefix', Region: 'Region' },
    Firehose: { DeliveryStreamName: 'DeliveryStreamName', Region: 'Region' },
    KinesisStreams: { StreamName: 'StreamName', Region: 'Region' },
    S3: { BucketName: 'BucketName', KeyFormat: 'KeyFormat', Region: 'Region' },
    OpenSearch: { Endpoint: 'Endpoint', Index: 'Index', Region: 'Region' },
    Custom: { Name: 'Name' },
  };

  it.each(Object.keys(settings) as DestinationKey[])('reads destinationOutput backwards for %s', (kind) => {
    // Act: each field's value is its own name, so an option shows the field it was written from.
    const { options } = destinationOutput({ kind, settings: settings[kind] }, { containerName: 'app', createdLogGroupId: 'G' });

    // Assert
    for (const [option, field] of Object.entries(SHORT_FORM_FIELD_OF_OPTION[kind])) {
      expect([option, options[option]]).toEqual([option, field]);
    }
  });
});
