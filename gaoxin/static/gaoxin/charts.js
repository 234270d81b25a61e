/* Charts of the economic pages (ECharts, served locally). */
function gaoxinIndicatorChart(id, d) {
  const el = document.getElementById(id);
  if (!el || !window.echarts) return;
  const chart = echarts.init(el);
  const hasValue = d.value.some((v) => v !== null) || d.value_last.some((v) => v !== null);
  const series = [];
  if (hasValue) {
    series.push({ name: d.this_year + " 累计", type: "bar", data: d.value, itemStyle: { color: "#206bc4" } });
    series.push({ name: d.last_year + " 累计", type: "bar", data: d.value_last, itemStyle: { color: "#a5c3e8" } });
  }
  const growth = { name: d.this_year + " 增速%", type: "line", yAxisIndex: hasValue ? 1 : 0, data: d.growth,
                   connectNulls: true, symbolSize: 6, itemStyle: { color: "#d63939" } };
  if (d.growth_target !== null) {
    growth.markLine = { symbol: "none", label: { formatter: "目标 {c}%" }, lineStyle: { type: "dashed", color: "#f76707" },
                        data: [{ yAxis: d.growth_target }] };
  }
  series.push(growth);
  series.push({ name: d.last_year + " 增速%", type: "line", yAxisIndex: hasValue ? 1 : 0, data: d.growth_last,
                connectNulls: true, lineStyle: { type: "dotted" }, itemStyle: { color: "#f59f00" } });
  const yAxis = hasValue
    ? [{ type: "value", name: d.unit }, { type: "value", name: "%", splitLine: { show: false } }]
    : [{ type: "value", name: "%" }];
  chart.setOption({
    tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 60, right: 50, top: 40, bottom: 30 },
    xAxis: { type: "category", data: d.months }, yAxis: yAxis, series: series,
  });
  window.addEventListener("resize", () => chart.resize());
}

function gaoxinGoalTrend(id, d) {
  const el = document.getElementById(id);
  if (!el || !window.echarts) return;
  gaoxinIndicatorChart(id, d);
}

/* Every indicator chart of the page (the cockpit's trends, an indicator's page): a
   .trend-chart box draws the json_script named after it ("<id>-data"). */
document.querySelectorAll(".trend-chart").forEach((el) => {
  const data = document.getElementById(el.id + "-data");
  if (data) gaoxinIndicatorChart(el.id, JSON.parse(data.textContent));
});
