// Draws the home dashboard's charts from the JSON the page embeds (no inline script: the CSP forbids it).
(function () {
  var el = document.getElementById('dashboard-data');
  if (!el || typeof echarts === 'undefined') return;
  var data = JSON.parse(el.textContent);
  var area = document.getElementById('area-chart');
  if (area) {
    var chart = echarts.init(area);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 40, right: 10, bottom: 60 },
      xAxis: { type: 'category', data: data.areas, axisLabel: { interval: 0, rotate: data.areas.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series: data.series.map(function (s) { return { name: s.name, type: 'bar', data: s.data }; })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  var halls = document.getElementById('hall-chart');
  if (halls) {
    var pie = echarts.init(halls);
    pie.setOption({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['30%', '55%'], data: data.halls, label: { formatter: '{b}\n{c}' } }]
    });
    window.addEventListener('resize', function () { pie.resize(); });
  }
})();
