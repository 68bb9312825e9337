/**
 * Which DNS names a certificate covers, by the rules of RFC 6125 section 6.4.3 as browsers apply them: a wildcard
 * is only the whole left-most label (`*.example.com`) and stands for exactly one label, so it covers
 * `a.example.com` but neither `example.com` nor `a.b.example.com`. Partial-label wildcards (`w*.example.com`)
 * and wildcards over a single label (`*.com`) cover nothing. Comparison ignores case and a trailing dot.
 */

/** `WWW.Example.com.` → `www.example.com`. */
export function normalizeHostname(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

function isWildcard(name: string): boolean {
  return name.startsWith('*.');
}

/** Whether a certificate name (`presented`) covers one concrete host name. */
export function nameCovers(presented: string, host: string): boolean {
  const pattern = normalizeHostname(presented);
  const target = normalizeHostname(host);
  if (pattern.length === 0 || target.length === 0 || target.includes('*')) return false;
  if (!pattern.includes('*')) return pattern === target;
  if (!isWildcard(pattern) || pattern.indexOf('*', 1) !== -1) return false;
  const suffix = pattern.slice(1); // ".example.com"
  if (suffix.split('.').length < 3) return false; // "*.com": one label after the wildcard
  if (!target.endsWith(suffix)) return false;
  const label = target.slice(0, -suffix.length);
  return label.length > 0 && !label.includes('.');
}

/**
 * Whether `presented` (a renewal's names) covers every name in `required` (the expiring certificate's names).
 * A concrete name is covered by an equal name or a matching wildcard; a wildcard only by the same wildcard,
 * since it stands for every host under it.
 */
export function coversAll(presented: readonly string[], required: readonly string[]): boolean {
  if (required.length === 0) return false;
  const names = presented.map(normalizeHostname);
  return required.every((r) => {
    const name = normalizeHostname(r);
    return isWildcard(name) ? names.includes(name) : names.some((p) => nameCovers(p, name));
  });
}
