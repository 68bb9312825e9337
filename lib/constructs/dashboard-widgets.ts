/**
 * The widgets both dashboards (account and organization) build from the metrics the functions emit
 * (contract/metrics.ts): a metric is looked up there by service and name, so a widget cannot show one that no
 * function emits. The checker runs on a schedule (daily by default), so the business metrics are graphed per day.
 */
import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct, IConstruct } from 'constructs';
import { METRICS } from '../../contract/environment';
import {
  DIMENSIONS,
  EMITTED_METRICS,
  METRIC_NAMES,
  SEVERITY_METRICS,
  type DimensionName,
  type MetricDefinition,
} from '../../contract/metrics';
import { THRESHOLD_DAYS_RULE, thresholdDaysOf, warningDaysRule } from '../../contract/validation';
import { checkProps } from './prop-checks';

/** One datapoint a day: a daily run's value, or the day's worst of a more frequent schedule. */
export const DASHBOARD_PERIOD = Duration.days(1);

/** The time range a dashboard opens on. SEARCH finds series with data in the last two weeks; this shows four. */
export const DASHBOARD_INTERVAL = Duration.days(28);

/** What the graphs of the flagged certificates mark: the alert's default thresholds. */
export interface DashboardThresholds {
  /** Days before expiry at which a certificate is critical (a tag may override it per certificate). */
  readonly thresholdDays: number;
  /** Days before expiry at which a certificate is a warning; 0 = no warning tier. */
  readonly warningDays: number;
}

/** What both dashboards take beside the resources they watch. */
export interface DashboardProps extends DashboardThresholds {
  /**
   * The monitor's own alarms, shown with their state.
   * @default none
   */
  readonly alarms?: readonly cloudwatch.IAlarm[];
  /**
   * The dashboard's name.
   * @default the stack name
   */
  readonly dashboardName?: string;
}

/**
 * A dashboard under `scope` (construct id `Dashboard`) that opens on DASHBOARD_INTERVAL, headed by `intro`
 * (markdown), with the thresholds held to the rules of the context keys; and its console address.
 */
export function newDashboard(
  scope: Construct,
  props: DashboardProps,
  intro: string,
): { dashboard: cloudwatch.Dashboard; url: string } {
  checkProps(scope, {
    thresholdDays: [props.thresholdDays, THRESHOLD_DAYS_RULE],
    warningDays: [props.warningDays, warningDaysRule(thresholdDaysOf(props.thresholdDays))],
  });
  const name = props.dashboardName ?? Stack.of(scope).stackName;
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', {
    dashboardName: name,
    defaultInterval: DASHBOARD_INTERVAL,
  });
  dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: intro, width: 24, height: 2 }));
  return {
    dashboard,
    url: `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards/dashboard/${name}`,
  };
}

/** The last row: the state of each alarm, when there are any. */
export function addAlarmStatus(dashboard: cloudwatch.Dashboard, alarms: readonly cloudwatch.IAlarm[] = []): void {
  if (alarms.length > 0)
    dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...alarms], width: 24, height: 3 }),
    );
}

/** The definition of `name` among the metrics the function with `service` emits; throws when it emits none. */
export function emitted(serviceName: string, name: string, dimensions: readonly DimensionName[]): MetricDefinition {
  const found = (EMITTED_METRICS[serviceName] ?? []).find(
    (m) =>
      m.name === name && m.dimensions.length === dimensions.length && dimensions.every((d) => m.dimensions.includes(d)),
  );
  if (!found) throw new Error(`no function emits ${name} (${dimensions.join(', ')}) for service ${serviceName}`);
  return found;
}

/** A metric the function with `service` emits with the `service` dimension only, per day. */
export function serviceMetric(serviceName: string, name: string, statistic: string, label?: string): cloudwatch.Metric {
  const definition = emitted(serviceName, name, [DIMENSIONS.service]);
  return new cloudwatch.Metric({
    namespace: METRICS.namespace,
    metricName: definition.name,
    dimensionsMap: { [DIMENSIONS.service]: serviceName },
    statistic,
    period: DASHBOARD_PERIOD,
    ...(label !== undefined ? { label } : {}),
  });
}

/**
 * Every series of a metric with dimensions beside `service` (one per certificate or account), by a SEARCH expression:
 * their dimension values are only known at run time. The schema `{namespace,dimensions}` matches metrics with
 * exactly these dimensions, `service="…"` the function's own (an exact match, in quotes):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/search-expression-syntax.html. One SEARCH returns
 * at most 500 series; the functions emit at most CHARTED_CERTIFICATES (or CHARTED_ACCOUNTS) a run.
 */
export function seriesSearch(
  serviceName: string,
  name: string,
  dimensions: readonly DimensionName[],
  statistic: string,
  label: string,
): cloudwatch.SearchExpression {
  const definition = emitted(serviceName, name, dimensions);
  const schema = [METRICS.namespace, ...definition.dimensions].join(',');
  return new cloudwatch.SearchExpression({
    expression: `SEARCH('{${schema}} MetricName="${definition.name}" ${DIMENSIONS.service}="${serviceName}"', '${statistic}', ${DASHBOARD_PERIOD.toSeconds()})`,
    label,
    period: DASHBOARD_PERIOD,
  });
}

/** A dynamic label: the series' value of a dimension (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/graph-dynamic-labels.html). */
export function dimensionLabel(dimension: DimensionName): string {
  return `\${PROP('Dim.${dimension}')}`;
}

/** Days to expiry of each charted certificate, with the expiry and the default thresholds marked. */
export function daysToExpiryWidget(
  serviceName: string,
  dimensions: readonly DimensionName[],
  thresholds: DashboardThresholds,
  title: string,
): cloudwatch.GraphWidget {
  const label = dimensions
    .filter((d) => d !== DIMENSIONS.service)
    .map(dimensionLabel)
    .join(' ');
  return new cloudwatch.GraphWidget({
    title,
    width: 24,
    height: 8,
    left: [seriesSearch(serviceName, METRIC_NAMES.daysToExpiry, dimensions, cloudwatch.Stats.MINIMUM, label)],
    leftYAxis: { label: 'days to expiry', showUnits: false },
    leftAnnotations: [
      { value: 0, label: 'expired', color: cloudwatch.Color.RED },
      { value: thresholds.thresholdDays, label: 'critical (default threshold)', color: cloudwatch.Color.ORANGE },
      ...(thresholds.warningDays > 0
        ? [{ value: thresholds.warningDays, label: 'warning', color: cloudwatch.Color.GREY }]
        : []),
    ],
    legendPosition: cloudwatch.LegendPosition.RIGHT,
  });
}

/** Flagged certificates by severity, one line each, as the alert counts them. */
export function severityWidget(serviceName: string, title: string): cloudwatch.GraphWidget {
  const labels: Record<keyof typeof SEVERITY_METRICS, string> = {
    expired: 'expired',
    critical: 'critical',
    warning: 'warning',
    unknown: 'expiry unknown',
    unused: 'unused',
  };
  const severities = Object.keys(labels) as (keyof typeof SEVERITY_METRICS)[];
  return new cloudwatch.GraphWidget({
    title,
    width: 12,
    height: 6,
    left: severities.map((s) => serviceMetric(serviceName, SEVERITY_METRICS[s], cloudwatch.Stats.MAXIMUM, labels[s])),
    leftYAxis: { min: 0, showUnits: false },
  });
}

/** Every alarm defined under `scope` (the monitor's own alarms), for an alarm status widget. */
export function alarmsUnder(scope: IConstruct): cloudwatch.IAlarm[] {
  return scope.node.findAll().filter((c): c is cloudwatch.Alarm => c instanceof cloudwatch.Alarm);
}
