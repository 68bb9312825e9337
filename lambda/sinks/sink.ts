/**
 * The alert sink seam: every report a run produces goes to each enabled sink in turn (enabled-sinks.ts). A sink
 * is one file here: a factory that takes the settings and clients below and returns the sink, or nothing when
 * its switch is off.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import type { OrgReport } from '../domain/org-report';
import type { Report } from '../domain/types';

/** What a sink is handed: one account's report, or the organization's. */
export type Delivery =
  | { readonly scope: 'account'; readonly report: Report }
  | { readonly scope: 'organization'; readonly report: OrgReport };

export type DeliveryScope = Delivery['scope'];

/** What a sink delivered: the SNS message ids (the run summary's messagesPublished), a finding's ids... */
export interface Receipt {
  readonly ids: readonly string[];
}

export interface Sink {
  /** Named in logs, and in the coverage gap its failure leaves. */
  readonly name: string;
  /** Where it delivers: the region of that gap. */
  readonly region: string;
  /** The reports it takes. */
  readonly scopes: readonly DeliveryScope[];
  /**
   * Its failure fails the run (after every other sink has had its turn) instead of only leaving a gap, so that
   * Lambda retries: the SNS digest, the alert itself.
   * @default false
   */
  readonly required?: boolean;
  deliver(delivery: Delivery): Promise<Receipt>;
}

/** What the deployment tells the sinks (a sink's switch goes here). */
export interface SinkSettings {
  readonly topicArn: string;
  /** Organization: the topic the Slack channel reads, which gets the digest only (chat-digest-sink.ts). */
  readonly chatDigestTopicArn?: string;
}

/** The clients sinks call, per region (the checker's AwsClients has them). */
export interface SinkClients {
  sns(region: string): SNSClient;
}

/** A sink from the settings, or undefined when it is switched off. */
export type SinkFactory = (settings: SinkSettings, clients: SinkClients) => Sink | undefined;
