/**
 * Lambda's CPU, emulated: Lambda gives a function CPU in proportion to its memory (1,769 MB = one vCPU), so the
 * benchmark runs the handler process in a Linux CPU cgroup whose CFS quota is that share of one CPU per period.
 * cgroup v1 (`cpu.cfs_period_us` + `cpu.cfs_quota_us`) or v2 (`cpu.max`); when neither is writable, the caller is
 * told why and falls back to a projection from CPU time (bench/lambda-cost.ts).
 *
 * The pure part (share, quota, parsing) is tested; the file-system part needs root and a cgroup mount.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Memory size at which a function has the equivalent of one vCPU (docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
export const MB_PER_VCPU = 1769;

/** CFS accounting period: the kernel default. */
export const CFS_PERIOD_US = 100_000;

/** Prefix of every group this module creates (stale ones from a killed run are removed by name). */
export const GROUP_PREFIX = 'iam-cert-bench-';

/** Share of one CPU a function of this memory size gets. */
export function lambdaCpuShare(memoryMb: number): number {
  if (!(memoryMb > 0)) throw new Error(`memory size must be positive, got ${memoryMb}`);
  return memoryMb / MB_PER_VCPU;
}

/** CFS quota (µs of CPU per period) for a share of one CPU; the kernel refuses quotas under 1 ms. */
export function cfsQuotaUs(share: number, periodUs = CFS_PERIOD_US): number {
  return Math.max(1000, Math.round(share * periodUs));
}

export type CpuController =
  | { readonly kind: 'v1'; readonly root: string }
  | { readonly kind: 'v2'; readonly root: string }
  | { readonly kind: 'none'; readonly reason: string };

interface Mount {
  readonly path: string;
  readonly type: string;
  readonly options: readonly string[];
}

/** Lines of /proc/mounts → the cgroup mounts (`cgroup` = v1 with its controllers in the options, `cgroup2`). */
export function parseCgroupMounts(procMounts: string): Mount[] {
  return procMounts
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f.length >= 4 && (f[2] === 'cgroup' || f[2] === 'cgroup2'))
    .map((f) => ({ path: f[1]!.replace(/\\040/g, ' '), type: f[2]!, options: f[3]!.split(',') }));
}

/**
 * Where a CPU quota can be set, from the mounts and what each v2 hierarchy offers (`cgroup.controllers` of its
 * root): v1 `cpu` first, else a v2 hierarchy that has the `cpu` controller.
 */
export function chooseCpuController(
  mounts: readonly Mount[],
  v2Controllers: (root: string) => readonly string[],
): CpuController {
  const v1 = mounts.find((m) => m.type === 'cgroup' && m.options.includes('cpu'));
  if (v1) return { kind: 'v1', root: v1.path };
  const v2 = mounts.filter((m) => m.type === 'cgroup2');
  const withCpu = v2.find((m) => v2Controllers(m.path).includes('cpu'));
  if (withCpu) return { kind: 'v2', root: withCpu.path };
  if (v2.length > 0)
    return {
      kind: 'none',
      reason: `cgroup v2 at ${v2.map((m) => m.path).join(', ')} has no cpu controller, and no cgroup v1 cpu hierarchy is mounted`,
    };
  return { kind: 'none', reason: 'no cgroup hierarchy with a cpu controller is mounted' };
}

/** `cpu.stat`: how often and how long the group was throttled (v1 `throttled_time` ns, v2 `throttled_usec`). */
export function parseThrottling(cpuStat: string): {
  readonly periods: number;
  readonly throttledPeriods: number;
  readonly throttledMs: number;
} {
  const values = new Map(
    cpuStat
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length === 2)
      .map(([k, v]) => [k!, Number(v)]),
  );
  const throttledMs = values.has('throttled_usec')
    ? values.get('throttled_usec')! / 1000
    : (values.get('throttled_time') ?? 0) / 1e6;
  return { periods: values.get('nr_periods') ?? 0, throttledPeriods: values.get('nr_throttled') ?? 0, throttledMs };
}

/** Is a process with this pid alive? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A CPU cgroup with a fixed quota; processes join it by writing their pid into `cgroup.procs`. */
export class CpuQuotaGroup {
  private constructor(
    readonly controller: Exclude<CpuController, { kind: 'none' }>,
    readonly dir: string,
    readonly share: number,
  ) {}

  /**
   * Finds a writable CPU controller, or says why there is none (not root, no mount, v2 without cpu). Tries it by
   * creating and removing a probe group, and removes groups a killed earlier run left behind.
   */
  static detect(): CpuController {
    let procMounts: string;
    try {
      procMounts = readFileSync('/proc/mounts', 'utf8');
    } catch {
      return { kind: 'none', reason: 'no /proc/mounts: CPU quotas need Linux cgroups' };
    }
    const controller = chooseCpuController(parseCgroupMounts(procMounts), (root) => {
      try {
        return readFileSync(path.join(root, 'cgroup.controllers'), 'utf8').trim().split(/\s+/);
      } catch {
        return [];
      }
    });
    if (controller.kind === 'none') return controller;
    removeStaleGroups(controller.root);
    try {
      const probe = CpuQuotaGroup.create(controller, 1);
      probe.remove();
      return controller;
    } catch (error) {
      return {
        kind: 'none',
        reason: `cannot create a cgroup under ${controller.root} (${(error as Error).message}); run the bench as root`,
      };
    }
  }

  static create(controller: Exclude<CpuController, { kind: 'none' }>, share: number, label = 'probe'): CpuQuotaGroup {
    const dir = path.join(controller.root, `${GROUP_PREFIX}${process.pid}-${label}`);
    if (controller.kind === 'v2') enableV2Cpu(controller.root);
    mkdirSync(dir, { recursive: true });
    const group = new CpuQuotaGroup(controller, dir, share);
    try {
      const quota = cfsQuotaUs(share);
      if (controller.kind === 'v1') {
        writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(CFS_PERIOD_US));
        writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quota));
      } else {
        writeFileSync(path.join(dir, 'cpu.max'), `${quota} ${CFS_PERIOD_US}`);
      }
    } catch (error) {
      group.remove();
      throw error;
    }
    return group;
  }

  /**
   * The command that runs `file args` inside this group from its first instruction: a shell moves itself into
   * the group, then execs the program (so the handler's init is throttled too, as in Lambda).
   */
  wrap(file: string, args: readonly string[]): { readonly file: string; readonly args: string[] } {
    return {
      file: '/bin/sh',
      args: ['-c', 'echo $$ > "$0" && exec "$@"', path.join(this.dir, 'cgroup.procs'), file, ...args],
    };
  }

  throttling(): ReturnType<typeof parseThrottling> {
    return parseThrottling(readFileSync(path.join(this.dir, 'cpu.stat'), 'utf8'));
  }

  /** Removes the group (it must be empty: call after the child has exited). */
  remove(): void {
    if (existsSync(this.dir)) rmdirSync(this.dir);
  }
}

/** v2: a child group only gets `cpu.max` when the parent hands the controller down. */
function enableV2Cpu(root: string): void {
  const control = path.join(root, 'cgroup.subtree_control');
  if (!readFileSync(control, 'utf8').split(/\s+/).includes('cpu')) writeFileSync(control, '+cpu');
}

/** Groups named by this module whose creating process is gone (a run killed before its cleanup). */
function removeStaleGroups(root: string): void {
  for (const name of readdirSync(root)) {
    const match = new RegExp(`^${GROUP_PREFIX}(\\d+)-`).exec(name);
    if (!match || alive(Number(match[1]))) continue;
    try {
      rmdirSync(path.join(root, name));
    } catch {
      // still holds a process: leave it
    }
  }
}
