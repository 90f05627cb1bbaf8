/**
 * Error classes shared by every layer. One class per intent, so callers branch on `instanceof`
 * (HTTP maps them to 400 / 409 / 404, activities decide whether to retry) and never on message text.
 * Each sets `name` and keeps the original error as `cause`.
 */

/** One problem found in a job definition (or any other validated input). */
export interface ValidationIssue {
  /** Dotted field path, e.g. `inputs.data.mode`; empty string for the document itself. */
  readonly path: string;
  /** What is wrong and what would be accepted. */
  readonly message: string;
  /** Source file, when the input came from one. */
  readonly file?: string;
  /** 1-based line of the offending node, when known. */
  readonly line?: number;
  /** 1-based column of the offending node, when known. */
  readonly col?: number;
}

/** `file:line:col  path  message`, leaving out whatever is unknown. */
export function formatIssue(issue: ValidationIssue): string {
  const where = [issue.file, issue.line, issue.col].filter((part) => part !== undefined).join(':');
  return [where, issue.path, issue.message].filter((part) => part !== '' && part !== undefined).join('  ');
}

/** The input is malformed; retrying the same input cannot succeed. Carries every issue found. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], options?: { cause?: unknown; summary?: string }) {
    const summary = options?.summary ?? 'invalid input';
    super(`${summary}:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`, { cause: options?.cause });
    this.issues = issues;
  }
}

/** The operation conflicts with current state: the thing already exists, or was changed concurrently. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The thing asked for does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A failure that retrying will not fix; retry policies must stop on it. */
export class NonRetryableError extends Error {
  override readonly name = 'NonRetryableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A state machine was asked to move along an edge its transition table does not have. */
export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  readonly from: string;
  readonly to: string;
  readonly allowed: readonly string[];

  constructor(from: string, to: string, allowed: readonly string[], options?: { cause?: unknown; subject?: string }) {
    const subject = options?.subject ? `${options.subject}: ` : '';
    const targets = allowed.length === 0 ? `${from} is terminal and allows no transitions` : `allowed from ${from}: ${allowed.join(', ')}`;
    super(`${subject}cannot move from ${from} to ${to} (${targets})`, { cause: options?.cause });
    this.from = from;
    this.to = to;
    this.allowed = allowed;
  }
}
