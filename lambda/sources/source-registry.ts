/** A lookup over the registered usage sources that fails loudly: an unregistered type never gets another's commands. */
import type { CertificateUsage, LoadBalancerType, ScanService } from '../domain/types';
import type { UsageSource } from './usage-source';

export interface SourceRegistry {
  /** The sources, in registration order. */
  readonly all: readonly UsageSource[];
  /** The source of a usage; throws when no source produces its type. */
  of(usage: Pick<CertificateUsage, 'loadBalancerType'>): UsageSource;
  /** The source whose gaps name this service; throws when none does. */
  forService(service: ScanService): UsageSource;
}

/** Indexes the sources; a type or service that two sources claim is an error here, not a surprise later. */
export function sourceRegistry(sources: readonly UsageSource[]): SourceRegistry {
  const byType = new Map<LoadBalancerType, UsageSource>();
  const byService = new Map<ScanService, UsageSource>();
  for (const source of sources) {
    for (const type of source.types) {
      const other = byType.get(type);
      if (other) throw new Error(`Usage type "${type}" is registered twice: by ${other.name} and by ${source.name}`);
      byType.set(type, source);
    }
    const other = byService.get(source.service.name);
    if (other) {
      throw new Error(`Service "${source.service.name}" is registered twice: by ${other.name} and by ${source.name}`);
    }
    byService.set(source.service.name, source);
  }
  return {
    all: sources,
    of: ({ loadBalancerType }) => {
      const source = byType.get(loadBalancerType);
      if (!source) {
        throw new Error(
          `No usage source is registered for type "${loadBalancerType}": register its descriptor in lambda/sources/registry.ts`,
        );
      }
      return source;
    },
    forService: (service) => {
      const source = byService.get(service);
      if (!source) throw new Error(`No usage source is registered for service "${service}"`);
      return source;
    },
  };
}
