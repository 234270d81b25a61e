/* The schedule's Gantt chart (ECharts): baseline, plan and actual of each node, from the
   page's json_script "gantt-data". */
(function () {
  const el = document.getElementById("gantt");
  if (!el || !window.echarts) return;
  const d = JSON.parse(document.getElementById("gantt-data").textContent);
  const DAY = 86400000;
  const t = (s) => new Date(s + "T00:00:00").getTime();
  function bars(dates, shift) {
    return dates.map((end, i) => end ? [i, t(end) - d.durations[i] * DAY, t(end), shift] : null).filter(Boolean);
  }
  function renderBar(params, api) {
    const cat = api.value(0);
    const start = api.coord([api.value(1), cat]);
    const end = api.coord([api.value(2), cat]);
    const h = api.size([0, 1])[1] * 0.28;
    const rect = echarts.graphic.clipRectByRect(
      { x: start[0], y: start[1] - h / 2 + api.value(3) * h, width: Math.max(end[0] - start[0], 2), height: h },
      { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
    return rect && { type: "rect", shape: rect, style: api.style() };
  }
  const fmt = (v) => echarts.format.formatTime("yyyy-MM-dd", v);
  const tip = (p) => p.seriesType === "scatter"
    ? d.names[p.value[1]] + "<br>" + p.seriesName + " " + fmt(p.value[0])
    : d.names[p.value[0]] + "<br>" + p.seriesName + " " + fmt(p.value[1]) + " – " + fmt(p.value[2]);
  // A phone's axis has room for about four labels: "2025年" at a year's start, "6月" otherwise.
  const narrow = el.clientWidth < 576;
  const xLabel = narrow
    ? { formatter: { year: "{yyyy}年", month: "{M}月", day: "{M}月{d}日" }, hideOverlap: true, fontSize: 11 }
    : { formatter: "{yyyy}-{MM}", hideOverlap: true };
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: { formatter: tip, confine: true },
    legend: { top: 0 },
    grid: narrow ? { left: 76, right: 16, top: 48, bottom: 30 } : { left: 110, right: 30, top: 36, bottom: 30 },
    xAxis: { type: "time", splitNumber: narrow ? 3 : 8, axisLabel: xLabel },
    yAxis: { type: "category", data: d.names, inverse: true, axisTick: { show: false },
             axisLabel: narrow ? { fontSize: 11, width: 64, overflow: "truncate" } : {} },
    series: [
      { name: d.labels.baseline, type: "custom", renderItem: renderBar, encode: { x: [1, 2], y: 0 },
        itemStyle: { color: "#c8d3e1" }, data: bars(d.baseline, -0.55),
        markLine: { symbol: "none", silent: true, lineStyle: { color: "#d63939", type: "dashed" },
                    label: { position: "start", formatter: d.labels.today + " " + d.today }, data: [{ xAxis: t(d.today) }] } },
      { name: d.labels.planned, type: "custom", renderItem: renderBar, encode: { x: [1, 2], y: 0 },
        itemStyle: { color: "#206bc4" }, data: bars(d.planned, 0.55) },
      { name: d.labels.actual, type: "scatter", symbol: "diamond", symbolSize: 12, itemStyle: { color: "#2fb344" },
        data: d.actual.map((a, i) => a ? [t(a), i] : null).filter(Boolean) },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
  window.gaoxinGantt = chart;  // the phone test reads the axis labels' boxes
})();
