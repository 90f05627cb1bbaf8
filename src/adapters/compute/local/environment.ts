import { homedir, tmpdir } from 'node:os';
import { ValidationError, type ValidationIssue } from '../../../model/errors';

/**
 * The environment of a run: a minimal base taken from the host — PATH, HOME, LANG, TMPDIR, with
 * defaults when the host has none — plus the job's variables, which win. Nothing else of the
 * host's environment reaches the command: no storage connection strings, no COSMOS_KEY, no
 * NODE_OPTIONS.
 */
export function baseEnvironment(host: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    PATH: host['PATH'] || '/usr/local/bin:/usr/bin:/bin',
    HOME: host['HOME'] || homedir(),
    LANG: host['LANG'] || 'C.UTF-8',
    TMPDIR: host['TMPDIR'] || tmpdir(),
  };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Base plus `variables`. ValidationError (path `environment_variables.NAME`) for a name that is not
 * a portable variable name or a value holding a NUL byte, which no process environment can carry.
 * Messages name the variable, never its value.
 */
export function runEnvironment(variables: Record<string, string>, host: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (!NAME.test(name)) {
      issues.push({ path: `environment_variables.${name}`, message: 'environment variable names start with a letter or "_" and contain only letters, digits and "_"' });
    } else if (typeof value !== 'string' || value.includes('\0')) {
      issues.push({ path: `environment_variables.${name}`, message: 'the value must be a string without NUL bytes' });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues, { summary: 'cannot run the command' });
  return { ...baseEnvironment(host), ...variables };
}
