// Parse many Mermaid diagrams with the real mermaid parser in one process.
// stdin: JSON object {name: diagramText}; stdout: JSON object {name: null | "error message"}.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ["Element", "HTMLElement", "Node", "DOMParser", "XMLSerializer", "SVGElement"]) {
  if (dom.window[k] && !globalThis[k]) globalThis[k] = dom.window[k];
}
if (!globalThis.navigator) globalThis.navigator = dom.window.navigator;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const diagrams = JSON.parse(input);
const out = {};
for (const [name, text] of Object.entries(diagrams)) {
  try {
    await mermaid.parse(text);
    out[name] = null;
  } catch (err) {
    out[name] = String((err && err.message) || err).split("\n").slice(0, 4).join(" ");
  }
}
process.stdout.write(JSON.stringify(out));
