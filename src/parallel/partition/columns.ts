/**
 * Column names the way pandas makes them, so `run()` sees the keys a pandas user expects: an empty
 * header cell becomes `Unnamed: <index>`, a repeated name gets `.1`, `.2`, …; without a header the
 * columns are `Column1` … `ColumnN` (Azure ML MLTable `header: no_header`).
 */
export function headerColumns(cells: readonly string[]): string[] {
  const used = new Set<string>();
  return cells.map((cell, index) => {
    const base = cell === '' ? `Unnamed: ${index}` : cell;
    let name = base;
    for (let copy = 1; used.has(name); copy += 1) name = `${base}.${copy}`;
    used.add(name);
    return name;
  });
}

export function numberedColumns(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `Column${index + 1}`);
}
