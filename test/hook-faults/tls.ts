import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/**
 * A throw-away, self-signed TLS certificate for loopback HTTPS servers, made at test time with
 * node:crypto alone (no openssl, no committed private key, nothing that expires in the repository).
 * Node has no API that writes X.509, so the certificate is assembled here in DER: an EC P-256 key,
 * ecdsa-with-SHA256, CA:TRUE (so it can be its own trust anchor through NODE_EXTRA_CA_CERTS),
 * subjectAltName DNS:localhost and IP:127.0.0.1 and valid from a day ago to a day ahead unless told
 * otherwise (the wrong-name and expired faults).
 */
export interface TestCertificate {
  /** PEM certificate: the server's `cert`, and the file NODE_EXTRA_CA_CERTS names. */
  readonly certPem: string;
  /** PEM PKCS#8 private key: the server's `key`. */
  readonly keyPem: string;
}

export interface TestCertificateOptions {
  readonly commonName?: string;
  /** subjectAltName host names; default `['localhost']`. */
  readonly dnsNames?: readonly string[];
  /** subjectAltName IPv4 addresses; default `['127.0.0.1']`. */
  readonly ipAddresses?: readonly string[];
  /** Validity; default from a day ago to a day ahead. */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

export const makeTestCertificate = (options: TestCertificateOptions = {}): TestCertificate => {
  const commonName = options.commonName ?? 'firelens-macro hook-faults TEST ONLY';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const signatureAlgorithm = sequence(oid('1.2.840.10045.4.3.2'));
  const now = Date.now();
  const day = 24 * 60 * 60 * 1000;
  const serial = randomBytes(8);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01; // positive, no leading zero byte
  const subjectKeyId = createHash('sha1').update(spki).digest();
  const extensions = sequence(
    extension('2.5.29.19', true, sequence(tlv(0x01, Buffer.from([0xff])))), // basicConstraints CA:TRUE
    extension('2.5.29.14', false, tlv(0x04, subjectKeyId)), // subjectKeyIdentifier
    extension(
      '2.5.29.17', // subjectAltName
      false,
      sequence(
        ...(options.dnsNames ?? ['localhost']).map((name) => tlv(0x82, Buffer.from(name, 'ascii'))),
        ...(options.ipAddresses ?? ['127.0.0.1']).map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number)))),
      ),
    ),
  );
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // version v3
    integer(serial),
    signatureAlgorithm,
    name,
    sequence(utcTime(options.notBefore ?? new Date(now - day)), utcTime(options.notAfter ?? new Date(now + day))),
    name,
    spki,
    tlv(0xa3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const der = sequence(tbs, signatureAlgorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return {
    certPem: pem('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};

const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), length(content.length), content]);

const length = (n: number): Buffer => {
  if (n < 0x80) {
    return Buffer.from([n]);
  }
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const integer = (bytes: Buffer): Buffer => tlv(0x02, bytes);

const oid = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const body: number[] = [first * 40 + second];
  for (const arc of rest) {
    const septets: number[] = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      septets.unshift((value % 128) | 0x80);
    }
    body.push(...septets);
  }
  return tlv(0x06, Buffer.from(body));
};

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  sequence(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));

const utcTime = (date: Date): Buffer => {
  const two = (n: number): string => String(n).padStart(2, '0');
  const text = `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
};

const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
