// Starts GOV.UK Frontend's JavaScript. Loaded as a module from base.html, so it runs only in
// browsers that GOV.UK Frontend supports; pages work without it.
//
// GOV.UK's template marks the body with an inline script; our Content Security Policy allows
// no inline script, so this file does it instead. GOV.UK Frontend is imported from the URL
// base.html gives (the hashed one after collectstatic), so the browser loads it once.

document.body.classList.add("js-enabled", "govuk-frontend-supported");

const source = document.querySelector("script[data-govuk-frontend]");
const frontendUrl = source ? source.dataset.govukFrontend : "../build/govuk-frontend.min.js";

import(frontendUrl).then(({ initAll }) => {
  initAll();

  // Content that htmx swaps in gets its components started too.
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const scope = event.detail && event.detail.elt;
    if (scope instanceof Element) {
      // Components already started outside the swap say so; that is expected, not an error.
      initAll({
        scope,
        onError: (error) => error.name === "InitError" || console.log(error),
      });
    }
  });
});
