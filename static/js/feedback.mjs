// Inline page feedback: answers and problem reports are sent without leaving the page. This is only an
// enhancement: without it the same forms post as ordinary forms, and each step is a page of its own.
import { initAll } from "../build/govuk-frontend.min.js";

const INLINE = { "X-Requested-With": "fetch" };

function show(region, html) {
  region.innerHTML = html;
  initAll({ scope: region });
  // The error summary takes focus itself when GOV.UK Frontend starts it; otherwise the step's heading does.
  if (!region.querySelector(".govuk-error-summary")) {
    region.querySelector("[data-feedback-focus]")?.focus();
  }
}

async function inline(region, url, options) {
  const response = await fetch(url, { ...options, headers: INLINE, credentials: "same-origin" });
  show(region, await response.text());
}

function submitted(region, event) {
  const form = event.target;
  const data = new URLSearchParams(new FormData(form));
  if (event.submitter?.name) {
    data.append(event.submitter.name, event.submitter.value);
  }
  event.preventDefault();
  inline(region, form.action, { method: "POST", body: data }).catch(() => {
    // Without a connection to the page's own server, fall back to the ordinary form post.
    if (event.submitter?.name) {
      form.insertAdjacentHTML("beforeend", '<input type="hidden">');
      const field = form.lastElementChild;
      field.name = event.submitter.name;
      field.value = event.submitter.value;
    }
    form.submit();
  });
}

function clicked(region, event) {
  const link = event.target.closest("[data-feedback-report]");
  if (!link) return;
  event.preventDefault();
  inline(region, link.href, { method: "GET" }).catch(() => {
    window.location.href = link.href;
  });
}

export function initFeedback(root = document) {
  for (const region of root.querySelectorAll("[data-feedback-region]")) {
    region.addEventListener("submit", (event) => submitted(region, event));
    region.addEventListener("click", (event) => clicked(region, event));
  }
}
