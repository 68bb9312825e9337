/**
 * The alert sink seam: every report a run produces goes to each enabled sink in turn (enabled-sinks.ts). A sink
 * is one file here: a factory that takes the settings and clients below and returns the sink, or nothing when
 * its switch is off.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Subscriber } from '../../contract/subscribers';
import type { OrgReport } from '../domain/org-report';
import type { Report } from '../domain/types';

/** What a sink is handed: one account's report, or the organization's (each names its run). */
export type Delivery =
  | { readonly scope: 'account'; readonly report: Report }
  | { readonly scope: 'organization'; readonly report: OrgReport };

export type DeliveryScope = Delivery['scope'];

/** What a sink delivered: the SNS message ids (the run summary's messagesPublished), a finding's ids... */
export interface Receipt {
  readonly ids: readonly string[];
}

/** How long a sink may take. */
export interface DeliverOptions {
  /**
   * Fires when the sink's share of the run's time is over (time-budget.ts): every call it makes and every wait
   * between its resends stop there. @default no limit (the laptop `check`)
   */
  readonly abortSignal?: AbortSignal | undefined;
}

export interface Sink {
  /** As a person names it (`Security Hub`): in logs, and in the delivery failure its failure leaves. */
  readonly name: string;
  /** Where it delivers: the region of that failure. */
  readonly region: string;
  /** The reports it takes. */
  readonly scopes: readonly DeliveryScope[];
  /**
   * Its failure fails the run (after every other sink has had its turn) instead of only being named, so that
   * Lambda retries: the SNS digest, the alert itself. It runs in the reserve the run keeps for it, with no signal;
   * the others share the time before it.
   * @default false
   */
  readonly required?: boolean;
  /**
   * Also given the (finding-free) report of a quiet run, so that it can close what it raised before (Security
   * Hub archives the findings of certificates no longer flagged).
   * @default false
   */
  readonly everyRun?: boolean;
  deliver(delivery: Delivery, options?: DeliverOptions): Promise<Receipt>;
}

/** What the deployment tells the sinks (a sink's switch goes here). */
export interface SinkSettings {
  readonly topicArn: string;
  /** Who the topic alerts (the messages say where the commands are from it). @default - not known */
  readonly subscribers?: readonly Subscriber[];
  /**
   * Import findings into Security Hub CSPM in the home region (`SECURITY_HUB`).
   * @default false
   */
  readonly securityHub?: boolean;
  /**
   * The EventBridge bus (name or ARN) that receives one event per flagged certificate (`EVENT_BUS`).
   * @default - no events
   */
  readonly eventBus?: string;
  /** Organization: the topic the Slack channel reads, which gets the digest only (chat-digest-sink.ts). */
  readonly chatDigestTopicArn?: string;
}

/** The clients sinks call, per region (the checker's AwsClients has them). */
export interface SinkClients {
  /** The region of the caller's own services: Security Hub imports there, a bus given by name is there. */
  readonly homeRegion: string;
  sns(region: string): SNSClient;
  securityHub(region: string): SecurityHubClient;
  eventBridge(region: string): EventBridgeClient;
}

/** A sink from the settings, or undefined when it is switched off. */
export type SinkFactory = (settings: SinkSettings, clients: SinkClients) => Sink | undefined;
