/* cchc indicators: monthly score chart (progressive enhancement; the table works without it). */
(function () {
  "use strict";
  function scores(el) {
    if (!window.echarts) { return; }
    var source = document.getElementById(el.getAttribute("data-source"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    if (!data.labels.length) { return; }
    el.hidden = false;
    var fallback = el.parentNode.querySelector(".chart-fallback");
    // the table stays for screen readers (the chart is aria-hidden), out of sight and of the tab order
    if (fallback) { fallback.classList.add("visually-hidden"); fallback.removeAttribute("tabindex"); }
    var series = [{ name: el.getAttribute("data-total"), type: "line", data: data.total, itemStyle: { color: "#0b5cad" } }];
    data.groups.forEach(function (g) { series.push({ name: g.name, type: "bar", stack: "groups", data: g.points }); });
    series.push({ name: el.getAttribute("data-on-time"), type: "line", yAxisIndex: 1, data: data.on_time, lineStyle: { type: "dashed" } });
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 48, right: 48, top: 40, bottom: 28 },
      xAxis: { type: "category", data: data.labels },
      yAxis: [{ type: "value", min: 0, max: 100 }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart='scores']").forEach(scores);
  });
})();
