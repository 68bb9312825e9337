import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { CHARTED_ACCOUNTS, CHARTED_CERTIFICATES, DIMENSIONS, METRIC_NAMES } from '../../../contract/metrics';
import { ORG_METRICS } from '../../../contract/organization';
import {
  DASHBOARD_PERIOD,
  addAlarmStatus,
  newDashboard,
  daysToExpiryWidget,
  dimensionLabel,
  seriesSearch,
  serviceMetric,
  severityWidget,
  type DashboardProps,
} from '../dashboard-widgets';

export interface OrgDashboardProps extends DashboardProps {
  /** The organization run (its executions and their duration). */
  readonly stateMachine: sfn.IStateMachine;
  /** The run's functions, by the name the dashboard gives them (their errors and duration). */
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
}

/**
 * The organization hub's CloudWatch dashboard: accounts checked, not checked and partly checked per run, flagged
 * certificates per account for the accounts with the most findings, days to expiry of the organization's most
 * urgent flagged certificates, counts by severity, and the run's health (executions, errors, duration, delivery
 * failures, its alarms).
 */
export class OrgDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  /** The dashboard in the CloudWatch console. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: OrgDashboardProps) {
    super(scope, id);
    const service = ORG_METRICS.serviceName;
    const max = cloudwatch.Stats.MAXIMUM;
    const sum = cloudwatch.Stats.SUM;
    const { dashboard, url } = newDashboard(
      this,
      props,
      '## IAM server certificates across the organization\n' +
        `Each run charts the ${CHARTED_CERTIFICATES} most urgent flagged certificates and the ${CHARTED_ACCOUNTS} ` +
        'accounts with the most findings; the rest are counted. The digest names every one.',
    );
    this.dashboard = dashboard;
    this.url = url;
    const perDay = { period: DASHBOARD_PERIOD };
    const run = props.stateMachine;

    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Accounts per run',
        width: 12,
        height: 6,
        left: [
          serviceMetric(service, METRIC_NAMES.accountsChecked, max, 'checked'),
          serviceMetric(service, ORG_METRICS.accountsPartlyChecked, max, 'partly checked'),
          serviceMetric(service, ORG_METRICS.accountsNotChecked, max, 'not checked'),
        ],
        leftYAxis: { min: 0, showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Flagged certificates per account (most findings)',
        width: 12,
        height: 6,
        left: [
          seriesSearch(
            service,
            METRIC_NAMES.flaggedCertificates,
            [DIMENSIONS.service, DIMENSIONS.account],
            max,
            dimensionLabel(DIMENSIONS.account),
          ),
        ],
        leftYAxis: { min: 0, showUnits: false },
        legendPosition: cloudwatch.LegendPosition.RIGHT,
      }),
    );
    this.dashboard.addWidgets(
      daysToExpiryWidget(
        service,
        [DIMENSIONS.service, DIMENSIONS.account, DIMENSIONS.certificate],
        props,
        'Days to expiry of flagged certificates (most urgent in the organization)',
      ),
    );
    this.dashboard.addWidgets(
      severityWidget(service, 'Flagged certificates by severity (organization)'),
      new cloudwatch.SingleValueWidget({
        title: 'Last run: left to the counts',
        width: 12,
        height: 6,
        metrics: [
          serviceMetric(service, METRIC_NAMES.flaggedNotCharted, max, 'flagged certificates, not charted'),
          serviceMetric(service, METRIC_NAMES.accountsNotCharted, max, 'accounts with findings, not charted'),
        ],
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Runs',
        width: 8,
        height: 6,
        left: [
          serviceMetric(service, ORG_METRICS.runCompleted, sum, 'runs completed'),
          run.metricSucceeded({ ...perDay, statistic: sum, label: 'executions succeeded' }),
          run.metricFailed({ ...perDay, statistic: sum, label: 'failed' }),
          run.metricTimedOut({ ...perDay, statistic: sum, label: 'timed out' }),
          run.metricAborted({ ...perDay, statistic: sum, label: 'aborted' }),
        ],
        leftYAxis: { min: 0, showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        width: 8,
        height: 6,
        left: Object.entries(props.functions).map(([label, fn]) =>
          fn.metricErrors({ ...perDay, statistic: sum, label }),
        ),
        right: [serviceMetric(service, ORG_METRICS.deliveryFailures, max, 'sinks not delivered')],
        leftYAxis: { min: 0, showUnits: false },
        rightYAxis: { min: 0, showUnits: false },
      }),
      new cloudwatch.GraphWidget({
        title: 'Duration',
        width: 8,
        height: 6,
        left: [
          run.metricTime({ ...perDay, statistic: max, label: 'run (execution)' }),
          ...Object.entries(props.functions).map(([label, fn]) =>
            fn.metricDuration({ ...perDay, statistic: max, label: `${label} (longest)` }),
          ),
        ],
        leftYAxis: { min: 0 },
      }),
    );
    addAlarmStatus(this.dashboard, props.alarms);
  }
}
