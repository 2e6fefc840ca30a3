/*
 * What the person does in the console, turned into Slack traffic: commands from the composer,
 * block_actions from buttons, menus and dispatching inputs, modal submissions, App Home opens,
 * and the demo controls. Also follows the server's live events.
 */
/* global setTimeout, clearTimeout, setInterval */
(function () {
  'use strict';
  const C = window.OccConsole;
  const E = window.BKElements;
  const V = window.ConsoleValues;
  const ui = C.ui;
  const $ = (id) => document.getElementById(id);

  // ---- where an interaction happened ----------------------------------------------------

  /** The message or view a control belongs to, with its blocks (for option objects). */
  function surfaceOf(el) {
    const msg = el.closest('[data-message-ts]');
    if (msg) {
      const list = [].concat(ui.snap.channel ? ui.snap.channel.messages : [], ui.snap.thread ? ui.snap.thread.messages : []);
      const m = list.find((x) => x.ts === msg.dataset.messageTs);
      return { target: { channel: msg.dataset.channel, messageTs: msg.dataset.messageTs }, blocks: m ? m.blocks : [] };
    }
    const view = el.closest('[data-view-id]');
    if (!view) return null;
    const isModal = ui.snap.modal && ui.snap.modal.id === view.dataset.viewId;
    const blocks = isModal ? ui.snap.modal.blocks : ui.snap.home ? ui.snap.home.blocks : [];
    const target = { viewId: view.dataset.viewId };
    if (isModal) target.values = V.readValues(view, blocks);
    return { target, blocks };
  }

  async function sendAction(el, extra) {
    const surface = surfaceOf(el);
    if (!surface) return;
    const def = E.findElement(surface.blocks, el.dataset.blockId, el.dataset.actionId);
    const action = V.actionOf(el, def, extra);
    if (surface.target.values && ui.snap.modal) ui.values[ui.snap.modal.id] = surface.target.values;
    await C.run('That did not work', () => C.post('action', Object.assign({ user: ui.user, action }, surface.target)));
    C.scheduleRefresh();
  }

  // ---- confirmation dialogs ---------------------------------------------------------------

  function confirmFirst(el) {
    const raw = el.dataset.confirm;
    if (!raw) return Promise.resolve(true);
    const c = JSON.parse(raw);
    const layer = $('confirm-layer');
    const esc = window.BKText.escapeHtml;
    layer.innerHTML = '<div class="confirm" role="alertdialog" aria-label="' + esc(c.title) + '"><h2>' + esc(c.title) + '</h2><p>' + esc(c.text) + '</p>' +
      '<div class="confirm-actions"><button type="button" class="bk-button" data-answer="no">' + esc(c.deny) + '</button>' +
      '<button type="button" class="bk-button bk-primary" data-answer="yes">' + esc(c.confirm) + '</button></div></div>';
    layer.hidden = false;
    return new Promise((resolve) => {
      layer.onclick = (ev) => {
        const answer = ev.target.closest('[data-answer]');
        if (!answer && ev.target !== layer) return;
        layer.hidden = true;
        layer.innerHTML = '';
        resolve(answer ? answer.dataset.answer === 'yes' : false);
      };
    });
  }

  // ---- clicks -----------------------------------------------------------------------------

  document.addEventListener('click', async (ev) => {
    const el = ev.target.closest('[data-bk], [data-nav], [data-hint], [data-advance], a.bk-channel');
    if (!el) {
      for (const m of document.querySelectorAll('.bk-menu:not([hidden])')) m.hidden = true;
      return;
    }
    if (el.matches('a.bk-channel')) {
      ev.preventDefault();
      if (ui.snap.channels.some((c) => c.id === el.dataset.channelId)) switchTo(el.dataset.channelId);
      return;
    }
    if (el.dataset.nav) return void switchTo(el.dataset.nav);
    if (el.dataset.hint) {
      const input = $('composer-input');
      input.value = el.dataset.hint;
      input.focus();
      return;
    }
    if (el.dataset.advance) return void advance(Number(el.dataset.advance), el);
    switch (el.dataset.bk) {
      case 'button':
        if (!(await confirmFirst(el))) return;
        if (el.dataset.url) window.open(el.dataset.url, '_blank', 'noopener');
        el.disabled = true;
        await sendAction(el);
        el.disabled = false;
        return;
      case 'overflow-toggle': {
        const menu = el.parentElement.querySelector('.bk-menu');
        menu.hidden = !menu.hidden;
        return;
      }
      case 'overflow-option':
        el.closest('.bk-menu').hidden = true;
        if (!(await confirmFirst(el))) return;
        await sendAction(el, { selected_option: { text: { type: 'plain_text', text: el.dataset.text, emoji: true }, value: el.dataset.value } });
        return;
      case 'thread':
        ui.thread = el.dataset.threadTs;
        return void C.refresh();
      case 'modal-close':
        return void C.closeModal();
      case 'modal-submit':
        return void C.submitModal(el);
      default:
    }
  });

  function switchTo(nav) {
    if (nav === 'home') {
      ui.tab = 'home';
      ui.thread = null;
      ui.homeKey = null;
      // Slack sends app_home_opened every time the tab is opened.
      void C.run('Opening the Home tab', () => C.post('home', { user: ui.user }));
    } else {
      ui.tab = 'messages';
      if (nav !== ui.channel) ui.thread = null;
      ui.channel = nav;
    }
    void C.refresh();
  }

  $('thread-close').addEventListener('click', () => {
    ui.thread = null;
    void C.refresh();
  });

  // ---- menus, pickers and dispatching inputs ----------------------------------------------

  /** Inputs with dispatch_action send block_actions as they change, like Slack does. */
  function dispatching(el) {
    const wrapper = el.closest('[data-bk-input]');
    return wrapper && wrapper.dataset.dispatch !== undefined ? wrapper : null;
  }

  function controlOf(el) {
    return el.closest('[data-action-id][data-type]');
  }

  document.addEventListener('change', (ev) => {
    // Typing in a type-ahead menu's search box asks for options; only a pick is a change.
    if (ev.target.classList && ev.target.classList.contains('bk-suggest')) return;
    const ctrl = controlOf(ev.target);
    if (!ctrl) return;
    if (ctrl.dataset.bk === 'element') return void sendAction(ctrl);
    const wrapper = dispatching(ctrl);
    if (wrapper && !/text_input|number_input/.test(ctrl.dataset.type)) void sendAction(ctrl);
  });

  // ---- type-ahead menus (external selects): block_suggestion as one types ----------------

  let suggestTimer = null;
  async function suggest(box) {
    const menu = box.closest('.bk-external');
    const view = box.closest('[data-view-id]');
    if (!menu || !view) return;
    const list = menu.querySelector('.bk-suggestions');
    const multi = menu.dataset.type === 'multi_external_select';
    // Keep what is picked; replace the rest with the app's answer (nothing below min_query_length).
    for (const label of Array.from(list.querySelectorAll('label'))) if (!label.querySelector('input:checked')) label.remove();
    if (box.value.length < Number(menu.dataset.minQuery || 3)) return;
    const res = await C.run('The menu could not load', () => C.post('view/suggest', { user: ui.user, viewId: view.dataset.viewId, actionId: menu.dataset.actionId, value: box.value }));
    if (!res || !Array.isArray(res.shown) || box.value !== res.value) return;
    for (const label of Array.from(list.querySelectorAll('label'))) if (!label.querySelector('input:checked')) label.remove();
    const picked = new Set(Array.from(list.querySelectorAll('input:checked')).map((i) => i.value));
    const name = 'bk-' + (menu.dataset.blockId || '') + '-' + menu.dataset.actionId;
    for (const o of res.shown) if (!picked.has(o.value)) list.insertAdjacentHTML('beforeend', E.suggestion(o, multi, name, false));
  }
  document.addEventListener('focusin', (ev) => {
    if (ev.target.classList && ev.target.classList.contains('bk-suggest')) void suggest(ev.target);
  });

  let typingTimer = null;
  document.addEventListener('input', (ev) => {
    if (ev.target.classList && ev.target.classList.contains('bk-suggest')) {
      clearTimeout(suggestTimer);
      suggestTimer = setTimeout(() => void suggest(ev.target), 200);
      return;
    }
    const ctrl = controlOf(ev.target);
    const wrapper = ctrl && dispatching(ctrl);
    if (!wrapper || wrapper.dataset.live === undefined) return;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => void sendAction(ctrl), 500);
  });

  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !$('modal-layer').hidden && $('confirm-layer').hidden) return void C.closeModal();
    if (ev.key !== 'Enter' || ev.target.tagName !== 'INPUT') return;
    const ctrl = controlOf(ev.target);
    if (!ctrl || !/text_input|number_input/.test(ctrl.dataset.type)) return;
    ev.preventDefault();
    if (dispatching(ctrl)) void sendAction(ctrl);
  });

  // ---- composer, people, demo controls -----------------------------------------------------

  /** Slack's composer takes 4,000 characters; past that it says so and sends nothing. */
  const MAX_CHARS = 4000;
  const count = (n) => n.toLocaleString('en-US');

  /** Shows or clears the line under the composer; true when the text may be sent. */
  function checkLength(text) {
    const note = $('composer-note');
    const over = text.length - MAX_CHARS;
    note.hidden = over <= 0;
    note.textContent = over > 0
      ? 'Your message is too long: Slack takes up to ' + count(MAX_CHARS) + ' characters here, and this has ' + count(text.length) +
        '. Shorten it by ' + count(over) + (over === 1 ? ' character' : ' characters') + ' to send it.'
      : '';
    return over <= 0;
  }

  $('composer-input').addEventListener('input', (ev) => {
    if (!$('composer-note').hidden) checkLength(ev.target.value.trim());
  });

  $('composer').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const input = $('composer-input');
    const text = input.value.trim();
    if (!text || !ui.channel) return;
    if (!checkLength(text)) return;
    input.value = '';
    await C.run('Sending', () => C.post('command', { user: ui.user, channel: ui.channel, text }));
    C.scheduleRefresh();
  });

  $('user-picker').addEventListener('change', (ev) => {
    ui.user = ev.target.value;
    ui.thread = null;
    ui.values = {};
    ui.lastSeen = {};
    ui.homeKey = null;
    if (ui.tab === 'home') void C.run('Opening the Home tab', () => C.post('home', { user: ui.user }));
    void C.refresh();
  });

  async function demo(button, path, body, done) {
    button.disabled = true;
    const res = await C.run(button.textContent.trim(), () => C.post(path, body));
    button.disabled = false;
    if (res) {
      C.toast(done(res));
      C.scheduleRefresh();
    }
  }

  $('run-digests').addEventListener('click', (ev) =>
    demo(ev.currentTarget, 'demo/run-digests', {}, (r) => (r.digests ? 'Ran the digests that are due' : 'Digests are not part of this app yet')));
  $('check-alerts').addEventListener('click', (ev) =>
    demo(ev.currentTarget, 'demo/check-alerts', {}, (r) => (r.alerts ? 'Checked every alert rule' : 'Alerts are not part of this app yet')));

  function advance(ms, button) {
    return demo(button, 'demo/advance', { ms }, (r) => {
      const ran = [r.digests ? 'ran due digests' : null, r.alerts ? 'checked alerts' : null].filter(Boolean);
      return 'Clock moved to ' + C.formatTime(r.now, false) + (ran.length ? ' · ' + ran.join(' · ') : '');
    });
  }

  // ---- live updates -----------------------------------------------------------------------

  function follow() {
    const source = new window.EventSource('/console/events');
    for (const name of ['hello', 'message', 'message_changed', 'message_deleted', 'view', 'home', 'channel']) {
      source.addEventListener(name, C.scheduleRefresh);
    }
    source.addEventListener('clock', (ev) => {
      const { now } = JSON.parse(ev.data);
      ui.clockOffset = now - Date.now();
      C.renderClock();
    });
  }

  setInterval(() => {
    if (ui.snap) C.renderClock();
  }, 1000);
  follow();
  // A modal left open by an earlier page is closed, as reloading Slack closes it.
  void C.refresh().then(() => {
    if (ui.snap && ui.snap.modal) void C.closeModal();
  });
})();
