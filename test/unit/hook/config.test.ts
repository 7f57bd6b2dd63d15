import { DEFAULT_PAYLOAD_MAX_BYTES, readHookConfig } from '../../../functions/hook/config';
import { HookConfigError } from '../../../functions/shared/hook/errors';

describe('readHookConfig', () => {
  it('ships S3-only, https-only, bounded defaults', () => {
    // Arrange
    const env = { AWS_REGION: 'us-east-1' };

    // Act
    const config = readHookConfig(env);

    // Assert
    expect(config).toEqual({
      ignoreRules: [],
      onlyRules: [],
      allowTemplateSuppressions: [],
      failOnUnchecked: true,
      warningsAsErrors: false,
      strictPort24224: false,
      macroName: 'FireLensMacro',
      region: 'us-east-1',
      payload: { allowedHosts: ['s3'], allowHttp: false, timeoutMs: 5_000, maxBytes: DEFAULT_PAYLOAD_MAX_BYTES },
      ecsLookup: { enabled: true, timeoutMs: 4_000 },
    });
  });

  it('reads every setting from its variable', () => {
    // Arrange
    const env = {
      FIRELENS_IGNORE_CHECKS: 'FL1007, FL1008',
      FIRELENS_ONLY_CHECKS: 'FL1301 FL1302',
      FIRELENS_WARNINGS_AS_ERRORS: 'TRUE',
      FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS: 'fl1501, FL1302',
      FIRELENS_FAIL_ON_UNCHECKED: 'false',
      FIRELENS_STRICT_24224: 'true',
      FIRELENS_MACRO_NAME: 'MyFireLens',
      HOOK_PAYLOAD_ALLOWED_HOSTS: 's3,127.0.0.1',
      HOOK_PAYLOAD_ALLOW_HTTP: 'true',
      HOOK_PAYLOAD_TIMEOUT_MS: '2500',
      HOOK_PAYLOAD_MAX_BYTES: '1000',
      HOOK_ECS_LOOKUP: 'false',
      HOOK_ECS_TIMEOUT_MS: '1500',
    };

    // Act
    const config = readHookConfig(env);

    // Assert
    expect(config).toEqual({
      ignoreRules: ['FL1007', 'FL1008'],
      onlyRules: ['FL1301', 'FL1302'],
      allowTemplateSuppressions: ['FL1501', 'FL1302'],
      failOnUnchecked: false,
      warningsAsErrors: true,
      strictPort24224: true,
      macroName: 'MyFireLens',
      region: undefined,
      payload: { allowedHosts: ['s3', '127.0.0.1'], allowHttp: true, timeoutMs: 2_500, maxBytes: 1_000 },
      ecsLookup: { enabled: false, timeoutMs: 1_500 },
    });
  });

  it('reads rule options from FIRELENS_CONFIGURE_RULES, the later setting of an option winning', () => {
    // Arrange
    const env = {
      FIRELENS_CONFIGURE_RULES: 'FL1103:average-log-line-bytes=512, fl1104:average-log-line-bytes=1024 FL1103:average-log-line-bytes=256',
    };

    // Act
    const config = readHookConfig(env);

    // Assert
    expect(config.configureRules).toEqual({ FL1103: { 'average-log-line-bytes': 256 }, FL1104: { 'average-log-line-bytes': 1024 } });
  });

  it.each([
    ['FIRELENS_CONFIGURE_RULES', 'FL1103:line-size=512', 'FIRELENS_CONFIGURE_RULES: unknown option "line-size" of FL1103'],
    [
      'FIRELENS_CONFIGURE_RULES',
      'FL1103:average-log-line-bytes=0',
      'FIRELENS_CONFIGURE_RULES: FL1103:average-log-line-bytes must be an integer from 1 to 1048576 (got "0")',
    ],
    ['FIRELENS_WARNINGS_AS_ERRORS', 'yes', 'FIRELENS_WARNINGS_AS_ERRORS must be "true" or "false"'],
    ['HOOK_PAYLOAD_TIMEOUT_MS', '60000', 'HOOK_PAYLOAD_TIMEOUT_MS must be an integer from 1 to 20000'],
    ['HOOK_ECS_TIMEOUT_MS', '2s', 'HOOK_ECS_TIMEOUT_MS must be an integer from 1 to 20000'],
  ])('refuses %s=%s instead of guessing', (name, value, message) => {
    // Arrange
    const env = { [name]: value };

    // Act
    const read = (): unknown => readHookConfig(env);

    // Assert
    expect(read).toThrow(HookConfigError);
    expect(read).toThrow(`hook configuration: ${message}`);
  });
});
