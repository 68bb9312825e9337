import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { METRICS } from '../../contract/environment';
import { CHARTED_CERTIFICATES, DIMENSIONS, METRIC_NAMES } from '../../contract/metrics';
import {
  DASHBOARD_PERIOD,
  addAlarmStatus,
  newDashboard,
  daysToExpiryWidget,
  serviceMetric,
  severityWidget,
  type DashboardProps,
} from './dashboard-widgets';

export interface MonitorDashboardProps extends DashboardProps {
  /** The checker function (its invocations, errors and duration). */
  readonly function: lambda.IFunction;
}

/**
 * The account monitor's CloudWatch dashboard: days to expiry of the most urgent flagged certificates, flagged
 * certificates by severity over time, and the monitor's health (runs, errors, duration, coverage gaps, delivery
 * failures, its alarms).
 */
export class MonitorDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  /** The dashboard in the CloudWatch console. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: MonitorDashboardProps) {
    super(scope, id);
    const service = METRICS.serviceName;
    const max = cloudwatch.Stats.MAXIMUM;
    const fn = props.function;
    const { dashboard, url } = newDashboard(
      this,
      props,
      '## IAM server certificates\n' +
        `Each run charts the ${CHARTED_CERTIFICATES} most urgent flagged certificates with a known expiry; the rest ` +
        'are counted in "flagged, not charted". The alert names every one, with where it is served.',
    );
    this.dashboard = dashboard;
    this.url = url;
    const perDay = { period: DASHBOARD_PERIOD };

    this.dashboard.addWidgets(
      daysToExpiryWidget(
        service,
        [DIMENSIONS.service, DIMENSIONS.certificate],
        props,
        'Days to expiry of flagged certificates',
      ),
    );
    this.dashboard.addWidgets(
      severityWidget(service, 'Flagged certificates by severity'),
      new cloudwatch.SingleValueWidget({
        title: 'Last run',
        width: 12,
        height: 6,
        metrics: [
          serviceMetric(service, METRIC_NAMES.certificatesScanned, max, 'certificates listed'),
          serviceMetric(service, METRIC_NAMES.minDaysLeft, cloudwatch.Stats.MINIMUM, 'fewest days left'),
          serviceMetric(service, METRIC_NAMES.flaggedNotCharted, max, 'flagged, not charted'),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Runs',
        width: 8,
        height: 6,
        left: [
          serviceMetric(service, METRICS.runCompleted, cloudwatch.Stats.SUM, 'runs completed'),
          fn.metricInvocations({ ...perDay, statistic: cloudwatch.Stats.SUM, label: 'invocations' }),
          fn.metricErrors({ ...perDay, statistic: cloudwatch.Stats.SUM, label: 'errors' }),
        ],
        leftYAxis: { min: 0, showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Duration',
        width: 8,
        height: 6,
        left: [fn.metricDuration({ ...perDay, statistic: max, label: 'longest run' })],
        leftYAxis: { min: 0 },
      }),
      new cloudwatch.GraphWidget({
        title: 'Coverage gaps and delivery failures',
        width: 8,
        height: 6,
        left: [
          serviceMetric(service, METRIC_NAMES.regionsFailed, max, 'regions not fully read'),
          serviceMetric(service, METRICS.scanIncomplete, max, 'scan incomplete'),
          serviceMetric(service, METRICS.deliveryFailures, max, 'sinks not delivered'),
        ],
        leftYAxis: { min: 0, showUnits: false },
      }),
    );
    addAlarmStatus(this.dashboard, props.alarms);
  }
}
