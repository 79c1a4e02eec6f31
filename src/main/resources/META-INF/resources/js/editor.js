// Numbers the lines of the scenario editor's text area, so a problem reported at LINE:COL can be
// found while typing. Without JavaScript the checked text is still shown with line numbers.
(function () {
  "use strict";
  const area = document.getElementById("text");
  if (!area) {
    return;
  }
  const wrap = document.createElement("div");
  wrap.className = "numbered";
  const gutter = document.createElement("pre");
  gutter.className = "gutter";
  gutter.setAttribute("aria-hidden", "true");
  area.parentNode.insertBefore(wrap, area);
  wrap.appendChild(gutter);
  wrap.appendChild(area);
  area.setAttribute("wrap", "off");

  let shown = 0;
  function number() {
    const lines = area.value.split("\n").length;
    if (lines !== shown) {
      const numbers = [];
      for (let i = 1; i <= lines; i++) {
        numbers.push(i);
      }
      gutter.textContent = numbers.join("\n") + "\n";
      shown = lines;
    }
    gutter.scrollTop = area.scrollTop;
  }
  area.addEventListener("input", number);
  area.addEventListener("scroll", function () {
    gutter.scrollTop = area.scrollTop;
  });
  number();
})();
