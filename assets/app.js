/* motcua: small enhancements only; every page works without this file.
   - procedure pickers filter their options as you type, with or without diacritics;
   - confirm buttons ask before irreversible actions. */
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var select = document.getElementById(input.getAttribute("data-filter"));
    if (!select) return;
    var options = Array.prototype.slice.call(select.options);
    input.addEventListener("input", function () {
      var q = fold(input.value);
      options.forEach(function (o) {
        o.hidden = q !== "" && fold(o.text).indexOf(q) < 0 && o.value.indexOf(q) < 0;
      });
    });
  });
  document.querySelectorAll("[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (ev) {
      if (!window.confirm(b.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
})();
