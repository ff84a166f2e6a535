// Compiles every schema written by `opsdesign schema -o DIR` with ajv
// (draft 2020-12, strict mode, ajv-formats) and, given a cases file,
// validates each case's document with the umbrella schema and prints one
// line per case: "<id> accept|reject".
// Usage: node ajv-check.js DIR [CASES.json]   (NODE_PATH must find ajv)
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const dir = process.argv[2];
// ajv's default strictness (unknown keywords and formats fail), with union
// types ("type": ["string", "boolean"], standard JSON Schema) allowed as
// its strictTypes warning suggests.
const ajv = new Ajv2020({ allowUnionTypes: true });
addFormats(ajv);
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".json") ? [path.join(d, e.name)] : []);
const files = walk(dir).map((f) => path.relative(dir, f).split(path.sep).join("/")).sort();
// Each schema is registered under a URI of its place in DIR: with no $id,
// its relative $refs resolve against it, as an editor resolves them.
const base = "file:///schemas/";
for (const f of files) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")), base + f);
let failed = 0;
for (const f of files) {
  try { ajv.getSchema(base + f); } catch (e) { failed++; console.error(`ajv: ${f}: ${e.message}`); }
}
console.error(`ajv: compiled ${files.length - failed} of ${files.length} schemas`);
if (process.argv[3]) {
  const umbrella = ajv.getSchema(base + "v1/opsdesign.json");
  for (const c of JSON.parse(fs.readFileSync(process.argv[3], "utf8"))) {
    console.log(`${c.id} ${umbrella(c.value) ? "accept" : "reject"}`);
  }
}
process.exit(failed ? 1 : 0);
