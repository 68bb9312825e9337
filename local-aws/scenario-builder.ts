/**
 * A fluent builder for scenarios in tests:
 *   scenarioBuilder({ now }).account('123456789012', 'acme').regions('us-east-1', 'eu-west-1')
 *     .certificate('web', { expiresInDays: 5 }).classicLoadBalancer('us-east-1', 'legacy', [{ protocol: 'HTTPS', port: 443, certificate: 'web' }])
 *     .topic('arn:aws:sns:us-east-1:123456789012:alerts').build();
 * ACM certificates live in a region: `.acmCertificate('us-east-1', 'api', { expiresInDays: 20, keyAlgorithm: 'EC_prime256v1' })`.
 */
import {
  resolveScenario,
  type ClassicListener,
  type CloudFrontDistribution,
  type Elbv2Listener,
  type Elbv2LoadBalancer,
  type ClassicLoadBalancer,
  type Scenario,
  type ScenarioFileCertificate,
  type ScenarioFileRegion,
} from './estate/scenario';
import type { ScenarioFileAcmCertificate } from './estate/acm-scenario';

export interface ScenarioBuilderProps {
  /** What relative dates (`expiresInDays`) count from. @default new Date() */
  readonly now?: Date;
  /** @default '123456789012' */
  readonly accountId?: string;
}

type MutableRegion = {
  classicLoadBalancers: ClassicLoadBalancer[];
  loadBalancers: Elbv2LoadBalancer[];
  acmCertificates: ScenarioFileAcmCertificate[];
};
export type CertificateOptions = Omit<ScenarioFileCertificate, 'name'>;
export type AcmCertificateOptions = Omit<ScenarioFileAcmCertificate, 'name'>;

export class ScenarioBuilder {
  private readonly now: Date;
  private accountId: string;
  private readonly aliases: string[] = [];
  private readonly enabled: string[] = [];
  private readonly optIn: string[] = [];
  private readonly certificates: ScenarioFileCertificate[] = [];
  private readonly regionEstates = new Map<string, MutableRegion>();
  private readonly distributions: CloudFrontDistribution[] = [];
  private readonly topicArns: string[] = [];
  private securityHubRegions: boolean | string[] | undefined;

  constructor(props: ScenarioBuilderProps = {}) {
    this.now = props.now ?? new Date();
    this.accountId = props.accountId ?? '123456789012';
  }

  account(accountId: string, ...aliases: string[]): this {
    this.accountId = accountId;
    this.aliases.push(...aliases);
    return this;
  }

  /** Enabled regions (what DescribeRegions returns by default). */
  regions(...names: string[]): this {
    for (const n of names) if (!this.enabled.includes(n)) this.enabled.push(n);
    return this;
  }

  /** Opt-in regions the account has not opted in to. */
  notOptedIn(...names: string[]): this {
    this.optIn.push(...names);
    return this;
  }

  /** A certificate; without `expiration`/`expiresInDays` it expires in 365 days. Pass `expiration: null` for unknown. */
  certificate(name: string, options: CertificateOptions = {}): this {
    const dated = options.expiration !== undefined || options.expiresInDays !== undefined;
    this.certificates.push({ name, ...(dated ? {} : { expiresInDays: 365 }), ...options });
    return this;
  }

  classicLoadBalancer(
    region: string,
    name: string,
    listeners: ClassicListener[],
    extra: Partial<Omit<ClassicLoadBalancer, 'name' | 'listeners'>> = {},
  ): this {
    this.region(region).classicLoadBalancers.push({ name, listeners, ...extra });
    return this;
  }

  loadBalancer(
    region: string,
    name: string,
    type: Elbv2LoadBalancer['type'],
    listeners: Elbv2Listener[],
    extra: Partial<Omit<Elbv2LoadBalancer, 'name' | 'type' | 'listeners'>> = {},
  ): this {
    this.region(region).loadBalancers.push({ name, type, listeners, ...extra });
    return this;
  }

  /** An ALB with one HTTPS:443 listener. */
  alb(region: string, name: string, defaultCertificate: string, sniCertificates: string[] = []): this {
    return this.loadBalancer(region, name, 'application', [
      { protocol: 'HTTPS', port: 443, defaultCertificate, sniCertificates },
    ]);
  }

  /** An NLB with one TLS:443 listener. */
  nlb(region: string, name: string, defaultCertificate: string, sniCertificates: string[] = []): this {
    return this.loadBalancer(region, name, 'network', [
      { protocol: 'TLS', port: 443, defaultCertificate, sniCertificates },
    ]);
  }

  distribution(distribution: CloudFrontDistribution): this {
    this.distributions.push(distribution);
    return this;
  }

  topic(...arns: string[]): this {
    this.topicArns.push(...arns);
    return this;
  }

  /** An ACM certificate in a region; without `notAfter`/`expiresInDays` it expires in 365 days. */
  acmCertificate(region: string, name: string, options: AcmCertificateOptions = {}): this {
    const dated = options.notAfter !== undefined || options.expiresInDays !== undefined;
    this.region(region).acmCertificates.push({ name, ...(dated ? {} : { expiresInDays: 365 }), ...options });
    return this;
  }

  /** Where Security Hub CSPM is enabled: everywhere (`true`, the default), nowhere (`false`) or these regions. */
  securityHub(enabled: boolean | string[]): this {
    this.securityHubRegions = enabled;
    return this;
  }

  /** Resolves and validates; throws once listing every problem. */
  build(): Scenario {
    const regions: Record<string, ScenarioFileRegion> = {};
    for (const [name, { acmCertificates, ...estate }] of this.regionEstates)
      regions[name] = acmCertificates.length > 0 ? { ...estate, acmCertificates } : estate;
    return resolveScenario(
      {
        accountId: this.accountId,
        accountAliases: this.aliases,
        enabledRegions: this.enabled.length > 0 ? this.enabled : ['us-east-1'],
        optInRegions: this.optIn,
        certificates: this.certificates,
        regions,
        cloudFrontDistributions: this.distributions,
        topics: this.topicArns,
        ...(this.securityHubRegions !== undefined ? { securityHub: this.securityHubRegions } : {}),
      },
      { now: this.now },
    );
  }

  private region(name: string): MutableRegion {
    let estate = this.regionEstates.get(name);
    if (!estate) {
      estate = { classicLoadBalancers: [], loadBalancers: [], acmCertificates: [] };
      this.regionEstates.set(name, estate);
      this.regions(name);
    }
    return estate;
  }
}

export function scenarioBuilder(props: ScenarioBuilderProps = {}): ScenarioBuilder {
  return new ScenarioBuilder(props);
}
