// Builds the site's front-end assets into static/build/ (gitignored; never committed).
//
//   static/scss/main.scss            -> static/build/css/main.css (GOV.UK Frontend, own brand)
//   govuk-frontend.min.js (+ .map)   -> static/build/js/
//   static/js/application.mjs        -> static/build/js/application.mjs
//   static/images/*                  -> static/build/assets/images/
//
// Idempotent and fast: a stamp of every input (sources, package versions, this script) is
// kept in static/build/.stamp; when it matches and every output exists, nothing is written.
// Files are written through a temporary name and renamed, so a reader (runserver,
// collectstatic in a parallel test worker) never sees a half-written file.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nodeModules = join(root, "node_modules");
const govuk = join(nodeModules, "govuk-frontend", "dist", "govuk");
const sourceDir = join(root, "static");
const buildDir = join(sourceDir, "build");
const stampFile = join(buildDir, ".stamp");

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(path) : [path];
    })
    .sort();
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(nodeModules, name, "package.json"), "utf8")).version;
}

function inputStamp() {
  const hash = createHash("sha256");
  hash.update(`govuk-frontend ${packageVersion("govuk-frontend")}\nsass ${packageVersion("sass")}\n`);
  const inputs = [
    fileURLToPath(import.meta.url),
    ...filesUnder(join(sourceDir, "scss")),
    ...filesUnder(join(sourceDir, "js")),
    ...filesUnder(join(sourceDir, "images")),
  ];
  for (const path of inputs) {
    hash.update(`${relative(root, path)}\n`);
    hash.update(readFileSync(path));
  }
  return hash.digest("hex");
}

async function buildOutputs() {
  const sass = await import("sass");
  // The site is not on GOV.UK: the font and the crest are switched off in main.scss itself.
  const css = sass.compile(join(sourceDir, "scss", "main.scss"), {
    loadPaths: [nodeModules],
    style: "compressed",
    quietDeps: true,
  }).css;

  const outputs = new Map([
    ["css/main.css", `${css}\n`],
    ["js/govuk-frontend.min.js", readFileSync(join(govuk, "govuk-frontend.min.js"))],
    // The minified file ends with a sourceMappingURL comment; the manifest storage follows it.
    ["js/govuk-frontend.min.js.map", readFileSync(join(govuk, "govuk-frontend.min.js.map"))],
    ["js/application.mjs", readFileSync(join(sourceDir, "js", "application.mjs"))],
  ]);
  for (const image of filesUnder(join(sourceDir, "images"))) {
    outputs.set(join("assets", "images", relative(join(sourceDir, "images"), image)), readFileSync(image));
  }
  return outputs;
}

function writeIfChanged(path, content) {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
  if (existsSync(path) && readFileSync(path).equals(data)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
  return true;
}

function removeStale(expected) {
  for (const path of filesUnder(buildDir)) {
    // Another build running at the same moment may own a .tmp file; leave those alone.
    if (path !== stampFile && !path.endsWith(".tmp") && !expected.has(path)) rmSync(path);
  }
}

function expectedPaths(outputs) {
  return new Set([...outputs.keys()].map((name) => join(buildDir, name)));
}

const started = Date.now();
const stamp = inputStamp();
const previous = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, "utf8")) : null;
const upToDate =
  previous?.stamp === stamp &&
  previous.outputs.every((name) => existsSync(join(buildDir, name)) && statSync(join(buildDir, name)).size > 0);

if (upToDate) {
  if (!process.env.npm_config_loglevel?.startsWith("silent")) {
    console.log("Front-end assets are up to date in static/build/.");
  }
} else {
  const outputs = await buildOutputs();
  let written = 0;
  for (const [name, content] of outputs) {
    if (writeIfChanged(join(buildDir, name), content)) written += 1;
  }
  removeStale(expectedPaths(outputs));
  writeIfChanged(stampFile, JSON.stringify({ stamp, outputs: [...outputs.keys()] }, null, 2));
  console.log(`Built front-end assets in static/build/ (${written} changed, ${Date.now() - started} ms).`);
}
