/**
 * Test support: a synthesized dashboard read back as CloudWatch reads it. The DashboardBody is a Fn::Join of JSON
 * text and references; each reference is replaced by a placeholder naming it (`<Ref:Checker…>`), and every metric
 * its widgets show is listed: plain metrics with their dimensions, SEARCH expressions with the schema they match.
 */
import type { Template } from 'aws-cdk-lib/assertions';

/** A metric a widget shows. A SEARCH matches any value of a dimension outside its search term (`*`). */
export interface ShownMetric {
  readonly widget: string;
  readonly namespace: string;
  readonly name: string;
  /** Dimension name -> value (`*` for a SEARCH's free dimensions), sorted by name. */
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: string;
  readonly search: boolean;
}

export interface RenderedDashboard {
  readonly name: string;
  readonly body: { readonly start?: string; readonly widgets: readonly Widget[] };
  readonly metrics: readonly ShownMetric[];
}

interface Widget {
  readonly type: string;
  readonly properties: {
    readonly title?: string;
    readonly markdown?: string;
    readonly metrics?: unknown[][];
    readonly alarms?: string[];
    readonly annotations?: { readonly horizontal?: { value: number; label: string }[] };
  };
}

/** `{ Ref: X }` -> `<Ref:X>`, `{ Fn::GetAtt: [X, A] }` -> `<X.A>`. */
function placeholder(part: unknown): string {
  if (typeof part === 'string') return part;
  const ref = (part as { Ref?: string }).Ref;
  if (ref !== undefined) return `<Ref:${ref}>`;
  const att = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (att) return `<${att[0]}.${att[1]}>`;
  throw new Error(`unexpected part of the dashboard body: ${JSON.stringify(part)}`);
}

export function resolveJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const [separator, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map(placeholder).join(separator);
}

/** `SEARCH('{Ns,a,b} MetricName="M" a="v"', 'Stat', 86400)` read back. */
const SEARCH = /^SEARCH\('\{([^}]*)\}((?:\s+\w+="[^"]*")+)\s*',\s*'(\w+)',\s*\d+\)$/;

function searched(widget: string, expression: string): ShownMetric {
  const match = SEARCH.exec(expression);
  if (!match) throw new Error(`a SEARCH this test cannot read: ${expression}`);
  const [namespace, ...dimensionNames] = match[1]!.split(',');
  const terms = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  const { MetricName: name, ...fixed } = terms;
  for (const key of Object.keys(fixed))
    if (!dimensionNames.includes(key)) throw new Error(`${expression}: ${key} is not in the schema`);
  const dimensions = Object.fromEntries(dimensionNames.sort().map((d) => [d, fixed[d] ?? '*']));
  return { widget, namespace: namespace!, name: name!, dimensions, statistic: match[3]!, search: true };
}

function plain(widget: string, entry: unknown[]): ShownMetric {
  const options = entry[entry.length - 1] as { stat: string };
  const [namespace, name, ...pairs] = entry.slice(0, -1) as string[];
  const dimensions: Record<string, string> = {};
  for (let i = 0; i < pairs.length; i += 2) dimensions[pairs[i]!] = pairs[i + 1]!;
  const sorted = Object.fromEntries(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
  return { widget, namespace: namespace!, name: name!, dimensions: sorted, statistic: options.stat, search: false };
}

/** The one dashboard of the template, rendered. */
export function renderDashboard(template: Template): RenderedDashboard {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  if (dashboards.length !== 1) throw new Error(`expected one dashboard, found ${dashboards.length}`);
  const properties = dashboards[0]!.Properties as { DashboardName: string; DashboardBody: unknown };
  const body = JSON.parse(resolveJoin(properties.DashboardBody)) as RenderedDashboard['body'];
  const metrics = body.widgets.flatMap((w) =>
    (w.properties.metrics ?? []).map((entry) => {
      const title = w.properties.title ?? w.type;
      const first = entry[0] as { expression?: string };
      return typeof first === 'object' && first.expression !== undefined
        ? searched(title, first.expression)
        : plain(title, entry);
    }),
  );
  return { name: properties.DashboardName, body, metrics };
}

/** The monitor's own metrics among those shown (not AWS/… service metrics). */
export function customMetrics(metrics: readonly ShownMetric[]): ShownMetric[] {
  return metrics.filter((m) => !m.namespace.startsWith('AWS/'));
}

/** `Name{dim=value,...}`: how a test names a metric shown or emitted. */
export function metricKey(m: { readonly name: string; readonly dimensions: Readonly<Record<string, string>> }): string {
  const dims = Object.entries(m.dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  return `${m.name}{${dims.join(',')}}`;
}
