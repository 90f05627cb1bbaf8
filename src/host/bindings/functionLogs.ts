import type { SystemLog } from '../core/coreShim';
import type { InvocationLog, LogLevel } from '../core/invoker';
import type { HostLogger, HostLogLevel } from '../runtime/logger';

const LEVELS: Record<string, HostLogLevel> = {
  trace: 'debug', debug: 'debug', information: 'info', warning: 'warn', error: 'error', critical: 'error', none: 'debug',
};

function hostLevel(level: string): HostLogLevel {
  return LEVELS[level] ?? 'info';
}

/** Routes `context.log` / `context.warn` … of each invocation to the host logger, tagged with the function and invocation. */
export function invocationLog(logger: HostLogger): (functionName: string, invocationId: string) => InvocationLog {
  return (functionName, invocationId) => (level: LogLevel, category, message) => {
    logger.log(category === 'system' && level !== 'error' && level !== 'warning' ? 'debug' : hostLevel(level), message, { function: functionName, invocationId, category });
  };
}

/** The library's own messages (`@azure/functions-core` log): warnings and errors stay visible. */
export function systemLog(logger: HostLogger): SystemLog {
  return (level, category, message) => logger.log(level === 'information' ? 'debug' : hostLevel(level), message, { category });
}
