/* queue.js: the call board's live updates and spoken call-outs, and the kiosk's printing.
   Every screen works without it: the board then reloads itself (its <noscript> refresh), the
   kiosk's ticket has a print button.
   - the board (body[data-events]) listens to the server-sent events of the board: each event
     is the whole board; a counter whose ticket or number of calls changed is highlighted and
     its call-out is spoken in Vietnamese (speechSynthesis) and shown in large text; without
     EventSource it reloads every 5 s;
   - a printed ticket (body[data-autoprint]) opens the print dialog once loaded. */
(function () {
  "use strict";
  var body = document.body;
  if (body.hasAttribute("data-autoprint")) {
    window.addEventListener("load", function () { window.print(); });
  }
  var url = body.getAttribute("data-events");
  if (!url) return;
  if (!window.EventSource) {
    setTimeout(function () { location.reload(); }, 5000);
    return;
  }
  var seen = {};
  document.querySelectorAll("tr[data-counter]").forEach(function (tr) {
    seen[tr.getAttribute("data-counter")] = tr.getAttribute("data-seen");
  });
  var callout = document.getElementById("callout");
  function speak(text) {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) return;
    var u = new SpeechSynthesisUtterance(text);
    u.lang = "vi-VN";
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }
  function cell(tr, cls, text) {
    var td = tr.querySelector("td." + cls);
    if (td) td.textContent = text;
  }
  var source = new EventSource(url);
  source.addEventListener("board", function (ev) {
    var board = JSON.parse(ev.data);
    board.counters.forEach(function (c) {
      var tr = document.querySelector('tr[data-counter="' + c.counter + '"]');
      if (!tr) return;
      var mark = c.number ? c.number + "/" + c.calls : "";
      cell(tr, "number", c.number || "—");
      cell(tr, "state", c.number ? (c.state === "serving" ? "Đang phục vụ" : "Mời đến quầy") : "");
      tr.setAttribute("data-seen", mark);
      if (mark && mark !== seen[c.counter] && c.state === "called") {
        tr.className = "fresh";
        if (callout) callout.textContent = c.callout;
        speak(c.callout);
        setTimeout(function () { tr.className = ""; }, 8000);
      }
      seen[c.counter] = mark;
    });
  });
})();
