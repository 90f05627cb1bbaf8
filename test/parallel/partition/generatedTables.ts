/**
 * Random but reproducible CSV and JSON Lines files with the rows they hold, for exactly-once tests:
 * quoted delimiters, quotes and line breaks (LF and CRLF inside values), multi-byte characters,
 * mixed CRLF / LF row endings, blank lines, an optional BOM and an optional final line break.
 */
export interface GeneratedTable {
  readonly content: Buffer;
  readonly rows: Record<string, unknown>[];
}

/** xorshift32: a tiny seeded PRNG, so a failing case can be replayed from its seed. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state ^ (state << 13)) >>> 0;
    state = (state ^ (state >>> 17)) >>> 0;
    state = (state ^ (state << 5)) >>> 0;
    return state / 4294967296;
  };
}

const PIECES = ['a', 'b', 'xyz', '42', ' ', ',', '"', '\n', '\r\n', 'é', '😀', '', 'long-'.repeat(8)];
const COLUMNS = ['id', 'text', 'note'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomValue(random: () => number): string {
  const length = Math.floor(random() * 4);
  return Array.from({ length }, () => pick(random, PIECES)).join('');
}

function quote(value: string, random: () => number): string {
  const needs = /[",\r\n]/.test(value);
  return needs || random() < 0.1 ? `"${value.replaceAll('"', '""')}"` : value;
}

export function generateCsv(seed: number, rowCount: number): GeneratedTable {
  const random = randomSource(seed);
  const lineBreak = () => (random() < 0.5 ? '\n' : '\r\n');
  const rows = Array.from({ length: rowCount }, (_, index) => ({ id: String(index), text: randomValue(random), note: randomValue(random) }));
  let text = `${COLUMNS.join(',')}${lineBreak()}`;
  rows.forEach((row, index) => {
    if (random() < 0.1) text += lineBreak(); // a blank line
    text += COLUMNS.map((column) => quote(row[column as keyof typeof row], random)).join(',');
    if (index < rows.length - 1 || random() < 0.5) text += lineBreak();
  });
  return { content: withOptionalBom(text, random), rows };
}

export function generateJsonl(seed: number, rowCount: number): GeneratedTable {
  const random = randomSource(seed);
  const rows = Array.from({ length: rowCount }, (_, index) => ({ id: index, text: randomValue(random), nested: { flag: random() < 0.5, list: [randomValue(random)] } }));
  let text = '';
  rows.forEach((row, index) => {
    if (random() < 0.1) text += random() < 0.5 ? '\n' : '   \r\n';
    text += JSON.stringify(row);
    if (index < rows.length - 1 || random() < 0.5) text += random() < 0.5 ? '\n' : '\r\n';
  });
  return { content: withOptionalBom(text, random), rows };
}

function withOptionalBom(text: string, random: () => number): Buffer {
  const body = Buffer.from(text, 'utf8');
  return random() < 0.5 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
