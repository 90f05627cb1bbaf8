/**
 * Cuts a stream of text into lines (without their `\n` or `\r\n`) for `onLine`. `end()` hands over
 * a last line that had no newline, so nothing a process printed just before it exited is lost.
 */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.partial + chunk;
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.onLine(text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end));
      start = end + 1;
    }
    this.partial = text.slice(start);
  }

  end(): void {
    if (this.partial === '') return;
    const last = this.partial;
    this.partial = '';
    this.onLine(last);
  }
}

/** The last `size` lines seen, for error messages ("last stderr lines"). */
export class LastLines {
  private readonly lines: string[] = [];

  constructor(private readonly size: number) {}

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }

  get all(): readonly string[] {
    return this.lines;
  }
}
