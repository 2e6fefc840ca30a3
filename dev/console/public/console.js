/*
 * The console page: plays Slack for the embedded workspace. It renders the state the server
 * sends (/console/api/state), follows changes live (/console/events), and turns clicks and
 * typing into what Slack would send the app, through the console's JSON API.
 */
/* global setTimeout, clearTimeout, URLSearchParams */
(function () {
  'use strict';
  const T = window.BKText;
  const B = window.BKBlocks;
  const { drawCharts, destroyCharts } = window.ConsoleCharts;
  const $ = (id) => document.getElementById(id);

  const ui = {
    user: null,
    channel: null,
    thread: null,
    tab: 'messages',
    snap: null,
    clockOffset: 0,
    lastSeen: {},
    /** What the person has typed in each open modal, so re-renders keep it. */
    values: {},
    modalKey: null,
    homeKey: null,
    modalBlocks: null,
  };

  // ---- server calls -----------------------------------------------------------------------

  async function post(path, body) {
    const res = await fetch('/console/api/' + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || 'request failed (' + res.status + ')');
    return data;
  }

  let refreshTimer = null;
  let refreshing = null;
  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 40);
  }

  async function refresh() {
    if (refreshing) {
      await refreshing;
      return scheduleRefresh();
    }
    const q = new URLSearchParams();
    if (ui.user) q.set('user', ui.user);
    if (ui.channel) q.set('channel', ui.channel);
    if (ui.thread) q.set('thread', ui.thread);
    const asked = ui.user;
    refreshing = fetch('/console/api/state?' + q.toString())
      .then((r) => r.json())
      // A person picked while this was on its way: the answer is for someone else.
      .then((snap) => (ui.user !== asked && asked !== null ? scheduleRefresh() : render(snap)))
      .catch((err) => toast('Could not load the workspace: ' + err.message, true))
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  function toast(text, error) {
    const el = $('toast');
    el.textContent = text;
    el.className = 'toast' + (error ? ' error' : '');
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => {
      el.hidden = true;
    }, error ? 6000 : 3500);
  }

  async function run(what, fn) {
    try {
      return await fn();
    } catch (err) {
      toast(what + ': ' + err.message, true);
      return undefined;
    }
  }

  // ---- rendering --------------------------------------------------------------------------

  function zoneOf(userId) {
    const u = ui.snap && ui.snap.users.find((x) => x.id === userId);
    return (u && u.tz) || 'UTC';
  }

  function formatTime(ms, withZone) {
    const tz = zoneOf(ui.user);
    try {
      const text = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: tz })
        .format(new Date(ms)).replace(',', '');
      return withZone ? text + ' (' + tz + ')' : text;
    } catch {
      return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    }
  }

  function context() {
    const s = ui.snap;
    const users = s.users.filter((u) => !u.isBot);
    return {
      userName: (id) => {
        const u = s.users.find((x) => x.id === id);
        return u ? u.name : undefined;
      },
      // Slack names public channels for everyone, and private ones only for their members.
      channelName: (id) => {
        const c = s.directory.find((x) => x.id === id);
        return c ? c.name : 'private-channel';
      },
      users: users.map((u) => ({ id: u.id, label: u.realName })),
      conversations: s.directory.filter((c) => !c.isArchived).map((c) => ({ id: c.id, label: '#' + c.name, isIm: false, isPrivate: c.isPrivate }))
        .concat(s.channels.filter((c) => c.isIm && !c.isArchived).map((c) => ({ id: c.id, label: 'Direct message with ' + s.bot.name, isIm: true, isPrivate: true }))),
      currentChannel: ui.channel,
      timeZone: zoneOf(ui.user),
      formatTime: (ms) => formatTime(ms, false),
    };
  }

  function render(snap) {
    ui.snap = snap;
    ui.user = snap.viewer;
    ui.clockOffset = snap.clock.now - Date.now();
    if (!ui.channel || !snap.channels.some((c) => c.id === ui.channel)) {
      const general = snap.channels.find((c) => c.name === 'general') || snap.channels[0];
      ui.channel = general ? general.id : null;
      ui.thread = null;
      if (general) scheduleRefresh();
    }
    for (const c of snap.channels) if (!(c.id in ui.lastSeen)) ui.lastSeen[c.id] = c.latestTs;
    if (snap.channel) ui.lastSeen[snap.channel.id] = snap.channel.messages.length ? snap.channel.messages[snap.channel.messages.length - 1].ts : null;
    renderSidebar();
    renderHeader();
    renderPane();
    renderThread();
    renderModal();
    renderClock();
    renderDemo();
    return undefined;
  }

  function renderSidebar() {
    const s = ui.snap;
    $('ws-name').textContent = s.team.name;
    $('home-label').textContent = s.bot.name;
    const picker = $('user-picker');
    const humans = s.users.filter((u) => !u.isBot);
    const options = humans.map((u) => '<option value="' + T.escapeHtml(u.id) + '"' + (u.id === ui.user ? ' selected' : '') + '>' + T.escapeHtml(u.realName + ' (@' + u.name + ')') + '</option>').join('');
    if (picker.innerHTML !== options) picker.innerHTML = options;
    const item = (c) => {
      const active = ui.tab === 'messages' && c.id === ui.channel;
      const unread = !active && c.latestTs && c.latestTs !== ui.lastSeen[c.id];
      const label = c.isIm ? '💬 ' + s.bot.name : (c.isPrivate ? '🔒 ' : '# ') + c.name;
      return '<li><button type="button" class="nav-item' + (active ? ' active' : '') + (unread ? ' unread' : '') + (c.isArchived ? ' archived' : '') +
        '" data-nav="' + T.escapeHtml(c.id) + '">' + T.escapeHtml(label) + (unread ? '<span class="badge">new</span>' : '') + '</button></li>';
    };
    $('channel-list').innerHTML = s.channels.filter((c) => !c.isIm).map(item).join('');
    $('dm-list').innerHTML = s.channels.filter((c) => c.isIm).map(item).join('');
    $('nav-home').classList.toggle('active', ui.tab === 'home');
  }

  function currentChannel() {
    return ui.snap.channels.find((c) => c.id === ui.channel) || null;
  }

  function renderHeader() {
    const c = currentChannel();
    document.querySelector('.main').classList.toggle('home-tab', ui.tab === 'home');
    if (ui.tab === 'home') {
      $('conv-title').textContent = ui.snap.bot.name;
      $('conv-topic').textContent = 'App Home';
      return;
    }
    $('conv-title').textContent = c ? (c.isIm ? ui.snap.bot.name : (c.isPrivate ? '🔒 ' : '# ') + c.name) : '';
    $('conv-topic').textContent = c ? (c.isArchived ? 'This channel is archived.' : c.isIm ? 'Direct messages with the app' : c.topic) : '';
    const input = $('composer-input');
    input.disabled = !c || c.isArchived;
    input.placeholder = c && !c.isArchived ? 'Message ' + (c.isIm ? ui.snap.bot.name : '#' + c.name) + ' — try /occupancy building 71' : 'You cannot post here';
  }

  function messageKey(m) {
    const s = JSON.stringify([m.text, m.blocks, m.files, m.edited, m.replyCount, m.author, m.ephemeral]);
    let h = 5381;
    for (let i = 0; i < s.length; i += 1) h = ((h << 5) + h + s.charCodeAt(i)) | 0;
    return m.ts + ':' + h;
  }

  function toNode(html) {
    const t = document.createElement('template');
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }

  /** Keeps the nodes of messages that did not change, so their charts are not redrawn. */
  function renderMessages(container, messages, opts) {
    const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
    const old = new Map(Array.from(container.querySelectorAll(':scope > .msg')).map((n) => [n.dataset.key, n]));
    const ctx = context();
    const nodes = [];
    const fresh = [];
    for (const m of messages) {
      const key = messageKey(m);
      let node = old.get(key);
      if (node) old.delete(key);
      else {
        node = toNode(B.renderMessage(m, ctx, opts));
        node.dataset.key = key;
        fresh.push(node);
      }
      nodes.push(node);
    }
    for (const gone of old.values()) destroyCharts(gone);
    const extra = opts && opts.prefix ? [opts.prefix] : [];
    if (messages.length === 0) extra.push(toNode('<div class="empty">' + T.escapeHtml((opts && opts.empty) || 'No messages yet.') + '</div>'));
    container.replaceChildren(...extra, ...nodes);
    for (const n of fresh) drawCharts(n);
    if (nearBottom || fresh.length > 0) container.scrollTop = container.scrollHeight;
  }

  function renderPane() {
    const pane = $('pane');
    if (ui.tab === 'home') return renderHome(pane);
    ui.homeKey = null;
    const messages = ui.snap.channel ? ui.snap.channel.messages : [];
    renderMessages(pane, messages, { empty: 'Nothing here yet. Type /occupancy building 71 below.' });
    return undefined;
  }

  function renderHome(pane) {
    const home = ui.snap.home;
    const key = home ? home.id + ':' + home.hash : 'none';
    if (key === ui.homeKey) return;
    ui.homeKey = key;
    destroyCharts(pane);
    const tabs = '<div class="tabs"><span>Home</span></div>';
    pane.innerHTML = tabs + (home ? B.renderHome(home, context()) : '<div class="empty">The app has not published a Home tab for you yet.</div>');
    drawCharts(pane);
  }

  function renderThread() {
    const panel = $('thread');
    const t = ui.snap.thread;
    if (!ui.thread || !t) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    const [root, ...replies] = t.messages;
    const body = $('thread-body');
    const all = root ? [root, ...replies] : [];
    renderMessages(body, all, { inThread: true });
    const first = body.querySelector('.msg');
    if (first && !body.querySelector('.thread-divider')) {
      first.insertAdjacentHTML('afterend', '<div class="thread-divider">' + replies.length + (replies.length === 1 ? ' reply' : ' replies') + '</div>');
    }
  }

  function renderClock() {
    $('clock').textContent = formatTime(Date.now() + ui.clockOffset, true);
  }

  function renderDemo() {
    const d = ui.snap.demo;
    const digests = $('run-digests');
    digests.disabled = !d.digests;
    digests.title = d.digests ? 'Sends every digest whose time has come, as the scheduler would' : 'Digests are not part of this app yet';
    const alerts = $('check-alerts');
    alerts.disabled = !d.alerts;
    alerts.title = d.alerts ? 'Evaluates every alert rule now, as the scheduler would' : 'Alerts are not part of this app yet';
  }

  const page = { ui, post, refresh, scheduleRefresh, toast, run, context, formatTime, renderClock };
  const modal = window.ConsoleModal(page);
  const renderModal = modal.renderModal;
  window.OccConsole = Object.assign(page, { drawCharts, closeModal: modal.closeModal, submitModal: modal.submitModal, modalValues: modal.modalValues });
})();
