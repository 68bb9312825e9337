import { demo } from '../../bin/demo';

describe('npm run demo', () => {
  it('runs the real handler on the sample estate and prints every variant subscribers receive', async () => {
    const lines: string[] = [];
    await demo((text) => lines.push(text));
    const out = lines.join('\n');
    expect(out).toMatch(/Subject: {4}\[EXPIRED\] \d+ IAM certificates need renewal \(\d+ renewals ready\) - acme-prod \(123456789012\)/);
    expect(out).toContain('email / default: plain text');
    expect(out).toContain('"textType": "client-markdown"');
    expect(out).toContain('"schemaVersion": "1.1"');
    // The sample estate shows every renewal state.
    expect(out).toMatch(/Renewal partly rolled out: 1 of 2 places already serve api-acme-com-2027/);
    expect(out).toMatch(/Renewal ready: mqtt-acme-io-2027 \(expires \S+\) is uploaded but not/);
    expect(out).toMatch(/Replaced by wildcard-partners-acme/);
    expect(out).toMatch(/No renewal in IAM/);
    expect(out).toMatch(/WARNING: Its chain expires first: Loopback Test Intermediate CA/);
    expect(out).toMatch(/aws elb set-load-balancer-listener-ssl-certificate --region \S+ --load-balancer-name/);
    expect(out).toMatch(/\d+ certificates scanned, \d+ flagged, \d+ regions scanned, complete, 1 message\(s\) published/);
    expect(out).toMatch(/\d+ AWS API calls: ListServerCertificates 1,/);
  });
});
