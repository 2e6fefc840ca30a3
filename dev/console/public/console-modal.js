/*
 * The modal on top of the acting person's stack: drawn only when it changed (the app updated
 * it, or errors came back), keeping what was typed, the focus and the caret; submitted and
 * closed like Slack does.
 */
/* global FocusEvent */
(function (root) {
  'use strict';
  const B = root.BKBlocks;
  const V = root.ConsoleValues;
  const M = root.ConsoleMorph;
  const $ = (id) => document.getElementById(id);

  /** `c` is the page: its state (ui), server calls and rendering context. */
  root.ConsoleModal = function (c) {
    const { ui, post, run, scheduleRefresh, context } = c;
    const { drawCharts, destroyCharts } = root.ConsoleCharts;

    function renderModal() {
      const layer = $('modal-layer');
      const view = ui.snap.modal;
      if (!view) {
        if (ui.modalKey !== null) {
          destroyCharts(layer);
          layer.innerHTML = '';
          layer.hidden = true;
          ui.modalKey = null;
        }
        return;
      }
      const key = view.id + ':' + view.hash + ':' + JSON.stringify(view.errors);
      if (key === ui.modalKey) return;
      const open = layer.querySelector('.modal');
      if (open && open.dataset.viewId === view.id) ui.values[view.id] = V.readValues(open, ui.modalBlocks || []);
      const values = ui.values[view.id] || view.stateValues || {};
      const html = B.renderModal(view, context(), values);
      layer.hidden = false;
      if (open && open.dataset.viewId === view.id) {
        // The same form redrawn (the app's views.update): laid over the page's nodes, so the
        // control being typed in keeps its caret.
        const kept = M.morph(layer, html, destroyCharts);
        // A type-ahead box that kept focus shows the options for what it holds, as on focus.
        if (kept && kept.classList.contains('bk-suggest')) kept.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      } else {
        destroyCharts(layer);
        layer.innerHTML = html;
      }
      ui.modalKey = key;
      ui.modalBlocks = view.blocks;
      drawCharts(layer);
      const error = layer.querySelector('.bk-has-error');
      if (error) error.scrollIntoView({ block: 'nearest' });
    }

    function modalValues() {
      const el = document.querySelector('#modal-layer .modal');
      return el ? V.readValues(el, ui.modalBlocks || []) : {};
    }

    async function submitModal(button) {
      const view = ui.snap.modal;
      if (!view) return;
      const values = modalValues();
      ui.values[view.id] = values;
      button.disabled = true;
      const status = document.querySelector('#modal-layer .modal-status');
      const res = await run('Submitting', () => post('view/submit', { user: ui.user, viewId: view.id, values }));
      button.disabled = false;
      if (res && !res.ok && status) status.textContent = 'We had some trouble connecting. Try again?';
      scheduleRefresh();
    }

    async function closeModal() {
      const view = ui.snap.modal;
      if (!view) return;
      delete ui.values[view.id];
      await run('Closing', () => post('view/close', { user: ui.user, viewId: view.id }));
      scheduleRefresh();
    }

    return { renderModal, modalValues, submitModal, closeModal };
  };
})(window);
