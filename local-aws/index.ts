/** The loopback AWS-protocol test server: start it, point SDK clients at `server.endpoint`, inspect what they did. */
export { startAwsServer, type AwsServer, type AwsServerOptions, type EventFilter } from './server';
export * from './estate/scenario';
export * from './estate/acm-scenario';
export {
  ScenarioBuilder,
  scenarioBuilder,
  type ScenarioBuilderProps,
  type CertificateOptions,
  type AcmCertificateOptions,
} from './scenario-builder';
export {
  indexScenario,
  type ScenarioIndex,
  type IndexedCertificate,
  type IndexedListener,
  type IndexedElbv2LoadBalancer,
  type IndexedClassicLoadBalancer,
  type IndexedDistribution,
  type RegionIndex,
} from './estate/scenario-index';
export type { IndexedAcmCertificate } from './estate/acm-index';
export { syntheticEstate, DEFAULT_REGIONS, type SyntheticEstate, type SyntheticEstateProps } from './synthetic-estate';
export { FaultInjector, faultError, HUNG_RESPONSE_HEADER, type FaultKind, type FaultRule } from './faults';
export { RateLimiter, RATE_LIMIT_PRESETS, type RateLimitRule, type Clock } from './rate-limit';
export type { Latency } from './latency';
export type { RequestRecord, RequestFilter, CountKey } from './request-log';
export type { PublishedMessage, ReceivedEvent } from './services/service';
export type { Finding } from './estate/finding-store';
export { SERVICE_NAMES, type ServiceName } from './protocols/service-name';
export { SNS_MAX_MESSAGE_BYTES, SNS_MAX_SUBJECT_CHARS } from './services/sns';
export { ACM_DEFAULT_KEY_TYPES } from './services/acm';
export { SECURITY_HUB_MAX_IMPORT, defaultProductArn } from './services/security-hub';
export { EVENTBRIDGE_MAX_ENTRIES, EVENTBRIDGE_MAX_REQUEST_BYTES } from './services/eventbridge';
export {
  serverCertificateArn,
  serverCertificateId,
  elbv2LoadBalancerArn,
  elbv2ListenerArn,
  acmCertificateArn,
} from './estate/ids';
export { AwsError } from './protocols/aws-error';
export { clientConfig, type LoopbackClientConfig } from './client-config';
export * from './estate/organization-scenario';
export { ObjectStore } from './estate/object-store';
export {
  runStateMachine,
  type OrgHandlers,
  type StateMachineRun,
  type StateMachineRunProps,
} from './state-machine-run';
