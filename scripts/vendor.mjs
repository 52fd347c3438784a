// Copies the explorer's front-end dependencies from node_modules/ into api/static/vendor/,
// each with its licence, so the app serves them itself and works offline (`npm run vendor`
// after `npm ci`; the copies are committed, so nothing is fetched at run or test time).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const VENDOR = "api/static/vendor";
const FILES = [
  ["cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"],
  ["cytoscape/LICENSE", "cytoscape.LICENSE"],
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui/swagger-ui.css"],
  ["swagger-ui-dist/favicon-32x32.png", "swagger-ui/favicon-32x32.png"],
  ["swagger-ui-dist/LICENSE", "swagger-ui/LICENSE"],
  ["swagger-ui-dist/NOTICE", "swagger-ui/NOTICE"],
  ["@zazuko/yasgui/build/yasgui.min.js", "yasgui/yasgui.min.js"],
  ["@zazuko/yasgui/build/yasgui.min.css", "yasgui/yasgui.min.css"],
];

mkdirSync(`${VENDOR}/swagger-ui`, { recursive: true });
mkdirSync(`${VENDOR}/yasgui`, { recursive: true });
for (const [from, to] of FILES) copyFileSync(`node_modules/${from}`, `${VENDOR}/${to}`);

// @zazuko/yasgui ships no LICENSE file: its package.json declares MIT; write that down.
const yasgui = JSON.parse(readFileSync("node_modules/@zazuko/yasgui/package.json", "utf8"));
writeFileSync(`${VENDOR}/yasgui/LICENSE`, `${yasgui.name} ${yasgui.version}
Licence: ${yasgui.license} (declared in its package.json; the npm package ships no LICENSE file)
Authors: ${yasgui.author}; ${(yasgui.contributors || []).map((c) => c.name).join(", ")}
Source: ${yasgui.homepage}

MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`);
