// Runs yaml-language-server (the engine of VS Code's YAML extension and of
// most editors' YAML support) over YAML files with their modelines, as an
// editor would, with every network fetch refused, and prints each file's
// diagnostics: "<file>: <n> diagnostics" then "  line:col message".
// Usage: node yaml-ls-check.js [--schemas JSON] FILE...
// (NODE_PATH must find yaml-language-server). --schemas is the editor's
// yaml.schemas setting, {"/abs/schema.json": "glob"}, which applies to every
// document of a file; a modeline applies to the document it is written in.
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

const server = spawn(process.execPath, [require.resolve("yaml-language-server/bin/yaml-language-server"), "--stdio"], {
  // Offline: any request for a schema over HTTP goes to a closed port.
  env: { ...process.env, HTTP_PROXY: "http://127.0.0.1:9", HTTPS_PROXY: "http://127.0.0.1:9", NO_PROXY: "" },
  stdio: ["pipe", "pipe", "inherit"],
});
let buf = Buffer.alloc(0);
let nextId = 1;
const waiting = new Map();
const diagnostics = new Map();
const send = (msg) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...msg }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
};
const request = (method, params) => new Promise((resolve) => { const id = nextId++; waiting.set(id, resolve); send({ id, method, params }); });
server.stdout.on("data", (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const end = buf.indexOf("\r\n\r\n");
    if (end < 0) return;
    const len = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, end).toString())[1]);
    if (buf.length < end + 4 + len) return;
    const msg = JSON.parse(buf.slice(end + 4, end + 4 + len).toString("utf8"));
    buf = buf.slice(end + 4 + len);
    if (msg.id !== undefined && waiting.has(msg.id)) { waiting.get(msg.id)(msg.result); waiting.delete(msg.id); }
    else if (msg.method === "textDocument/publishDiagnostics") diagnostics.set(msg.params.uri, msg.params.diagnostics);
    else if (msg.id !== undefined && msg.method) {
      // Configuration requests: validation on, no schema store (a fetch).
      const settings = { validate: true, schemaStore: { enable: false }, schemas: schemaSettings };
      send({ id: msg.id, result: (msg.params.items || []).map((i) => (i.section === "yaml" ? settings : null)) });
    }
  }
});
let args = process.argv.slice(2);
let schemaSettings = {};
if (args[0] === "--schemas") { schemaSettings = JSON.parse(args[1]); args = args.slice(2); }
const settle = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const files = args.map((f) => path.resolve(f));
  await request("initialize", { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  send({ method: "initialized", params: {} });
  send({ method: "workspace/didChangeConfiguration", params: { settings: { yaml: { validate: true, schemaStore: { enable: false }, schemas: schemaSettings } } } });
  for (const f of files) {
    send({ method: "textDocument/didOpen", params: { textDocument: { uri: pathToFileURL(f).href, languageId: "yaml", version: 1, text: fs.readFileSync(f, "utf8") } } });
  }
  // Wait until every file has its diagnostics and nothing changes for a while.
  let last = "";
  for (let i = 0; i < 120; i++) {
    await settle(250);
    const now = JSON.stringify([...diagnostics]);
    if (files.every((f) => diagnostics.has(pathToFileURL(f).href)) && now === last) break;
    last = now;
  }
  let total = 0;
  for (const f of files) {
    const d = diagnostics.get(pathToFileURL(f).href);
    if (!d) { console.log(`${path.relative(process.cwd(), f)}: no diagnostics published`); total++; continue; }
    console.log(`${path.relative(process.cwd(), f)}: ${d.length} diagnostics`);
    for (const x of d) console.log(`  ${x.range.start.line + 1}:${x.range.start.character + 1} ${x.message.replace(/\s+/g, " ").slice(0, 160)}`);
    total += d.length;
  }
  server.kill();
  process.exit(0);
})();
