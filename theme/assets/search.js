// Search in the reader's language with Pagefind. Its index is one per <html lang>, cut into
// chunks: the first query fetches the small Pagefind script, its WebAssembly and only the
// chunks of the words typed, never the whole site's index. Results for the compact in
// force come first; earlier versions and their changes follow.
(function () {
  var form = document.querySelector("[data-tc-search]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var panel = form.querySelector(".tc-search__results");
  var list = panel.querySelector("ol");
  var count = form.querySelector("[data-tc-search-count]");
  var status = form.querySelector("[data-tc-search-status]");
  var SHOWN = 10, pagefind = null, latest = 0, timer = 0;
  form.hidden = false;

  function load() {
    if (!pagefind) {
      var bundle = new URL(form.getAttribute("data-tc-search"), document.baseURI);
      pagefind = import(bundle.href).then(function (module) {
        // Result addresses are kept from the site's root, wherever the site is published.
        return module.options({ baseUrl: new URL("..", bundle).pathname }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  function found(total) {
    var key = total === 0 ? "data-none" : total === 1 ? "data-one" : "data-other";
    return form.getAttribute(key).replace("#", String(total));
  }

  // Pagefind marks the words found with <mark>; everything else is kept as plain text.
  function excerpt(html) {
    var target = document.createElement("p");
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        target.appendChild(mark);
      } else {
        target.appendChild(document.createTextNode(node.textContent));
      }
    });
    return target;
  }

  function item(result) {
    var entry = document.createElement("li");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    entry.appendChild(link);
    if (result.meta.version) {
      var version = document.createElement("span");
      version.className = "tc-search__version";
      version.textContent = result.meta.version;
      entry.appendChild(document.createTextNode(" "));
      entry.appendChild(version);
    }
    entry.appendChild(excerpt(result.excerpt));
    return entry;
  }

  function show(total, results) {
    list.replaceChildren.apply(list, results.map(item));
    count.textContent = status.textContent = found(total);
    panel.hidden = false;
  }

  function hide() {
    panel.hidden = true;
    status.textContent = "";
  }

  function search(query) {
    var ticket = ++latest;
    if (!query.trim()) return hide();
    load().then(function (pf) {
      return Promise.all(["current", "earlier"].map(function (rank) {
        return pf.search(query, { filters: { rank: rank } });
      }));
    }).then(function (groups) {
      var results = groups[0].results.concat(groups[1].results);
      return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); }))
        .then(function (data) { if (ticket === latest) show(results.length, data); });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 250);
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.focus(); hide(); }
  });
  form.addEventListener("focusout", function (event) {
    if (!form.contains(event.relatedTarget)) panel.hidden = true;
  });
  input.addEventListener("focus", function () { if (list.children.length) panel.hidden = false; });
})();
