// Draws the hot-topics charts from the JSON the page embeds (no inline script: the CSP forbids it).
(function () {
  var el = document.getElementById('topics-data');
  if (!el || typeof echarts === 'undefined') return;
  var data = JSON.parse(el.textContent);
  var keywords = document.getElementById('keyword-chart');
  if (keywords) {
    var bar = echarts.init(keywords);
    bar.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 80, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: data.keywords.slice().reverse() },
      series: [{ type: 'bar', data: data.counts.slice().reverse() }]
    });
    window.addEventListener('resize', function () { bar.resize(); });
  }
  var categories = document.getElementById('category-chart');
  if (categories) {
    var pie = echarts.init(categories);
    pie.setOption({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['30%', '55%'], data: data.categories, label: { formatter: '{b}\n{c}' } }]
    });
    window.addEventListener('resize', function () { pie.resize(); });
  }
})();
