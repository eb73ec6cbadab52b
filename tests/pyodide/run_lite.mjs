// Runs tests/pyodide/driver.py under Pyodide in Node.js: the exported xlwings Lite main.py, its pure-Python
// requirements installed by micropip from local wheel files, nothing fetched from Pyodide's CDN.
//   node run_lite.mjs <folder with main.py> <folder with .whl files> <books.json>
// Prints the driver's JSON result on the last line of stdout.
import { loadPyodide } from "pyodide";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const [liteDir, wheelDir, booksJson] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const pyodide = await loadPyodide();  // from node_modules/pyodide: the interpreter and the stdlib only

function copyIn(source, target) {
  pyodide.FS.writeFile(target, readFileSync(source));
}
for (const dir of ["/work/lite", "/work/wheels"]) pyodide.FS.mkdirTree(dir);
copyIn(join(liteDir, "main.py"), "/work/lite/main.py");
copyIn(join(here, "driver.py"), "/work/driver.py");
copyIn(booksJson, "/work/books.json");
const wheels = readdirSync(wheelDir).filter((name) => name.endsWith(".whl"));
for (const name of wheels) copyIn(join(wheelDir, name), `/work/wheels/${name}`);

pyodide.globals.set("wheels", pyodide.toPy(wheels));
const result = await pyodide.runPythonAsync(`
import sys
micropip_wheel = next(w for w in wheels if w.startswith("micropip-"))
sys.path.insert(0, f"/work/wheels/{micropip_wheel}")  # micropip itself comes from the CDN otherwise
import micropip
await micropip.install([f"emfs:/work/wheels/{w}" for w in wheels if w != micropip_wheel], deps=False)
sys.path.remove(f"/work/wheels/{micropip_wheel}")
sys.path.insert(0, "/work")
import driver
driver.run("/work/lite", "/work/books.json", "/data")
`);
console.log(result);
