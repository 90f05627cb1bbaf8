export type HostLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the host writes what happens. Secrets never go through here: callers redact. */
export interface HostLogger {
  log(level: HostLogLevel, message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<HostLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Plain-text lines on stderr, from `minLevel` up. */
export function consoleLogger(minLevel: HostLogLevel = 'info'): HostLogger {
  return {
    log(level, message, fields) {
      if (ORDER[level] < ORDER[minLevel]) return;
      const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
      process.stderr.write(`[${new Date().toISOString()}] ${level.padEnd(5)} ${message}${extra}\n`);
    },
  };
}

/** Keeps lines in memory; for tests that assert on what the host reported. */
export class MemoryLogger implements HostLogger {
  readonly lines: Array<{ level: HostLogLevel; message: string; fields?: Record<string, unknown> }> = [];
  log(level: HostLogLevel, message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ level, message, fields });
  }
  messages(level?: HostLogLevel): string[] {
    return this.lines.filter((l) => !level || l.level === level).map((l) => l.message);
  }
}
