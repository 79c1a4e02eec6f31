// Live pages: applies the fragments the server sends over SSE and keeps the drill clock and
// decision countdowns ticking between them. Without JavaScript the pages work by reloading.
(function () {
  "use strict";

  var root = document.querySelector("[data-stream]");
  if (!root) {
    return;
  }
  var seen = new WeakMap();

  function format(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var mm = String(Math.floor(s / 60) % 60).padStart(2, "0");
    var ss = String(s % 60).padStart(2, "0");
    return Math.floor(s / 3600) + ":" + mm + ":" + ss;
  }

  function drillNow() {
    var clock = document.getElementById("clock");
    if (!clock) {
      return null;
    }
    if (!seen.has(clock)) {
      seen.set(clock, performance.now());
    }
    var base = Number(clock.dataset.drillMs);
    if (clock.dataset.running !== "true") {
      return base;
    }
    return base + (performance.now() - seen.get(clock)) * Number(clock.dataset.speed) / 100;
  }

  function tick() {
    var now = drillNow();
    if (now === null) {
      return;
    }
    var time = document.querySelector("#clock .clock-time");
    if (time) {
      time.textContent = format(now);
    }
    document.querySelectorAll("[data-deadline-ms]").forEach(function (el) {
      el.hidden = false;
      el.textContent = " (" + format(Number(el.dataset.deadlineMs) - now) + " left)";
    });
  }

  function refreshEmpty() {
    document.querySelectorAll("[data-live-empty]").forEach(function (empty) {
      var others = Array.prototype.some.call(empty.parentElement.children, function (child) {
        return child !== empty && child.id;
      });
      empty.hidden = others;
    });
  }

  function apply(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    Array.prototype.slice.call(template.content.children).forEach(function (el) {
      var existing = el.id ? document.getElementById(el.id) : null;
      if (el.dataset.live === "remove") {
        if (existing) {
          existing.remove();
        }
      } else if (el.dataset.liveInto) {
        var container = document.getElementById(el.dataset.liveInto);
        if (container && !existing) {
          if (el.dataset.liveAt === "start") {
            container.prepend(el);
          } else {
            var empty = container.querySelector(":scope > [data-live-empty]");
            container.insertBefore(el, empty);
          }
        }
      } else if (existing) {
        existing.replaceWith(el);
      }
    });
    refreshEmpty();
    tick();
  }

  // EventSource reconnects by itself with Last-Event-ID, but gives up for good when an answer is
  // not a stream (a node or its database restarting): then open a new one after what was shown.
  var lastId = null;
  function after(url) {
    if (lastId === null) {
      return url;
    }
    return /[?&]after=\d*/.test(url)
      ? url.replace(/([?&]after=)\d*/, "$1" + lastId)
      : url + (url.indexOf("?") < 0 ? "?" : "&") + "after=" + lastId;
  }
  function listen() {
    var source = new EventSource(after(root.dataset.stream));
    source.addEventListener("update", function (event) {
      if (event.lastEventId) {
        lastId = event.lastEventId;
      }
      apply(event.data);
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(listen, 3000);
      }
    });
  }
  if (window.EventSource) {
    listen();
  }
  tick();
  setInterval(tick, 250);
})();
