// Builds the portal's front-end assets from npm packages into static/build/
// (git-ignored): GOV.UK Frontend compiled with our own Sass settings, its JS,
// and the GOV.UK brand assets (icons, crest and web app manifest) as the package ships them.
import { cpSync, mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(out, { recursive: true });

for (const name of ["main", "print"]) {
  const result = sass.compile(join(root, "frontend", "scss", `${name}.scss`), {
    loadPaths: [join(root, "node_modules")],
    style: "compressed",
  });
  writeFileSync(join(out, name === "main" ? "app.css" : "print.css"), result.css);
}

copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
// GOV.UK's accessible autocomplete, for the directory's organisation picker (a plain select without it).
const autocomplete = join(root, "node_modules", "accessible-autocomplete", "dist");
// With their source maps: the files name them, and collectstatic's manifest refuses a missing reference.
for (const name of [
  "accessible-autocomplete.min.js",
  "accessible-autocomplete.min.js.map",
  "accessible-autocomplete.min.css",
  "accessible-autocomplete.min.css.map",
]) {
  copyFileSync(join(autocomplete, name), join(out, name));
}
// The page template links the icons and manifest; the compiled CSS refers to the crest (footer).
// The fonts are left out: the portal uses Arial.
mkdirSync(join(out, "assets"), { recursive: true });
cpSync(join(govuk, "assets", "images"), join(out, "assets", "images"), { recursive: true });
copyFileSync(join(govuk, "assets", "manifest.json"), join(out, "assets", "manifest.json"));
console.log("Built static/build/app.css, print.css, govuk-frontend.min.js, the accessible autocomplete and the GOV.UK brand assets");
