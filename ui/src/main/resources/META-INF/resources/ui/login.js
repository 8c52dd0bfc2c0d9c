// The sign-in page: says why the last try failed, and in demo mode which account to use.
"use strict";

if (new URLSearchParams(window.location.search).has("error")) {
  document.getElementById("error").hidden = false;
}

fetch("/auth/hint", { headers: { Accept: "application/json" } })
  .then((r) => (r.ok ? r.json() : null))
  .then((hint) => {
    if (hint && hint.demo) {
      const p = document.getElementById("demo");
      p.textContent = `demo: ${hint.demo_credentials}`;
      p.hidden = false;
    }
  })
  .catch(() => {});
