/**
 * Whether a renewal's key is at least as strong as the key it replaces. The rule:
 * - RSA against RSA: the modulus size (4096 ≥ 3072 ≥ 2048).
 * - Otherwise (EC against EC, RSA against EC, anything else): the security strength in bits of NIST SP 800-57
 *   Part 1 Rev. 5, Table 2 (https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-57pt1r5.pdf):
 *   RSA 1024 = 80, 2048 = 112, 3072 = 128, 7680 = 192, 15360 = 256 (a size between two rows counts as the lower);
 *   EC P-256 = 128, P-384 = 192, P-521 = 256; Ed25519 = 128, Ed448 = 224. So EC P-256 replaces RSA 2048 or 3072,
 *   but RSA 2048 does not replace EC P-256.
 * - A candidate key of unknown strength never qualifies; an old key of unknown strength sets no bar.
 * Pure.
 */
import type { CertificateKey } from './types';

const RSA_STRENGTH: readonly (readonly [bits: number, strength: number])[] = [
  [15360, 256],
  [7680, 192],
  [3072, 128],
  [2048, 112],
  [1024, 80],
];

const CURVE_STRENGTH: Record<string, number> = { 'P-256': 128, 'P-384': 192, 'P-521': 256 };
const OTHER_STRENGTH: Record<string, number> = { ED25519: 128, ED448: 224 };

/** The key's security strength in bits (SP 800-57 Table 2); undefined when unknown. */
export function securityStrength(key: CertificateKey): number | undefined {
  if (key.type === 'RSA') {
    if (key.bits === undefined) return undefined;
    return RSA_STRENGTH.find(([bits]) => key.bits! >= bits)?.[1] ?? 0;
  }
  if (key.type === 'EC') return key.curve ? CURVE_STRENGTH[key.curve] : undefined;
  return OTHER_STRENGTH[key.type];
}

/** Whether `candidate` is at least as strong as `old` (the rule above). */
export function atLeastAsStrong(candidate: CertificateKey, old: CertificateKey): boolean {
  if (candidate.type === 'RSA' && old.type === 'RSA' && candidate.bits !== undefined && old.bits !== undefined) {
    return candidate.bits >= old.bits;
  }
  const bar = securityStrength(old);
  const strength = securityStrength(candidate);
  if (strength === undefined) return false;
  return bar === undefined || strength >= bar;
}
