/* The chain map (ECharts tree) of a chain's page, from its json_script "chain-data"; a click
   on a node opens the node's page. */
(function () {
  const el = document.getElementById("chain-map");
  if (!el || !window.echarts) return;
  const d = JSON.parse(document.getElementById("chain-data").textContent);
  const chart = echarts.init(el);
  chart.setOption({
    tooltip: {
      trigger: "item",
      formatter: (p) => {
        const v = p.data;
        if (!v.counts) return v.name;
        const l = d.labels;
        return "<strong>" + v.name + "</strong> · " + v.status + "<br>" + l.local + " " + v.counts[0] +
          "，" + l.suggested + " " + v.counts[1] + "<br>" + l.targets + " " + v.counts[2] + "，" + l.leads + " " + v.counts[3];
      }
    },
    series: [{
      type: "tree",
      data: [d.tree],
      top: 10, left: 90, bottom: 10, right: 160,
      symbol: "circle",  // the tree's default is a hollow circle; filled reads as the coverage colour
      symbolSize: 14,
      itemStyle: { borderWidth: 2 },
      initialTreeDepth: -1,
      expandAndCollapse: false,
      label: { position: "left", verticalAlign: "middle", align: "right", fontSize: 13 },
      leaves: { label: { position: "right", verticalAlign: "middle", align: "left" } },
      lineStyle: { color: "#c8d3e1" },
      animationDuration: 300
    }]
  });
  chart.on("click", (p) => { if (p.data && p.data.url) window.location = p.data.url; });
  window.addEventListener("resize", () => chart.resize());
})();
