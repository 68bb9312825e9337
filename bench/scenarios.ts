/** The benchmark's estates (deterministic: synthetic estates with a fixed seed, relative to one `now`). */
import { syntheticEstate, type SyntheticEstate } from '../local-aws';

export interface BenchScenario {
  readonly name: string;
  readonly description: string;
  readonly estate: SyntheticEstate;
  /**
   * Run under a CPU quota at the stack's memory size only, and project the other sizes from that run's CPU time
   * (keeps a sweep of many estates short).
   * @default false
   */
  readonly projectOtherSizes?: boolean;
}

interface EstateShape {
  readonly certificates: number;
  readonly flagged: number;
  readonly regions: number;
  /** Classic load balancers per region, and as many ALB/NLBs. */
  readonly lbsPerKind: number;
  readonly sni: number;
}

function scenario(name: string, description: string, now: Date, shape: EstateShape): BenchScenario {
  return {
    name,
    description,
    estate: syntheticEstate({
      now,
      certificates: shape.certificates,
      expiringSoon: shape.flagged,
      regions: shape.regions,
      classicPerRegion: shape.lbsPerKind,
      elbv2PerRegion: shape.lbsPerKind,
      sniPerListener: shape.sni,
      seed: 42,
    }),
  };
}

export const quiet = (now: Date) =>
  scenario('quiet', '20 certs, none near expiry; 17 regions x 20 LBs', now, {
    certificates: 20,
    flagged: 0,
    regions: 17,
    lbsPerKind: 10,
    sni: 1,
  });

export const typical = (now: Date) =>
  scenario('typical', '20 certs, 3 flagged; 17 regions x 20 LBs', now, {
    certificates: 20,
    flagged: 3,
    regions: 17,
    lbsPerKind: 10,
    sni: 1,
  });

/** 17 regions x (400 Classic + 400 ALB/NLB), 2 secure listeners each, 3 SNI certificates per ELBv2 listener. */
export const large = (now: Date, regions = 17, lbsPerKind = 400, name = 'large') =>
  scenario(
    name,
    `1000 certs, 50 flagged; ${regions} regions x (${lbsPerKind} CLB + ${lbsPerKind} ALB/NLB), 3 SNI`,
    now,
    {
      certificates: 1000,
      flagged: 50,
      regions,
      lbsPerKind,
      sni: 3,
    },
  );

export const SCALING_REGIONS = [1, 4, 17] as const;
export const SCALING_LBS = [10, 100, 400] as const;

/** The small estate `--smoke` runs (seconds, still multi-region, paged and with SNI). */
export const smoke = (now: Date) =>
  scenario('smoke', '20 certs, 3 flagged; 3 regions x (5 CLB + 5 ALB/NLB), 2 SNI', now, {
    certificates: 20,
    flagged: 3,
    regions: 3,
    lbsPerKind: 5,
    sni: 2,
  });
