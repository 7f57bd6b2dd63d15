import {
  CORE_SECRET_OPTIONS,
  CREDENTIAL_OPTION_NAMES,
  OUTPUT_PLUGINS,
  secretOptionsOf,
  statementsForOutput,
  validateOutputOptions,
} from '../../../functions/shared/fluentbit/outputs';
import { renderDestinationTable } from '../../../functions/shared/fluentbit/README-table';
import type { Json, JsonObject } from '../../../functions/shared/template/intrinsics';

/**
 * Options that switch on every permission a plugin can need. A plugin added to the catalogue
 * without samples here fails the first test, so the checks below always cover the whole table.
 */
const SAMPLES: Readonly<Record<string, readonly JsonObject[]>> = {
  cloudwatch_logs: [
    {
      region: 'us-east-1',
      log_group_name: '/ecs/${ECS_TASK_ID}',
      log_stream_prefix: 'app-',
      auto_create_group: 'true',
      log_retention_days: '7',
    },
  ],
  cloudwatch: [
    {
      region: 'us-east-1',
      log_group_name: '/ecs/$(ecs_task_id)',
      log_stream_name: '$(tag)',
      auto_create_group: 'true',
      log_retention_days: '7',
      new_log_group_tags: 'team=a',
    },
  ],
  kinesis_firehose: [{ region: 'us-east-1', delivery_stream: '${STREAM}' }],
  firehose: [{ region: 'us-east-1', delivery_stream: { Ref: 'StreamName' } }],
  kinesis_streams: [{ region: 'us-east-1', stream: '$UUID' }],
  kinesis: [{ region: 'us-east-1', stream: 's' }],
  s3: [{ bucket: 'b', s3_key_format: '$TAG/%Y', canned_acl: 'bucket-owner-full-control' }],
  opensearch: [
    { Host: 'logs.internal', AWS_Auth: 'On' },
    { Host: { Ref: 'CollectionHost' }, AWS_Auth: 'On', AWS_Service_Name: 'aoss' },
  ],
  es: [
    { Host: 'search-a-b.us-east-1.es.amazonaws.com', AWS_Auth: 'On' },
    { Host: 'c.us-east-1.aoss.amazonaws.com', AWS_Auth: 'On', AWS_Service_Name: 'aoss' },
  ],
  datadog: [{ apikey: '${DD_API_KEY}' }],
  http: [{ Host: 'h' }],
  loki: [{ Host: 'h' }],
  splunk: [{ Host: 'h', Splunk_Token: '${TOKEN}' }],
  newrelic: [{ licenseKey: '${KEY}' }],
  nrlogs: [{ license_key: '${KEY}' }],
  forward: [{ Host: 'h' }],
  kafka: [{ Brokers: 'b:9092' }],
  null: [{}],
  stdout: [{}],
};

/**
 * Statements allowed to use `"Resource": "*"`: none today. An action that cannot be scoped must be
 * added here with the reason, and only then may a builder emit `*` for it.
 */
const RESOURCE_STAR_EXCEPTIONS: readonly string[] = [];

const samplesOf = (name: string): JsonObject[] => (SAMPLES[name] ?? []).map((options) => ({ Name: name, ...options }));

const isBareStar = (resource: Json): boolean => {
  if (resource === '*') {
    return true;
  }
  if (typeof resource === 'object' && resource !== null && !Array.isArray(resource)) {
    const sub = resource['Fn::Sub'];
    const body = Array.isArray(sub) ? sub[0] : sub;
    return body === '*';
  }
  return false;
};

describe('output plugin catalogue', () => {
  it('has samples for exactly the plugins it lists', () => {
    // Act
    const names = OUTPUT_PLUGINS.map((p) => p.name).sort();

    // Assert
    expect(names).toEqual(Object.keys(SAMPLES).sort());
  });

  it('lists each plugin once, by its lower-case name', () => {
    // Act
    const names = OUTPUT_PLUGINS.map((p) => p.name);

    // Assert
    expect(names).toEqual([...new Set(names.map((n) => n.toLowerCase()))]);
  });

  it('declares every required, exclusive and secret option among the known options', () => {
    // Act
    const undeclared = OUTPUT_PLUGINS.flatMap((p) =>
      [...p.required.flat(), ...p.exclusive.flat(), ...p.secretOptions]
        .filter((key) => p.options[key] === undefined)
        .map((key) => `${p.name}.${key}`),
    );

    // Assert
    expect(undeclared).toEqual([]);
  });

  it('lists every secret option of every plugin among the catalogue-wide credential names', () => {
    // Act
    const missing = OUTPUT_PLUGINS.flatMap((p) => secretOptionsOf(p).filter((key) => !CREDENTIAL_OPTION_NAMES.includes(key)));

    // Assert
    expect(missing).toEqual([]);
    expect(CORE_SECRET_OPTIONS.every((key) => CREDENTIAL_OPTION_NAMES.includes(key))).toBe(true);
  });

  it('has valid sample options', () => {
    // Act
    const issues = OUTPUT_PLUGINS.flatMap((p) =>
      samplesOf(p.name).flatMap((o) => validateOutputOptions(o).map((i) => `${p.name}: ${i.message}`)),
    );

    // Assert
    expect(issues).toEqual([]);
  });

  it('never grants on a bare "*" resource outside the documented exceptions', () => {
    // Act
    const starred = OUTPUT_PLUGINS.flatMap((p) =>
      samplesOf(p.name).flatMap((options) =>
        statementsForOutput(options, { resources: {} })
          .statements.filter((s) => s.Resource.some(isBareStar))
          .flatMap((s) => s.Action)
          .filter((action) => !RESOURCE_STAR_EXCEPTIONS.includes(action))
          .map((action) => `${p.name}: ${action}`),
      ),
    );

    // Assert
    expect(starred).toEqual([]);
  });

  it('documents exactly the actions each plugin can grant', () => {
    // Act
    const mismatches = OUTPUT_PLUGINS.flatMap((p) => {
      const documented = [...new Set(p.permissions.flatMap((d) => d.actions))].sort();
      const granted = [
        ...new Set(samplesOf(p.name).flatMap((o) => statementsForOutput(o, { resources: {} }).statements.flatMap((s) => s.Action))),
      ].sort();
      return documented.join() === granted.join() ? [] : [`${p.name}: documented ${documented.join()} but granted ${granted.join()}`];
    });

    // Assert
    expect(mismatches).toEqual([]);
  });

  it('grants only sts:AssumeRole for every plugin that takes a role', () => {
    // Act
    const actions = OUTPUT_PLUGINS.filter((p) => p.roleOption !== undefined).flatMap((p) =>
      samplesOf(p.name).flatMap((o) =>
        statementsForOutput({ ...o, [p.roleOption ?? '']: 'arn:aws:iam::111122223333:role/r' }, { resources: {} }).statements.map(
          (s) => `${p.name}: ${s.Action.join()} on ${JSON.stringify(s.Resource)}`,
        ),
      ),
    );

    // Assert
    expect([...new Set(actions)]).toEqual([
      'cloudwatch_logs: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
      'cloudwatch: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
      'kinesis_firehose: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
      'firehose: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
      'kinesis_streams: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
      'kinesis: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
      's3: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
      'opensearch: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
      'es: sts:AssumeRole on ["arn:aws:iam::111122223333:role/r"]',
    ]);
  });
});

describe('renderDestinationTable', () => {
  it('has one row per plugin, in catalogue order', () => {
    // Act
    const names = renderDestinationTable()
      .split('\n')
      .slice(2)
      .filter((line) => line !== '')
      .map((line) => /^\| `([^`]+)`/.exec(line)?.[1]);

    // Assert
    expect(names).toEqual(OUTPUT_PLUGINS.map((p) => p.name));
  });

  it('renders must-have options and permissions from the catalogue', () => {
    // Act
    const rows = renderDestinationTable().split('\n');

    // Assert
    expect(rows.slice(0, 2)).toEqual([
      '| `Name` | Destination | Plugin | Must-have options | Task-role permissions |',
      '| --- | --- | --- | --- | --- |',
    ]);
    expect(rows.find((r) => r.startsWith('| `kinesis_firehose`'))).toBe(
      '| `kinesis_firehose` | [Amazon Data Firehose (C)](https://docs.fluentbit.io/manual/pipeline/outputs/firehose) | C | `region`, `delivery_stream` | `firehose:PutRecordBatch` on the delivery stream; with `role_arn`: only `sts:AssumeRole` on that role |',
    );
    expect(rows.find((r) => r.startsWith('| `datadog`'))).toBe(
      '| `datadog` | [Datadog](https://docs.fluentbit.io/manual/pipeline/outputs/datadog) | C | `apikey` | none; put `apikey` in `secretOptions` (read by the execution role) |',
    );
  });

  it('renders the whole table as reviewed', () => {
    // Act
    const table = renderDestinationTable();

    // Assert
    expect(table).toMatchSnapshot();
  });
});
