// Parse Mermaid diagrams with the real mermaid.js (under jsdom): reads a JSON array of diagram
// texts on stdin, writes a JSON array of {ok, error} in the same order.
// Usage: node mermaid_parse.mjs VALIDATORS_DIR < diagrams.json
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";

const dir = path.resolve(process.argv[2]);
const require = createRequire(path.join(dir, "package.json"));
const { JSDOM } = await import(pathToFileURL(require.resolve("jsdom")).href);
const dom = new JSDOM("<!DOCTYPE html><body></body>", { pretendToBeVisual: true });
for (const key of ["window", "document", "DOMParser", "Element", "HTMLElement", "Node", "navigator"]) {
  if (!(key in globalThis)) Object.defineProperty(globalThis, key, { value: key === "window" ? dom.window : dom.window[key], configurable: true });
}
const mermaid = (await import(pathToFileURL(require.resolve("mermaid")).href)).default;
mermaid.initialize({ startOnLoad: false });
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text);
    out.push({ ok: true, error: null });
  } catch (e) {
    out.push({ ok: false, error: String(e && e.message ? e.message : e).split("\n").slice(0, 3).join(" ") });
  }
}
process.stdout.write(JSON.stringify(out));
