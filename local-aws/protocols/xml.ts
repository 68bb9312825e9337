/** Minimal, allocation-light XML writing helpers for the AWS response bodies. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content or attribute values. Unicode passes through as UTF-8. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type XmlScalar = string | number | boolean | Date | null | undefined;

/** AWS timestamps: ISO 8601 UTC, milliseconds dropped when zero (`2026-01-31T12:00:00Z`). */
export function isoTimestamp(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** `<name>value</name>`, or '' when the value is null/undefined (the member is omitted). */
export function el(name: string, value: XmlScalar): string {
  if (value === undefined || value === null) return '';
  const text = value instanceof Date ? isoTimestamp(value) : escapeXml(String(value));
  return `<${name}>${text}</${name}>`;
}

/** `<name>innerXml</name>` where the inner XML is already escaped. */
export function node(name: string, innerXml: string): string {
  return `<${name}>${innerXml}</${name}>`;
}

/** A wrapped list: `<name><member>..</member>...</name>` (query) or with `<item>` (EC2). */
export function list<T>(name: string, items: readonly T[], render: (item: T) => string, itemTag = 'member'): string {
  let inner = '';
  for (const item of items) inner += `<${itemTag}>${render(item)}</${itemTag}>`;
  return `<${name}>${inner}</${name}>`;
}
