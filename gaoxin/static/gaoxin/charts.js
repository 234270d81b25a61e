/* Charts of the economic pages (ECharts, served locally). */

/* Axis numbers as a reader says them: 万 and 亿, never 1e6 or 1,000,000 (issue 11 item 4).
   A 万元 axis counts in 万 and 亿 (of 元); other units are shortened the same way. */
function gaoxinShort(value, unit) {
  const trim = (n) => String(Math.round(n * 100) / 100);
  const inWan = unit === "万元" || unit === "万千瓦时" || unit === "万美元";
  const yuan = inWan ? value * 10000 : value;
  const a = Math.abs(yuan);
  if (a >= 1e8) return trim(yuan / 1e8) + "亿";
  if (a >= 1e4) return trim(yuan / 1e4) + "万";
  return trim(yuan);
}

function gaoxinAxisName(unit) {
  if (unit === "万元") return "元";
  if (unit === "万千瓦时") return "千瓦时";
  if (unit === "万美元") return "美元";
  return unit;
}
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
    // The label sits inside the plot, above the line's start, on a light ground: never cut at the edge.
    growth.markLine = { symbol: "none", label: { formatter: "目标 {c}%", position: "insideStartTop", color: "#f76707",
                                 backgroundColor: "rgba(255,255,255,0.85)", padding: [1, 3] },
                        lineStyle: { type: "dashed", color: "#f76707" }, data: [{ yAxis: d.growth_target }] };
  }
  series.push(growth);
  series.push({ name: d.last_year + " 增速%", type: "line", yAxisIndex: hasValue ? 1 : 0, data: d.growth_last,
                connectNulls: true, lineStyle: { type: "dotted" }, itemStyle: { color: "#f59f00" } });
  const yAxis = hasValue
    ? [{ type: "value", name: gaoxinAxisName(d.unit), axisLabel: { formatter: (v) => gaoxinShort(v, d.unit) } },
       { type: "value", name: "%", splitLine: { show: false } }]
    : [{ type: "value", name: "%" }];
  chart.setOption({
    tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 60, right: 50, top: 48, bottom: 30, containLabel: true },
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
