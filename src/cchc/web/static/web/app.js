/* cchc: progressive enhancement only. Every page works without this file. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "vi";
  function pct(v) {
    if (v === null || v === undefined) { return "–"; }
    var s = Number(v).toFixed(1);
    return (lang.indexOf("en") === 0 ? s : s.replace(".", ",")) + "%";
  }
  function monthly(el) {
    if (!window.echarts) { return; }
    var source = document.getElementById(el.getAttribute("data-source"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    if (!data.labels.length) { return; }
    el.hidden = false;
    var fallback = el.parentNode.querySelector(".chart-fallback");
    // the table stays for screen readers (the chart is aria-hidden), out of sight and of the tab order
    if (fallback) { fallback.classList.add("visually-hidden"); fallback.removeAttribute("tabindex"); }
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: pct },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", min: function (v) { return Math.max(0, Math.floor(v.min / 10) * 10); }, max: 100,
               axisLabel: { formatter: function (v) { return v + "%"; } } },
      series: [
        { name: el.getAttribute("data-now"), type: "line", data: data.now, connectNulls: false, itemStyle: { color: "#0b5cad" } },
        { name: el.getAttribute("data-before"), type: "line", data: data.before, lineStyle: { type: "dashed" }, itemStyle: { color: "#9aa5b1" } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function pollImport(el) {
    var url = el.getAttribute("data-poll");
    var bar = el.querySelector(".progress > div");
    var text = el.querySelector("[data-progress-text]");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          if (bar) { bar.style.width = Math.round(job.progress * 100) + "%"; }
          if (text) { text.textContent = job.status_label + (job.message ? " · " + job.message : ""); }
          if (job.finished) { window.location.reload(); } else { window.setTimeout(tick, 1000); }
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 500);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart='monthly']").forEach(monthly);
    document.querySelectorAll("[data-poll]").forEach(pollImport);
  });
})();
