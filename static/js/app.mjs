// Progressive enhancement only: every page works without this file.
import { initAll } from "../build/govuk-frontend.min.js";
import { initFeedback } from "./feedback.mjs";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
initFeedback();
