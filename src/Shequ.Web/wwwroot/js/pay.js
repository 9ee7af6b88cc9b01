// Draws the pay what-if chart: each worker's assessment pay under the two settings.
(function () {
  var el = document.getElementById('pay-data');
  var target = document.getElementById('pay-chart');
  if (!el || !target || typeof echarts === 'undefined') return;
  var data = JSON.parse(el.textContent);
  var chart = echarts.init(target);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 60, right: 10, bottom: 60 },
    xAxis: { type: 'category', data: data.names, axisLabel: { interval: 0, rotate: data.names.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [{ name: data.labelA, type: 'bar', data: data.a }, { name: data.labelB, type: 'bar', data: data.b }]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
