/** Counts API commands and HTTP attempts per `service:action`, fed by a middleware on every client. */
export class ApiCallStats {
  private readonly commands = new Map<string, number>();
  private attemptsTotal = 0;
  private commandsTotal = 0;

  recordCommand(action: string): void {
    this.commands.set(action, (this.commands.get(action) ?? 0) + 1);
    this.commandsTotal++;
  }

  recordAttempt(): void {
    this.attemptsTotal++;
  }

  /** Calls the code made (each counted once, however many times the SDK retried it). */
  get calls(): number {
    return this.commandsTotal;
  }

  /** HTTP attempts beyond the first of each call. */
  get retries(): number {
    return Math.max(0, this.attemptsTotal - this.commandsTotal);
  }

  byAction(): Record<string, number> {
    return Object.fromEntries([...this.commands].sort(([a], [b]) => a.localeCompare(b)));
  }
}
