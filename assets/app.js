/* motcua: small enhancements only; every page works without this file.
   - procedure pickers filter their options as you type, with or without diacritics, the
     i/y spellings of a syllable alike ("ký"/"kí") and the words in any order, as the
     catalogue's search does (core/vntext vntext_search_key);
   - confirm buttons ask before irreversible actions. */
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  function key(s) { /* a final y after a consonant or "qu" is written i */
    return fold(s).replace(/([bcdfghjklmnpqrstvwxz]|qu)y(?![a-z])/g, "$1i");
  }
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var select = document.getElementById(input.getAttribute("data-filter"));
    if (!select) return;
    var options = Array.prototype.slice.call(select.options);
    input.addEventListener("input", function () {
      var words = key(input.value).split(" ").filter(Boolean);
      options.forEach(function (o) {
        var name = key(o.text);
        o.hidden = !words.every(function (w) {
          return name.indexOf(w) >= 0 || o.value.indexOf(w) >= 0;
        });
      });
    });
  });
  document.querySelectorAll("[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (ev) {
      if (!window.confirm(b.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
})();
