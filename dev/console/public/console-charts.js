/*
 * Charts in the page: each canvas the renderer left (data-chart holds the Chart.js config read
 * out of a QuickChart URL) is drawn with Chart.js, without animation, on the URL's background.
 */
(function (root) {
  'use strict';
  const T = root.BKText;

  const background = {
    id: 'consoleBackground',
    beforeDraw(chart, _args, opts) {
      const c = chart.ctx;
      c.save();
      c.fillStyle = (opts && opts.color) || '#ffffff';
      c.fillRect(0, 0, chart.width, chart.height);
      c.restore();
    },
  };

  function drawCharts(rootEl) {
    if (typeof root.Chart !== 'function') return;
    for (const canvas of rootEl.querySelectorAll('canvas[data-chart]')) {
      if (root.Chart.getChart(canvas)) continue;
      try {
        const { config, background: color } = JSON.parse(canvas.dataset.chart);
        const options = Object.assign({}, config.options, { animation: false, responsive: true, maintainAspectRatio: false });
        options.plugins = Object.assign({}, options.plugins, { consoleBackground: { color } });
        new root.Chart(canvas, Object.assign({}, config, { options, plugins: [background] }));
        canvas.dataset.drawn = 'true';
      } catch (err) {
        canvas.insertAdjacentHTML('afterend', '<div class="bk-unsupported">Chart could not be drawn: ' + T.escapeHtml(err.message) + '</div>');
      }
    }
  }

  function destroyCharts(rootEl) {
    if (typeof root.Chart !== 'function') return;
    for (const canvas of rootEl.querySelectorAll('canvas[data-chart]')) {
      const chart = root.Chart.getChart(canvas);
      if (chart) chart.destroy();
    }
  }

  root.ConsoleCharts = { drawCharts, destroyCharts };
})(window);
