/** What a service module provides: its wire protocol, XML namespace and one handler per action. */
import type { FindingStore } from '../estate/finding-store';
import type { ObjectStore } from '../estate/object-store';
import type { AccountDirectory } from '../estate/organization';
import type { ScenarioIndex } from '../estate/scenario-index';
import type { AwsError } from '../protocols/aws-error';
import type { WireProtocol } from '../protocols/envelope';
import type { Params } from '../protocols/form-params';
import type { JsonObject } from '../protocols/identify';
import type { ServiceName } from '../protocols/service-name';

export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
  readonly messageStructure?: string;
  readonly messageAttributes: Readonly<Record<string, { readonly dataType: string; readonly stringValue?: string }>>;
  readonly region: string;
  readonly messageId: string;
}

/** An event EventBridge accepted, as it travels on its bus (the envelope rules and targets see). */
export interface ReceivedEvent {
  readonly eventBusName: string;
  readonly accountId: string;
  readonly region: string;
  readonly event: {
    readonly version: '0';
    readonly id: string;
    readonly 'detail-type': string;
    readonly source: string;
    readonly account: string;
    /** ISO 8601, seconds precision. */
    readonly time: string;
    readonly region: string;
    readonly resources: readonly string[];
    readonly detail: JsonObject;
  };
}

export interface ActionContext {
  /** Decoded form fields (query protocols) or query-string parameters (REST-XML). */
  readonly params: Params;
  /** The parsed JSON body (JSON 1.1 and REST-JSON services); `{}` for the others. */
  readonly input: JsonObject;
  readonly region: string;
  /** The caller's account's estate (chosen by the access key id). */
  readonly index: ScenarioIndex;
  readonly requestId: string;
  /** Every account, the organization and the credentials STS issued. */
  readonly accounts: AccountDirectory;
  /** S3 objects (the run-data bucket). */
  readonly objects: ObjectStore;
  /** Records a published SNS message. */
  readonly publish: (message: PublishedMessage) => void;
  /** Security Hub findings of every account. */
  readonly findings: FindingStore;
  /** Records an event EventBridge accepted. */
  readonly putEvent: (event: ReceivedEvent) => void;
  /** For batch actions, once per entry: the injected failure of that entry (`entry-failure` fault rules), if any. */
  readonly entryFault: () => AwsError | undefined;
  /** Adds a header to a successful reply (CloudFront's `ETag`). */
  readonly replyHeader: (name: string, value: string) => void;
  /** The server's clock (a test may drive it). */
  readonly now: Date;
  /** For how long after its upload ELB answers CertificateNotFound for an IAM certificate. */
  readonly certificatePropagationMs: number;
  /** For how long a CloudFront update is `InProgress` before it is `Deployed`. */
  readonly distributionDeploymentMs: number;
}

/**
 * Returns the result XML: the inner `<XResult>` content (query), inner response (EC2) or whole document
 * (REST-XML); the JSON document (JSON 1.1); the object body (S3 GetObject).
 */
export type ActionHandler = (ctx: ActionContext) => string;

export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly protocol: WireProtocol;
  readonly namespace: string;
  /** Regional services fail in regions the account has not opted in to. */
  readonly regional: boolean;
  readonly actions: Readonly<Record<string, ActionHandler>>;
}
