import { atLeastAsStrong, securityStrength } from '../../../lambda/domain/key-strength';
import type { CertificateKey } from '../../../lambda/domain/types';

const rsa = (bits: number): CertificateKey => ({ type: 'RSA', bits });
const ec = (curve: string): CertificateKey => ({ type: 'EC', curve });

describe('key strength (NIST SP 800-57 Part 1 Rev. 5, Table 2)', () => {
  it.each([
    [rsa(1024), 80],
    [rsa(2048), 112],
    [rsa(3072), 128],
    [rsa(4096), 128],
    [rsa(7680), 192],
    [rsa(512), 0],
    [ec('P-256'), 128],
    [ec('P-384'), 192],
    [ec('P-521'), 256],
    [{ type: 'ED25519' }, 128],
  ])('%j → %i bits', (key, bits) => expect(securityStrength(key)).toBe(bits));

  it('is unknown for an unnamed curve or an unknown algorithm', () => {
    expect(securityStrength(ec('brainpoolP256r1'))).toBeUndefined();
    expect(securityStrength({ type: 'DSA' })).toBeUndefined();
  });

  it('RSA against RSA compares modulus sizes', () => {
    expect(atLeastAsStrong(rsa(4096), rsa(3072))).toBe(true);
    expect(atLeastAsStrong(rsa(3072), rsa(4096))).toBe(false); // same level (128), but a smaller key
    expect(atLeastAsStrong(rsa(2048), rsa(2048))).toBe(true);
  });

  it('EC against EC and across algorithms compare security levels', () => {
    expect(atLeastAsStrong(ec('P-384'), ec('P-256'))).toBe(true);
    expect(atLeastAsStrong(ec('P-256'), ec('P-384'))).toBe(false);
    expect(atLeastAsStrong(ec('P-256'), rsa(2048))).toBe(true);
    expect(atLeastAsStrong(ec('P-256'), rsa(4096))).toBe(true);
    expect(atLeastAsStrong(rsa(2048), ec('P-256'))).toBe(false);
    expect(atLeastAsStrong(rsa(3072), ec('P-256'))).toBe(true);
  });

  it('a candidate of unknown strength never qualifies; an old key of unknown strength sets no bar', () => {
    expect(atLeastAsStrong({ type: 'DSA' }, rsa(1024))).toBe(false);
    expect(atLeastAsStrong(rsa(2048), { type: 'DSA' })).toBe(true);
  });
});
