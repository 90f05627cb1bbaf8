/**
 * Tracks the POSIX shell quoting context while a command template is read left to right, so that
 * a value substituted at any point can be quoted for the context it lands in: `--x ${{inputs.x}}`
 * (unquoted), `"--x=${{inputs.x}}"` (inside double quotes), `'${{inputs.x}}'` (single quotes).
 *
 * Contexts where no quoting is reliable are reported as unsupported rather than guessed:
 * backticks (their end is found before quotes are parsed), `${ … }` parameter expansion,
 * `$(( … ))` arithmetic, bash `$'…'` strings, right after a backslash or a `$`, and anything after
 * a here-document operator `<<` (its body has its own rules; tracking stops there).
 */

export type QuotingContext =
  | { readonly kind: 'unquoted' | 'single-quoted' | 'double-quoted' | 'comment' }
  | { readonly kind: 'unsupported'; readonly reason: string };

type Frame =
  | { readonly kind: 'command' }
  | { readonly kind: 'single' }
  | { readonly kind: 'double' }
  | { readonly kind: 'ansi' }
  | { readonly kind: 'backtick' }
  | { readonly kind: 'subst'; depth: number; arithmetic: boolean }
  | { readonly kind: 'param'; depth: number };

/** Characters a backslash escapes inside double quotes; elsewhere it escapes any character. */
const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n']);
const WORD_BREAK = /[\s;&|()<>]/;

export class ShellScanner {
  private readonly stack: Frame[] = [{ kind: 'command' }];
  private escaped = false;
  private escapeInDouble = false;
  private afterDollar = false;
  private afterLess = false;
  private justOpenedSubst = false;
  private inComment = false;
  private afterHeredoc = false;
  private atWordStart = true;

  /** Reads template text (never substituted values: those are quoted to leave the state as it was). */
  feed(text: string): void {
    for (const character of text) this.step(character);
  }

  /** Notes that a quoted value was inserted here: it is word text, and ends any pending `$` or `<`. */
  substituted(): void {
    this.afterDollar = false;
    this.afterLess = false;
    this.justOpenedSubst = false;
    this.atWordStart = false;
  }

  /** The context a value inserted at the current position would land in. */
  context(): QuotingContext {
    if (this.afterHeredoc) return unsupported('after a here-document operator (<<)');
    if (this.inComment) return { kind: 'comment' };
    if (this.escaped) return unsupported('right after a backslash');
    if (this.afterDollar) return unsupported('right after "$"');
    const frame = this.top();
    switch (frame.kind) {
      case 'command':
        return { kind: 'unquoted' };
      case 'subst':
        return frame.arithmetic ? unsupported('inside $(( … )) arithmetic') : { kind: 'unquoted' };
      case 'single':
        return { kind: 'single-quoted' };
      case 'double':
        return { kind: 'double-quoted' };
      case 'ansi':
        return unsupported("inside a $'…' string");
      case 'backtick':
        return unsupported('inside `…` command substitution; use $( … ) instead');
      case 'param':
        return unsupported('inside ${ … } parameter expansion');
    }
  }

  /** Equal before and after a fragment that opens and closes the same quotes and substitutions. */
  signature(): string {
    return JSON.stringify([this.stack, this.escaped, this.inComment, this.afterHeredoc]);
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1] ?? { kind: 'command' };
  }

  private step(character: string): void {
    if (this.afterHeredoc) return;
    if (this.inComment) {
      if (character === '\n') {
        this.inComment = false;
        this.atWordStart = true;
      }
      return;
    }
    if (this.escaped) {
      this.escaped = false;
      const consumed = !this.escapeInDouble || DOUBLE_QUOTE_ESCAPABLE.has(character);
      if (consumed) {
        this.atWordStart = false;
        return;
      }
    }
    const wasDollar = this.afterDollar;
    const wasLess = this.afterLess;
    const wasJustOpened = this.justOpenedSubst;
    this.afterDollar = false;
    this.afterLess = false;
    this.justOpenedSubst = false;
    const frame = this.top();

    if (wasJustOpened && character === '(' && frame.kind === 'subst') {
      // `$((`: arithmetic, closed by `))`; count the second parenthesis as nesting.
      frame.arithmetic = true;
      frame.depth = 1;
      return;
    }
    if (wasDollar && (frame.kind === 'command' || frame.kind === 'subst' || frame.kind === 'double' || frame.kind === 'param')) {
      if (character === '(') {
        this.stack.push({ kind: 'subst', depth: 0, arithmetic: false });
        this.justOpenedSubst = true;
        this.atWordStart = true;
        return;
      }
      if (character === '{') {
        this.stack.push({ kind: 'param', depth: 0 });
        return;
      }
      if (character === "'" && frame.kind !== 'double') {
        this.stack.push({ kind: 'ansi' });
        return;
      }
    }

    switch (frame.kind) {
      case 'single':
        if (character === "'") this.stack.pop();
        return;
      case 'ansi':
      case 'backtick':
        if (character === '\\') this.escape(false);
        else if ((frame.kind === 'ansi' && character === "'") || (frame.kind === 'backtick' && character === '`')) this.stack.pop();
        return;
      case 'double':
        if (character === '\\') this.escape(true);
        else if (character === '"') this.stack.pop();
        else if (character === '`') this.stack.push({ kind: 'backtick' });
        else if (character === '$') this.afterDollar = true;
        return;
      case 'command':
      case 'subst':
      case 'param':
        this.stepInCommand(frame, character, wasLess);
        return;
    }
  }

  private stepInCommand(frame: Frame, character: string, wasLess: boolean): void {
    const atWordStart = this.atWordStart;
    this.atWordStart = WORD_BREAK.test(character);
    switch (character) {
      case '\\':
        this.escape(false);
        return;
      case "'":
        this.stack.push({ kind: 'single' });
        return;
      case '"':
        this.stack.push({ kind: 'double' });
        return;
      case '`':
        this.stack.push({ kind: 'backtick' });
        return;
      case '$':
        this.afterDollar = true;
        return;
      case '#':
        if (atWordStart && frame.kind !== 'param') this.inComment = true;
        return;
      case '<':
        if (wasLess && frame.kind !== 'param') this.afterHeredoc = true;
        this.afterLess = true;
        return;
    }
    if (frame.kind === 'subst') this.nest(frame, character, '(', ')');
    if (frame.kind === 'param') this.nest(frame, character, '{', '}');
  }

  private nest(frame: { depth: number }, character: string, open: string, close: string): void {
    if (character === open) frame.depth++;
    else if (character === close) {
      if (frame.depth === 0) this.stack.pop();
      else frame.depth--;
    }
  }

  private escape(inDouble: boolean): void {
    this.escaped = true;
    this.escapeInDouble = inDouble;
  }
}

function unsupported(reason: string): QuotingContext {
  return { kind: 'unsupported', reason };
}
