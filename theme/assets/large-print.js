// Large print that stays on from page to page. Without JavaScript the link still works on
// the page it is on (CSS :target); this only remembers the choice.
(function () {
  var root = document.documentElement, key = "tc-large-print";
  try { if (localStorage.getItem(key) === "on") root.classList.add("tc-large"); } catch (e) {}
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-tc-large-print]");
    if (!link) return;
    event.preventDefault();
    var on = root.classList.toggle("tc-large");
    try { localStorage.setItem(key, on ? "on" : "off"); } catch (e) {}
  });
})();
