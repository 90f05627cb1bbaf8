import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';
import { withoutStack } from './describeError';
import type { ModuleFormat } from './moduleFormat';

/**
 * TypeScript entry scripts are transpiled on load with the `typescript` package's
 * `transpileModule` — types are erased, not checked (like tsx or Node's type stripping). The
 * package is a dependency anyway, works offline, and is loaded only by workers that run
 * TypeScript. Source maps are inlined so stack traces (node runs with --enable-source-maps) point
 * at the .ts lines.
 */

export const TYPESCRIPT_FILE = /\.(ts|mts|cts)$/i;

let typescript: typeof TypeScript | undefined;

function loadTypeScript(): typeof TypeScript {
  typescript ??= createRequire(__filename)('typescript') as typeof TypeScript;
  return typescript;
}

/** JavaScript for `source` as a module of `format`; a SyntaxError listing file:line:col of each problem. */
export function transpile(source: string, fileName: string, format: ModuleFormat): string {
  const ts = loadTypeScript();
  const output = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: format === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
    },
  });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw withoutStack(new SyntaxError(`cannot compile ${fileName}:\n${errors.map((d) => `  ${describeDiagnostic(ts, d)}`).join('\n')}`));
  return output.outputText;
}

function describeDiagnostic(ts: typeof TypeScript, diagnostic: TypeScript.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1}  ${message}`;
}

type CompilingModule = NodeJS.Module & { _compile(code: string, filename: string): void };

/** `require()` of .ts and .cts files (CommonJS TypeScript, and its local imports) transpiles them. */
export function registerTypeScriptRequire(): void {
  const extensions = createRequire(__filename).extensions;
  for (const extension of ['.ts', '.cts']) {
    extensions[extension] = (module, filename) => {
      (module as CompilingModule)._compile(transpile(readFileSync(filename, 'utf8'), filename, 'cjs'), filename);
    };
  }
}
