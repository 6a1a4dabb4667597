// Find an estate by typing its name, on the pages of a landlord with many estates
// (generator/estate_finder.py). Without this script the form stays hidden and the letter
// and area links under it do the job: a static host cannot match a typed name itself.
// The names are fetched once, on the first letter typed, from the small file beside the
// landlord's pages; a name matches when it begins with what was typed, or each word typed
// begins one of its words (case and accents set aside: "ystad" finds "Ystâd", "lodz" "Łódź").
(function () {
  var SHOWN = 20;
  // Letters that do not come apart into a base letter and an accent.
  var SPECIAL = { "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i" };

  function plain(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[łøđßæœı]/g, function (c) { return SPECIAL[c]; });
  }

  var BETWEEN = /[\s\-'’.,()]+/;

  // "court 1" finds "Ash Court 1": each word typed begins a word of the name.
  function matches(name, query) {
    var text = plain(name);
    if (text.indexOf(query) === 0) return true;
    var words = text.split(BETWEEN);
    return query.split(BETWEEN).every(function (typed) {
      return !typed || words.some(function (word) { return word.indexOf(typed) === 0; });
    });
  }

  function finder(form) {
    var input = form.querySelector("input");
    var list = form.querySelector(".tc-finder__results");
    var status = form.querySelector("[data-tc-finder-status]");
    var source = new URL(form.getAttribute("data-tc-finder"), document.baseURI);
    var names = null, timer = 0;
    form.hidden = false;

    function load() {
      if (!names) {
        names = fetch(source).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        }).then(function (data) { return data.estates; });
      }
      return names;
    }

    function isolated(text) {
      var bdi = document.createElement("bdi");
      bdi.textContent = text;
      return bdi;
    }

    function item(estate) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(estate[2], source).href;
      // Names are isolated, so "Ward 12" reads in its own order on a right-to-left page.
      link.appendChild(isolated(estate[0]));
      entry.appendChild(link);
      if (estate[1]) {
        var area = document.createElement("span");
        area.className = "tc-muted";
        area.append("(", isolated(estate[1]), ")");
        entry.append(" ", area);
      }
      return entry;
    }

    function say(key, count) {
      return form.getAttribute(key).replace("#", String(count));
    }

    function show(query) {
      if (!query) {
        list.hidden = true;
        list.replaceChildren();
        status.textContent = "";
        return;
      }
      load().then(function (estates) {
        if (plain(input.value.trim()) !== query) return;  // typed on since
        var found = estates.filter(function (estate) { return matches(estate[0], query); });
        list.replaceChildren.apply(list, found.slice(0, SHOWN).map(item));
        list.hidden = found.length === 0;
        status.textContent = found.length === 0 ? form.getAttribute("data-none")
          : say("data-found", found.length) + (found.length > SHOWN ? " " + say("data-first", SHOWN) : "");
      }, function () {
        names = null;  // try again on the next letter
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { show(plain(input.value.trim())); }, 150);
    });
    // Enter opens the estate when one name matches; otherwise it goes to the first result.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      var query = plain(input.value.trim());
      if (!query) return;
      show(query);
      load().then(function () {
        var links = list.querySelectorAll("a");
        if (links.length === 1) window.location.href = links[0].href;
        else if (links.length) links[0].focus();
      });
    });
  }

  document.querySelectorAll("[data-tc-finder]").forEach(finder);
})();
