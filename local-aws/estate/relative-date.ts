/** Scenario files give dates relative to a `now` (`expiresInDays: 5`, `uploadedDaysAgo: 30`); this makes them absolute. */
const DAY_MS = 86_400_000;

/** The ISO 8601 instant `days` days after `now` (before it when negative; fractions allowed). */
export function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}
