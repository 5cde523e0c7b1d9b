/* motcua: small enhancements only; every page works without this file.
   - procedure pickers filter their options as you type, with or without diacritics, the
     i/y spellings of a syllable alike ("ký"/"kí") and the words in any order, as the
     catalogue's search does (core/vntext vntext_search_key);
   - confirm buttons ask before irreversible actions;
   - the counter's "Tra cứu CSDL dân cư" fills the applicant's name, birth date and address
     from the population register (GET /api/v1/people/{id}); the intake takes them from the
     register anyway. */
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
  document.querySelectorAll("button[data-people]").forEach(function (b) {
    var id = document.getElementById(b.getAttribute("data-people"));
    var status = document.getElementById(b.getAttribute("data-status"));
    if (!id || !status || !window.fetch) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      status.textContent = "Đang tra cứu…";
      fetch("/api/v1/people/" + encodeURIComponent(id.value.trim()),
            {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) {
          return r.json().then(function (o) { return {ok: r.ok, body: o}; });
        })
        .then(function (a) {
          if (!a.ok) {
            status.textContent = a.body.error ? a.body.error.message : "Không tra cứu được";
            return;
          }
          ["name", "birth_date", "address"].forEach(function (f) {
            var input = document.getElementById("ap-" + f);
            if (input) { input.value = a.body[f]; input.readOnly = true; }
          });
          status.textContent = "Đã lấy từ CSDL quốc gia về dân cư.";
        })
        .catch(function () { status.textContent = "CSDL dân cư không trả lời"; });
    });
  });
  document.querySelectorAll("[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (ev) {
      if (!window.confirm(b.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
})();
