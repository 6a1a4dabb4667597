// Large print that stays on from page to page. Without JavaScript the link still works on
// the page it is on (CSS :target) and "Back to normal print" leaves it; this remembers the
// choice and makes the link a toggle button that says whether it is on (aria-pressed).
(function () {
  var root = document.documentElement, key = "tc-large-print";
  try { if (localStorage.getItem(key) === "on") root.classList.add("tc-large"); } catch (e) {}
  function set(on) {
    root.classList.toggle("tc-large", on);
    try { localStorage.setItem(key, on ? "on" : "off"); } catch (e) {}
    show();
  }
  function show() {
    var on = root.classList.contains("tc-large");
    document.querySelectorAll("[data-tc-large-print]").forEach(function (toggle) {
      toggle.setAttribute("role", "button");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target;
    if (!target) return;
    if (target.closest("[data-tc-large-print]")) {
      event.preventDefault();
      set(!root.classList.contains("tc-large"));
    } else if (target.closest("[data-tc-normal-print]")) {
      event.preventDefault();
      set(false);
      var toggle = document.querySelector("[data-tc-large-print]");
      if (toggle) toggle.focus();
    }
  });
  // A space bar press works a button; links only answer Enter.
  document.addEventListener("keydown", function (event) {
    if (event.key === " " && event.target.closest && event.target.closest("[data-tc-large-print]")) {
      event.preventDefault();
      event.target.click();
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
