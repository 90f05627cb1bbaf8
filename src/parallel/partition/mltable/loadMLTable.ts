import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fromZodIssues } from '../../../model/specIssues';
import { dataProblem, inputDataError } from '../errors';
import { realInside } from '../walkFiles';
import { type LocatedYaml, parseLocatedYaml } from './locatedYaml';
import { MLTableSpec } from './schema';

export const MLTABLE_FILE = 'MLTable';

export interface LoadedMLTable {
  readonly spec: MLTableSpec;
  readonly yaml: LocatedYaml;
}

/** Reads and checks `<folder>/MLTable`; a ValidationError lists every problem with its line. */
export async function loadMLTable(folder: string): Promise<LoadedMLTable> {
  const local = path.join(folder, MLTABLE_FILE);
  const found = await lstat(local).catch(() => undefined);
  if (found === undefined) {
    throw dataProblem(`an mltable input is a folder holding an ${MLTABLE_FILE} file; ${path.basename(folder)} has none`);
  }
  const real = await realInside(await realpath(folder), local, MLTABLE_FILE);
  const text = await readFile(real, 'utf8').catch((err: unknown) => {
    throw dataProblem(`the ${MLTABLE_FILE} file cannot be read: ${(err as Error).message}`, { file: MLTABLE_FILE }, err);
  });
  const yaml = parseLocatedYaml(text, MLTABLE_FILE);
  if (yaml.syntaxIssues.length > 0) throw inputDataError(yaml.syntaxIssues);
  if (yaml.data === null || yaml.data === undefined) {
    throw inputDataError([{ file: MLTABLE_FILE, line: 1, col: 1, path: '', message: 'the MLTable file is empty; expected paths and transformations' }]);
  }
  const parsed = MLTableSpec.safeParse(yaml.data);
  if (!parsed.success) {
    throw inputDataError(fromZodIssues(parsed.error.issues, yaml.data).map((issue) => yaml.issueAt(issue.path, issue.message, issue.anchor)));
  }
  return { spec: parsed.data, yaml };
}
