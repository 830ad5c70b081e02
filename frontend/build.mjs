// Builds the portal's front-end assets from npm packages into static/build/
// (git-ignored): GOV.UK Frontend compiled with our own Sass settings, and its JS.
import { mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "frontend", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "slash-div"],
});
writeFileSync(join(out, "app.css"), result.css);

const print = sass.compile(join(root, "frontend", "scss", "print.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
});
writeFileSync(join(out, "print.css"), print.css);

copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
// The compiled CSS refers to the crest image (footer component); it must exist
// for hashed static file names to resolve, even though our footer does not show it.
mkdirSync(join(out, "assets", "images"), { recursive: true });
copyFileSync(join(govuk, "assets", "images", "govuk-crest.svg"), join(out, "assets", "images", "govuk-crest.svg"));
console.log("Built static/build/app.css, print.css and govuk-frontend.min.js");
