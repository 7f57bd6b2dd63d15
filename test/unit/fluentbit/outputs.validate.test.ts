import { outputPluginByName, plaintextSecretOptions, validateOutputOptions } from '../../../functions/shared/fluentbit/outputs';

describe('outputPluginByName', () => {
  it('finds plugins case-insensitively', () => {
    // Act
    const plugin = outputPluginByName('CloudWatch_Logs');

    // Assert
    expect(plugin?.name).toBe('cloudwatch_logs');
    expect(plugin?.implementation).toBe('c');
  });

  it('returns undefined for a plugin outside the catalogue', () => {
    // Act
    const plugin = outputPluginByName('sumo');

    // Assert
    expect(plugin).toBeUndefined();
  });

  it('knows which implementation expands $(ecs_task_id)', () => {
    // Act
    const go = outputPluginByName('cloudwatch');
    const c = outputPluginByName('cloudwatch_logs');

    // Assert
    expect([go?.ecsTemplating, c?.ecsTemplating]).toEqual([true, false]);
  });
});

describe('validateOutputOptions', () => {
  it.each([
    [{ Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: 'g', log_stream_prefix: 'p' }],
    [{ Name: 'cloudwatch', region: 'us-east-1', log_group_name: 'g-$(ecs_task_id)', log_stream_name: '$(tag)', auto_create_group: 'true' }],
    [{ Name: 'kinesis_firehose', region: 'us-east-1', delivery_stream: 'd', workers: 2, Retry_Limit: 'no_limits' }],
    [{ Name: 'firehose', region: 'us-east-1', delivery_stream: { Ref: 'Stream' } }],
    [{ Name: 'kinesis_streams', region: 'us-east-1', stream: 's', port: '443' }],
    [{ Name: 'kinesis', region: 'us-east-1', stream: 's', append_newline: 'TRUE' }],
    [{ Name: 's3', bucket: 'b', total_file_size: '50M', upload_timeout: '10m', use_put_object: 'On' }],
    [
      {
        Name: 'opensearch',
        Host: 'search-a-b.us-east-1.es.amazonaws.com',
        Port: '443',
        AWS_Auth: 'On',
        tls: 'On',
        Suppress_Type_Name: 'On',
      },
    ],
    [{ Name: 'es', Cloud_ID: 'x', Cloud_Auth: '${ES_AUTH}' }],
    [{ Name: 'datadog', apikey: '${DD_API_KEY}', TLS: 'on', compress: 'gzip' }],
    [{ Name: 'http', Host: 'h', Port: '443', URI: '/x', Format: 'json', tls: 'On' }],
    [{ Name: 'null' }],
    [{ 'log-driver-buffer-limit': '2097152' }],
    [{}],
  ])('accepts %j', (options) => {
    // Act
    const issues = validateOutputOptions(options);

    // Assert
    expect(issues).toEqual([]);
  });

  it('reports a missing must-have option', () => {
    // Act
    const issues = validateOutputOptions({ Name: 'kinesis_firehose', region: 'us-east-1' });

    // Assert
    expect(issues).toEqual([
      {
        kind: 'missing',
        key: undefined,
        message: '`kinesis_firehose` needs `delivery_stream`',
        plugin: 'kinesis_firehose',
        options: ['delivery_stream'],
      },
    ]);
  });

  it('treats an empty string as missing', () => {
    // Act
    const issues = validateOutputOptions({ Name: 'kinesis_streams', region: '', stream: 's' });

    // Assert
    expect(issues).toEqual([
      { kind: 'missing', key: undefined, message: '`kinesis_streams` needs `region`', plugin: 'kinesis_streams', options: ['region'] },
    ]);
  });

  it('reports a missing one-of group', () => {
    // Act
    const issues = validateOutputOptions({ Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: 'g' });

    // Assert
    expect(issues).toEqual([
      {
        kind: 'missing',
        key: undefined,
        message: '`cloudwatch_logs` needs `log_stream_name` or `log_stream_prefix`',
        plugin: 'cloudwatch_logs',
        options: ['log_stream_name', 'log_stream_prefix'],
      },
    ]);
  });

  it('reports mutually exclusive options on the second one', () => {
    // Act
    const issues = validateOutputOptions({
      Name: 'cloudwatch_logs',
      region: 'us-east-1',
      log_group_name: 'g',
      log_stream_name: 's',
      Log_Stream_Prefix: 'p',
    });

    // Assert
    expect(issues).toEqual([
      {
        kind: 'exclusive',
        key: 'Log_Stream_Prefix',
        message: '`cloudwatch_logs` takes only one of `log_stream_name` and `log_stream_prefix`',
      },
    ]);
  });

  it('reports values of the wrong kind, with the key as written', () => {
    // Act
    const issues = validateOutputOptions({
      Name: 'cloudwatch_logs',
      region: 'us-east-1',
      log_group_name: 'g',
      log_stream_prefix: 'p',
      Auto_Create_Group: 'sure',
      log_retention_days: '7d',
      workers: 'two',
    });

    // Assert
    expect(issues).toEqual([
      {
        kind: 'wrong-kind',
        key: 'Auto_Create_Group',
        message: '`Auto_Create_Group` of `cloudwatch_logs` must be a boolean (true/false, on/off, yes/no), not "sure"',
      },
      { kind: 'wrong-kind', key: 'log_retention_days', message: '`log_retention_days` of `cloudwatch_logs` must be an integer, not "7d"' },
      { kind: 'wrong-kind', key: 'workers', message: '`workers` of `cloudwatch_logs` must be an integer, not "two"' },
    ]);
  });

  it('reports `on` for a Go plugin boolean, which the Go plugin reads as the default', () => {
    // Act
    const issues = validateOutputOptions({
      Name: 'cloudwatch',
      region: 'r',
      log_group_name: 'g',
      log_stream_name: 's',
      auto_create_group: 'On',
    });

    // Assert
    expect(issues).toEqual([
      {
        kind: 'wrong-kind',
        key: 'auto_create_group',
        message:
          '`auto_create_group` of `cloudwatch` must be `true` or `false` (the Go plugin reads anything else as the default), not "On"',
      },
    ]);
  });

  it('reports sizes, durations and enumerations of the wrong kind', () => {
    // Act
    const issues = validateOutputOptions({
      Name: 's3',
      bucket: 'b',
      total_file_size: 'big',
      upload_timeout: '10 minutes',
      compression: 'bzip2',
    });

    // Assert
    expect(issues).toEqual([
      { kind: 'wrong-kind', key: 'total_file_size', message: '`total_file_size` of `s3` must be a size such as `5M` or `1G`, not "big"' },
      {
        kind: 'wrong-kind',
        key: 'upload_timeout',
        message: '`upload_timeout` of `s3` must be a duration such as `10m` or `60s`, not "10 minutes"',
      },
      {
        kind: 'wrong-kind',
        key: 'compression',
        message: '`compression` of `s3` must be one of `gzip`, `arrow`, `parquet`, `zstd`, `snappy`, not "bzip2"',
      },
    ]);
  });

  it('never flags intrinsic values', () => {
    // Act
    const issues = validateOutputOptions({
      Name: 'cloudwatch_logs',
      region: { Ref: 'AWS::Region' },
      log_group_name: { Ref: 'Group' },
      log_stream_prefix: { 'Fn::Sub': '${AWS::StackName}-' },
      auto_create_group: { 'Fn::If': ['Create', 'true', 'false'] },
      log_retention_days: { Ref: 'Retention' },
    });

    // Assert
    expect(issues).toEqual([]);
  });

  it('reports a Match set by hand', () => {
    // Act
    const issues = validateOutputOptions({ Name: 'null', match: '*' });

    // Assert
    expect(issues).toEqual([
      { kind: 'match', key: 'match', message: '`Match` is generated by the ECS agent (`<container>-firelens*`); remove it' },
    ]);
  });

  it('reports options without a Name, ignoring the keys ECS consumes itself', () => {
    // Act
    const withPluginKeys = validateOutputOptions({ region: 'us-east-1', 'include-pattern': 'x' });
    const onlyEcsKeys = validateOutputOptions({ 'exclude-pattern': 'debug', 'log-driver-buffer-limit': '1048576' });

    // Assert
    expect(withPluginKeys).toEqual([
      {
        kind: 'no-name',
        key: undefined,
        message: 'Options have no `Name`: ECS needs the output plugin name and fails the task ("missing output key")',
      },
    ]);
    expect(onlyEcsKeys).toEqual([]);
  });

  it('reports an option of the other implementation of the same destination', () => {
    // Act
    const onC = validateOutputOptions({
      Name: 'cloudwatch_logs',
      region: 'r',
      log_group_name: 'g',
      log_stream_name: 's',
      default_log_group_name: 'x',
    });
    const onGo = validateOutputOptions({
      Name: 'cloudwatch',
      region: 'r',
      log_group_name: 'g',
      log_stream_name: 's',
      log_group_template: '$x',
    });

    // Assert
    expect(onC).toEqual([
      {
        kind: 'sibling',
        key: 'default_log_group_name',
        message:
          '`default_log_group_name` is an option of `cloudwatch`, not of `cloudwatch_logs`; Fluent Bit refuses to start with an unknown option',
      },
    ]);
    expect(onGo).toEqual([
      {
        kind: 'sibling',
        key: 'log_group_template',
        message: '`log_group_template` is an option of `cloudwatch_logs`, not of `cloudwatch`; the Go plugin ignores it',
      },
    ]);
  });

  it('reports $(ecs_task_id) on cloudwatch_logs, which writes it literally', () => {
    // Act
    const issues = validateOutputOptions({
      Name: 'cloudwatch_logs',
      region: 'r',
      log_group_name: 'g',
      log_stream_name: 'app-$(ecs_task_id)',
    });

    // Assert
    expect(issues).toEqual([
      {
        kind: 'templating',
        key: 'log_stream_name',
        plugin: 'cloudwatch_logs',
        variable: '$(ecs_task_id)',
        message:
          "`cloudwatch_logs` does not expand `$(…)` variables in `log_stream_name`; use `cloudwatch`, `log_group_template`/`log_stream_template`, or the init image's `${ECS_TASK_ID}`",
      },
    ]);
  });

  it('counts options set through secretOptions as set, case-insensitively', () => {
    // Act
    const issues = validateOutputOptions({ Name: 'datadog', Host: 'h' }, { secretOptionNames: new Set(['APIKey']) });
    const without = validateOutputOptions({ Name: 'datadog', Host: 'h' });

    // Assert
    expect(issues).toEqual([]);
    expect(without.map((i) => i.kind)).toEqual(['missing']);
  });

  it('checks nothing plugin-specific for a plugin outside the catalogue', () => {
    // Act
    const issues = validateOutputOptions({ Name: 'sumo_logic', anything: 'goes' });

    // Assert
    expect(issues).toEqual([]);
  });
});

describe('plaintextSecretOptions', () => {
  it('lists secret options given as literals, but not ${VAR} references', () => {
    // Act
    const keys = plaintextSecretOptions({ Name: 'datadog', apikey: 'abc123', dd_service: 'app' });
    const reference = plaintextSecretOptions({ Name: 'datadog', apikey: '${DD_API_KEY}' });

    // Assert
    expect(keys).toEqual([{ key: 'apikey', kind: 'secret-option' }]);
    expect(reference).toEqual([]);
  });

  it('lists a secret option given as a number, as CloudFormation passes it on as digits', () => {
    // Act
    const keys = plaintextSecretOptions({ Name: 'datadog', apikey: 1234567890 });

    // Assert
    expect(keys).toEqual([{ key: 'apikey', kind: 'secret-option' }]);
  });

  it('lists any value that is a URL with credentials', () => {
    // Act
    const keys = plaintextSecretOptions({ Name: 'http', Host: 'h', URI: '/x', proxy: 'http://user:pa55@proxy:3128' });

    // Assert
    expect(keys).toEqual([{ key: 'proxy', kind: 'url-credentials' }]);
  });

  it('reads 300 KB values in linear time (regression: an unanchored URL pattern took minutes)', () => {
    // Arrange
    const huge = 'a'.repeat(300_000);

    // Act
    const secrets = plaintextSecretOptions({ Name: 'http', Host: 'h', uri: huge, header: `${huge}:` });
    const issues = validateOutputOptions({ Name: 'cloudwatch_logs', region: 'r', log_group_name: `$(${huge}`, log_stream_prefix: 'p' });

    // Assert
    expect(secrets).toEqual([]);
    expect(issues.map((i) => (i.kind === 'templating' ? i.variable : i.kind))).toEqual(['$(…)']);
  });

  it("uses the plugin's own list for a known plugin and the catalogue-wide list for an unknown one", () => {
    // Act
    const known = plaintextSecretOptions({ Name: 'cloudwatch_logs', region: 'r', api_key: 'k' });
    const unknown = plaintextSecretOptions({ Name: 'sumo_logic', api_key: 'k', http_api_key: 'k', uri: '/x' });
    const noName = plaintextSecretOptions({ Name: { Ref: 'Plugin' }, bearer_token: 't' });

    // Assert
    expect(known).toEqual([]);
    expect(unknown.map((s) => s.key)).toEqual(['api_key', 'http_api_key']);
    expect(noName.map((s) => s.key)).toEqual(['bearer_token']);
  });

  it.each([
    ['splunk', 'Splunk_Token'],
    ['es', 'Cloud_Auth'],
    ['newrelic', 'licenseKey'],
    ['loki', 'http_passwd'],
    ['loki', 'bearer_token'],
    ['datadog', 'apikey'],
    ['splunk', 'http_passwd'],
    ['newrelic', 'apiKey'],
    ['nrlogs', 'license_key'],
    ['es', 'http_passwd'],
    ['opensearch', 'http_passwd'],
    ['http', 'http_passwd'],
    ['http', 'tls.key_passwd'],
    ['datadog', 'http_passwd'],
    ['forward', 'shared_key'],
    ['kafka', 'rdkafka.sasl.password'],
  ])('knows the secret option of %s (%s)', (name, key) => {
    // Act
    const keys = plaintextSecretOptions({ Name: name, [key]: 'secret-value' });

    // Assert
    expect(keys).toEqual([{ key, kind: 'secret-option' }]);
  });
});
