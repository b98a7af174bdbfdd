// Mermaid's own parser and renderer on many diagrams in one headless Chromium, for svcmap's tests.
//
// Mermaid's CLI (mmdc) opens a new page and loads Mermaid again for every diagram: about a second each.
// This loads Mermaid's browser bundle (the package mmdc renders with) once per page, a page per CPU, and
// has each page parse and render its share of the diagrams with `mermaid.parse` and `mermaid.render`, as
// a git host's page does. For every diagram it reads back where each subgraph was drawn.
//
// Input on stdin: {"name": "mermaid text", ...}.
// Output on stdout: {"name": {"svg": "...", "subgraphs": {"id": [x, y, width, height]}, "error": null}}, with
// boxes in the SVG's own units (y downwards), or {"svg": null, "subgraphs": {}, "error": "Parse error ..."}.
// Usage: node mermaid-render.mjs CHROMIUM [CHROMIUM_FLAG...]
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer";

const [chromium, ...flags] = process.argv.slice(2);
let input = "";
for await (const chunk of process.stdin) input += chunk;
const diagrams = Object.entries(JSON.parse(input));
const bundle = fileURLToPath(new URL("./node_modules/mermaid/dist/mermaid.min.js", import.meta.url));

// Runs in the page: one diagram, parsed and rendered, its subgraphs measured.
async function draw(text, id) {
  const container = document.getElementById("diagram");
  container.innerHTML = "";
  try {
    await globalThis.mermaid.parse(text);
    const { svg } = await globalThis.mermaid.render(id, text);
    container.innerHTML = svg;
    const drawn = container.querySelector("svg");
    const origin = drawn.getBoundingClientRect();
    const scale = drawn.viewBox.baseVal.width / origin.width || 1;
    const subgraphs = {};
    for (const cluster of container.querySelectorAll("g.cluster")) {
      const box = cluster.querySelector(":scope > rect").getBoundingClientRect();
      subgraphs[cluster.id.slice(id.length + 1)] = [
        (box.x - origin.x) * scale, (box.y - origin.y) * scale, box.width * scale, box.height * scale,
      ];
    }
    return { svg, subgraphs, error: null };
  } catch (problem) {
    return { svg: null, subgraphs: {}, error: String((problem && problem.message) || problem) };
  }
}

async function renderShare(browser, share) {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="diagram"></div></body></html>');
  await page.addScriptTag({ path: bundle });
  await page.evaluate(() => globalThis.mermaid.initialize({ startOnLoad: false }));
  const results = [];
  for (const [index, [name, text]] of share) {
    results.push([name, await page.evaluate(draw, text, `diagram${index}`)]);
  }
  return results;
}

const browser = await puppeteer.launch({ executablePath: chromium, args: flags, headless: "shell" });
try {
  const pages = Math.max(1, Math.min(4, availableParallelism(), diagrams.length));
  const shares = Array.from({ length: pages }, () => []);
  diagrams.forEach((diagram, index) => shares[index % pages].push([index, diagram]));
  const done = await Promise.all(shares.map((share) => renderShare(browser, share)));
  process.stdout.write(JSON.stringify(Object.fromEntries(done.flat())));
} finally {
  await browser.close();
}
