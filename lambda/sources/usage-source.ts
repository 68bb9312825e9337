/**
 * A usage source: one kind of place that serves IAM certificates (Classic ELB, ELBv2, CloudFront...). Its pure part
 * says what it produces, how its usages are named and linked, and how they are switched to another certificate;
 * its listing part (`SourceListing`) finds the usages. The renderers and the scan ask the registry, never a type.
 */
import type { AwsClients } from '../aws/clients';
import type { CertificateUsage, ObservedCertificateUse, ScanService } from '../domain/types';
import type { UsageType } from '../domain/usage-place';

/** One step of a fix: commands to paste, in order. */
export interface RemediationStep {
  /** One line, imperative: what this step does and where. */
  readonly title: string;
  /** Shell commands, one per line, in order. Values are shell-quoted where needed. */
  readonly commands: readonly string[];
  /** An optional caveat shown under the commands. */
  readonly note?: string;
  /**
   * The same commands spread over lines of about 71 columns (` \` continuations, loops one item a line) for the
   * email; absent when `commands` are shown as they are. Pasted into bash, both run the same.
   */
  readonly display?: readonly string[];
}

/** A bash `for` loop that runs the same commands over many places. */
export interface ShellLoop {
  /** The loop variable, e.g. `l`. The body refers to it as `"$l"`. */
  readonly variable: string;
  /** Items, each already a safe shell word (shell-quoted by the caller). */
  readonly items: readonly string[];
  /** Commands run for each item, chained with `&&` (a later one runs only when the earlier succeeded). */
  readonly body: readonly string[];
}

/** The compact fix for a group of usages: one loop (the renderer lays it out), after commands run once. */
export interface LoopStep {
  readonly title: string;
  readonly before?: readonly string[];
  readonly loop: ShellLoop;
  readonly note?: string;
}

/** The certificate the fix switches to: the renewal already in IAM, or the one to upload. */
export interface SwitchTarget {
  readonly name: string;
  readonly arn: string;
  /** Known only for a renewal already uploaded (CloudFront needs it). */
  readonly id?: string;
  /** How titles call it: `the renewed certificate`, or the renewal's name. */
  readonly label: string;
  /** Renewal already on the same listener: only the old SNI certificate must go. */
  readonly alreadyAt?: (usage: CertificateUsage) => boolean;
  /** Where it lives: `acm` (its `arn` is the ACM ARN, in the usage's region) or IAM. @default 'iam' */
  readonly store?: 'iam' | 'acm';
}

/** Usages that one compact loop switches together. */
export interface SwitchGroup {
  /** Usages with the same key share a loop; start it with the source's own word so keys never collide. */
  readonly key: string;
  /** Groups are ordered by region, first seen first; absent: after every region (a global source). */
  readonly region?: string;
  /** Order within a region, below 3 (a usage with a step of its own): SNI replacements 0, defaults 1, Classic ELB 2. */
  readonly order: number;
}

/** Every label the alerts print for one usage. */
export interface UsageNames<U extends CertificateUsage = CertificateUsage> {
  /** Fix titles and the renewal sentence: `ALB shop-alb (us-east-1) HTTPS:443`, `CloudFront distribution E123`. */
  readonly place: (usage: U) => string;
  /** The email's "Served by" line: `ALB shop-alb, us-east-1, HTTPS:443, SNI certificate`. */
  readonly servedBy: (usage: U) => string;
  /** A compact email line: `ALB shop-alb, us-east-1, HTTPS:443, SNI`, `CloudFront E123 (shop.example.com)`. */
  readonly compact: (usage: U) => string;
  /** Slack: `ALB shop-alb (us-east-1, HTTPS:443, SNI)`, `CloudFront E123 (shop.example.com)`. */
  readonly chat: (usage: U) => string;
  /** The terminal table: `ALB shop-alb:443 (us-east-1, SNI)`. */
  readonly table: (usage: U) => string;
}

/** The AWS console for one usage. */
export interface UsageConsole<U extends CertificateUsage = CertificateUsage> {
  /** The page of this place. */
  readonly page: (usage: U, partition: string) => string;
  /** The list page it is on, and what the compact email calls that list (one link per label). */
  readonly list: (usage: U, partition: string) => { readonly label: string; readonly url: string };
}

/** How the usages of a source are moved to another certificate. */
export interface UsageSwitch<U extends CertificateUsage = CertificateUsage> {
  /** The step that switches one usage from `oldArn` to the target. */
  readonly step: (usage: U, oldArn: string, target: SwitchTarget) => RemediationStep;
  /** The loop a usage joins in the compact rendering; absent: a step of its own. */
  readonly group: (usage: U, target: SwitchTarget) => SwitchGroup | undefined;
  /** The loop that switches the usages of one group. */
  readonly groupStep: (usages: readonly U[], oldArn: string, target: SwitchTarget) => LoopStep;
}

/**
 * The pure part of a source: no AWS client, safe in every bundle that renders. `U` is the usage it produces
 * (a distribution, a Classic ELB listener), so its names and commands read only fields that usage has.
 */
export interface UsageSource<U extends CertificateUsage = CertificateUsage> {
  /** How messages call the source: `CloudFront`. */
  readonly name: string;
  /** The usage types it produces; each type belongs to one source. */
  readonly types: readonly UsageType[];
  /** The service its coverage gaps name, and how the alerts call it. */
  readonly service: { readonly name: ScanService; readonly label: string };
  /** An IAM path the certificate must be under to be served here (CloudFront: `/cloudfront/`). */
  readonly requiredPath?: string;
  readonly names: UsageNames<U>;
  readonly console: UsageConsole<U>;
  readonly switch: UsageSwitch<U>;
}

/**
 * A source of any usage, as the registry holds it. `U` only ever takes a usage, so every source is one of these;
 * the registry hands each source only usages of the types it declares.
 */
export type AnyUsageSource = UsageSource<never>;

/** Where one listing runs. */
export interface ListingScope {
  /** The region listed; `global` for a global source. */
  readonly region: string;
  readonly emit: (use: ObservedCertificateUse) => void;
  /** Requests in flight at once per region and service. */
  readonly concurrency: number;
  readonly abortSignal?: AbortSignal | undefined;
}

/** The listing part of a source: calls the thin adapters in `lambda/aws/` (and so the SDK). */
export interface SourceListing {
  readonly source: AnyUsageSource;
  /** `regional`: listed once per region scanned; `global`: once, its gaps in region `global`. */
  readonly scope: 'regional' | 'global';
  /** Emits every use it finds; throws when it cannot finish (the scan records a coverage gap). */
  readonly list: (clients: AwsClients, where: ListingScope) => Promise<void>;
}
