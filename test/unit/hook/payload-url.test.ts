import { checkPayloadUrl, DEFAULT_PAYLOAD_URL_POLICY, describeUrl } from '../../../functions/shared/hook/payload-url';

describe('checkPayloadUrl', () => {
  it.each([
    'https://s3.amazonaws.com/bucket/key',
    'https://bucket.s3.amazonaws.com/key',
    'https://s3.us-east-1.amazonaws.com/bucket/key',
    'https://hookinvocationpayloads-prod-us-east-1-abc.s3.us-east-1.amazonaws.com/key?X-Amz-Signature=x',
    'https://s3-us-west-2.amazonaws.com/bucket/key',
    'https://bucket.s3-eu-west-1.amazonaws.com/key',
    'https://s3.dualstack.ap-southeast-2.amazonaws.com/bucket/key',
    'https://bucket.s3.dualstack.us-gov-west-1.amazonaws.com/key',
    'https://s3.cn-north-1.amazonaws.com.cn/bucket/key',
    'https://my.dotted.bucket.s3.us-east-2.amazonaws.com/key',
  ])('allows the S3 host of %s by default', (url) => {
    // Arrange
    const policy = DEFAULT_PAYLOAD_URL_POLICY;

    // Act
    const result = checkPayloadUrl(url, policy);

    // Assert
    expect(result.ok).toBe(true);
  });

  it.each([
    ['http://bucket.s3.amazonaws.com/key', 'only https URLs are fetched'],
    ['file:///etc/passwd', 'only https URLs are fetched'],
    ['https://169.254.169.254/latest/meta-data/', 'the host is not an allowed payload host'],
    ['https://[fd00:ec2::254]/latest/', 'the host is not an allowed payload host'],
    ['https://example.com/s3.amazonaws.com', 'the host is not an allowed payload host'],
    ['https://s3.amazonaws.com.evil.example/key', 'the host is not an allowed payload host'],
    ['https://bucket.s3.amazonaws.com:8443/key', 'the host is not an allowed payload host'],
    ['https://user:secret@bucket.s3.amazonaws.com/key', 'the URL carries user information'],
    ['https://127.0.0.1/key', 'the host is not an allowed payload host'],
    ['not a url', 'not a valid absolute URL'],
  ])('refuses %s', (url, reason) => {
    // Arrange
    const policy = DEFAULT_PAYLOAD_URL_POLICY;

    // Act
    const result = checkPayloadUrl(url, policy);

    // Assert
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('allows an exact host on any port, over http, only when configured so', () => {
    // Arrange
    const policy = { allowedHosts: ['127.0.0.1'], allowHttp: true };

    // Act
    const local = checkPayloadUrl('http://127.0.0.1:40123/p.json', policy);
    const s3 = checkPayloadUrl('https://bucket.s3.amazonaws.com/key', policy);

    // Assert
    expect(local.ok).toBe(true);
    expect(s3.ok).toBe(false);
  });

  it('never shows the query string of a refused URL', () => {
    // Arrange
    const url = 'http://bucket.s3.amazonaws.com/key?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=deadbeef';

    // Act
    const result = checkPayloadUrl(url, DEFAULT_PAYLOAD_URL_POLICY);

    // Assert
    expect(!result.ok && result.reason).toBe('refused http://bucket.s3.amazonaws.com/key: only https URLs are fetched');
  });
});

describe('describeUrl', () => {
  it('keeps scheme, host and path and drops the query and fragment', () => {
    // Arrange
    const url = new URL('https://b.s3.amazonaws.com:443/a/b.json?X-Amz-Security-Token=abc#frag');

    // Act
    const shown = describeUrl(url);

    // Assert
    expect(shown).toBe('https://b.s3.amazonaws.com/a/b.json');
  });
});
