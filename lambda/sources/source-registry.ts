/** A lookup over the registered usage sources that fails loudly: an unregistered type never gets another's commands. */
import type { CertificateUsage, ScanService } from '../domain/types';
import { usageType, type UsageType } from '../domain/usage-place';
import type { AnyUsageSource, UsageSource } from './usage-source';

export interface SourceRegistry {
  /** The sources, in registration order. */
  readonly all: readonly AnyUsageSource[];
  /** The source of a usage; throws when no source produces its type. */
  of(usage: CertificateUsage): UsageSource;
  /** The source whose gaps name this service; throws when none does. */
  forService(service: ScanService): AnyUsageSource;
}

/** Indexes the sources; a type or service that two sources claim is an error here, not a surprise later. */
export function sourceRegistry(sources: readonly AnyUsageSource[]): SourceRegistry {
  const byType = new Map<UsageType, AnyUsageSource>();
  const byService = new Map<ScanService, AnyUsageSource>();
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
    of: (usage) => {
      const type = usageType(usage);
      const source = byType.get(type);
      if (!source) {
        throw new Error(
          `No usage source is registered for type "${type}": register its descriptor in lambda/sources/registry.ts`,
        );
      }
      // The source declared this usage's type, so the usage is the kind it was written for.
      return source as UsageSource;
    },
    forService: (service) => {
      const source = byService.get(service);
      if (!source) throw new Error(`No usage source is registered for service "${service}"`);
      return source;
    },
  };
}
