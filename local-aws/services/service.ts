/** What a service module provides: its wire protocol, XML namespace and one handler per action. */
import type { ObjectStore } from '../estate/object-store';
import type { AccountDirectory } from '../estate/organization';
import type { Params } from '../protocols/form-params';
import type { ScenarioIndex } from '../estate/scenario-index';
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

export interface ActionContext {
  /** Decoded form fields (query protocols) or query-string parameters (REST-XML). */
  readonly params: Params;
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
}

/**
 * Returns the result XML: the inner `<XResult>` content (query), inner response (EC2) or whole document
 * (REST-XML); the JSON document (JSON 1.1); the object body (S3 GetObject).
 */
export type ActionHandler = (ctx: ActionContext) => string;

export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly protocol: 'query' | 'ec2' | 'rest-xml' | 'json';
  readonly namespace: string;
  /** Regional services fail in regions the account has not opted in to. */
  readonly regional: boolean;
  readonly actions: Readonly<Record<string, ActionHandler>>;
}
