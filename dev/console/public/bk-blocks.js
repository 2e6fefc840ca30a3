/*
 * Block Kit blocks for the console: messages, modals and the App Home as Slack shows them,
 * as HTML strings. Pure: the page adds the behaviour (clicks, charts, values).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    module.exports = factory(require('./bk-text.js'), require('./bk-chart.js'), require('./bk-elements.js'));
    /* eslint-enable @typescript-eslint/no-require-imports */
  } else {
    root.BKBlocks = factory(root.BKText, root.BKChart, root.BKElements);
  }
})(typeof window !== 'undefined' ? window : this, function (T, C, E) {
  'use strict';

  const esc = T.escapeHtml;

  function imageSource(b) {
    if (b.slack_file && typeof b.slack_file === 'object') {
      const id = b.slack_file.id || (/\/files\/([A-Z0-9]+)\//.exec(String(b.slack_file.url || '')) || [])[1];
      return id ? '/console/files/' + encodeURIComponent(id) : null;
    }
    return T.safeUrl(String(b.image_url || ''));
  }

  /** A QuickChart image is drawn in a canvas from its config; any other image is an <img>. */
  function image(b) {
    const alt = String(b.alt_text || '');
    const title = b.title ? '<div class="bk-image-title">' + T.textObject(b.title) + '</div>' : '';
    const chart = b.image_url ? C.chartFromUrl(b.image_url) : null;
    if (chart) {
      const data = JSON.stringify({ config: chart.config, background: chart.background });
      return '<figure class="bk-image bk-chart">' + title +
        '<div class="bk-chart-box" style="aspect-ratio:' + chart.width + ' / ' + chart.height + '">' +
        '<canvas' + E.attrs({ 'data-chart': data, role: 'img', 'aria-label': alt, title: alt }) + '></canvas></div></figure>';
    }
    const src = imageSource(b);
    if (!src) return '<figure class="bk-image">' + title + '<div class="bk-unsupported">' + esc(alt || 'image') + '</div></figure>';
    return '<figure class="bk-image">' + title + '<img' + E.attrs({ src, alt, title: alt, loading: 'lazy' }) + '></figure>';
  }

  function section(b, ctx, opts) {
    let body = '';
    if (b.text) body += '<div class="bk-text">' + T.textObject(b.text, ctx) + '</div>';
    if (Array.isArray(b.fields) && b.fields.length > 0) {
      body += '<div class="bk-fields">' + b.fields.map((f) => '<div class="bk-field">' + T.textObject(f, ctx) + '</div>').join('') + '</div>';
    }
    const accessory = b.accessory ? '<div class="bk-accessory">' + E.element(b.accessory, b.block_id, ctx, { current: valueOf(opts, b.block_id, b.accessory) }) + '</div>' : '';
    return '<div class="bk-section"><div class="bk-section-body">' + body + '</div>' + accessory + '</div>';
  }

  function context(b, ctx) {
    const parts = (Array.isArray(b.elements) ? b.elements : []).map((el) => {
      if (el && el.type === 'image') {
        const src = T.safeUrl(String(el.image_url || ''));
        return src ? '<img class="bk-context-img"' + E.attrs({ src, alt: el.alt_text || '' }) + '>' : '';
      }
      return '<span>' + T.textObject(el, ctx) + '</span>';
    });
    return '<div class="bk-context">' + parts.join('') + '</div>';
  }

  function valueOf(opts, blockId, el) {
    const v = opts && opts.values && blockId && el && opts.values[blockId] ? opts.values[blockId][el.action_id] : undefined;
    return v === undefined ? undefined : v;
  }

  function input(b, ctx, opts) {
    const el = b.element || {};
    const error = opts && opts.errors ? opts.errors[b.block_id] : undefined;
    const live = el.dispatch_action_config && Array.isArray(el.dispatch_action_config.trigger_actions_on) &&
      el.dispatch_action_config.trigger_actions_on.includes('on_character_entered');
    const current = valueOf(opts, b.block_id, el);
    return '<div' + E.attrs({
      class: 'bk-input' + (error ? ' bk-has-error' : ''), 'data-bk-input': el.type, 'data-block-id': b.block_id,
      'data-action-id': el.action_id, 'data-dispatch': b.dispatch_action === true, 'data-live': b.dispatch_action === true && live,
    }) + '>' +
      '<label class="bk-label">' + T.plain(T.textOf(b.label)) + (b.optional ? ' <span class="bk-optional">(optional)</span>' : '') + '</label>' +
      E.element(el, b.block_id, ctx, { input: true, current: current === undefined ? E.initialValue(el, ctx) : current }) +
      (b.hint ? '<div class="bk-hint">' + T.textObject(b.hint, ctx) + '</div>' : '') +
      (error ? '<div class="bk-error" role="alert">' + esc(error) + '</div>' : '') +
      '</div>';
  }

  function richText(b, ctx) {
    const piece = (e) => {
      if (!e) return '';
      if (e.type === 'text') {
        let h = esc(e.text);
        const s = e.style || {};
        if (s.code) h = '<code class="bk-code">' + h + '</code>';
        if (s.bold) h = '<b>' + h + '</b>';
        if (s.italic) h = '<i>' + h + '</i>';
        if (s.strike) h = '<s>' + h + '</s>';
        return h.replace(/\n/g, '<br>');
      }
      if (e.type === 'link') return T.mrkdwn('<' + e.url + (e.text ? '|' + e.text : '') + '>', ctx);
      if (e.type === 'user') return T.mrkdwn('<@' + e.user_id + '>', ctx);
      if (e.type === 'channel') return T.mrkdwn('<#' + e.channel_id + '>', ctx);
      if (e.type === 'emoji') return e.unicode ? esc(String.fromCodePoint(...e.unicode.split('-').map((h) => parseInt(h, 16)))) : ':' + esc(e.name) + ':';
      if (Array.isArray(e.elements)) {
        const inner = e.elements.map(piece).join('');
        if (e.type === 'rich_text_preformatted') return '<pre class="bk-pre">' + inner + '</pre>';
        if (e.type === 'rich_text_quote') return '<blockquote class="bk-quote">' + inner + '</blockquote>';
        if (e.type === 'rich_text_list') return '<ul>' + e.elements.map((x) => '<li>' + piece(x) + '</li>').join('') + '</ul>';
        return '<div>' + inner + '</div>';
      }
      return '';
    };
    return '<div class="bk-rich-text">' + (Array.isArray(b.elements) ? b.elements.map(piece).join('') : '') + '</div>';
  }

  function block(b, ctx, opts) {
    if (!b || typeof b !== 'object') return '';
    switch (b.type) {
      case 'header':
        return '<div class="bk-header">' + T.plain(T.textOf(b.text)) + '</div>';
      case 'section':
        return section(b, ctx, opts);
      case 'divider':
        return '<hr class="bk-divider">';
      case 'context':
        return context(b, ctx);
      case 'image':
        return image(b);
      case 'actions':
        return '<div class="bk-actions">' + (Array.isArray(b.elements) ? b.elements : [])
          .map((el) => E.element(el, b.block_id, ctx, { current: valueOf(opts, b.block_id, el) })).join('') + '</div>';
      case 'input':
        return input(b, ctx, opts);
      case 'rich_text':
        return richText(b, ctx);
      default:
        return '<div class="bk-unsupported">[' + esc(b.type) + ' block]</div>';
    }
  }

  /** `opts.values` (view.state.values shape) and `opts.errors` (by block_id) fill modal inputs. */
  function renderBlocks(blocks, ctx, opts) {
    return (Array.isArray(blocks) ? blocks : []).map((b) => block(b, ctx || {}, opts || {})).join('');
  }

  function initials(name) {
    const w = String(name || '?').trim();
    return esc((w[0] || '?').toUpperCase());
  }

  function formatTs(ts, ctx) {
    const ms = Math.round(Number(ts) * 1000);
    if (ctx && typeof ctx.formatTime === 'function') return ctx.formatTime(ms);
    return new Date(ms).toISOString().slice(11, 16);
  }

  /** One message of the timeline or a thread, as the person acting in the console sees it. */
  function renderMessage(m, ctx, opts) {
    const o = opts || {};
    let html = '<div' + E.attrs({ class: 'msg' + (m.ephemeral ? ' msg-ephemeral' : ''), 'data-message-ts': m.ts, 'data-channel': m.channel }) + '>';
    html += '<div class="msg-avatar' + (m.isBot ? ' msg-avatar-bot' : '') + '">' + initials(m.author) + '</div><div class="msg-main">';
    if (m.ephemeral) html += '<div class="msg-only-you">👁 Only visible to you</div>';
    html += '<div class="msg-meta"><span class="msg-author">' + esc(m.author) + '</span>' + (m.isBot ? '<span class="msg-app">APP</span>' : '') +
      '<time>' + esc(formatTs(m.ts, ctx)) + '</time></div>';
    const hasBlocks = Array.isArray(m.blocks) && m.blocks.length > 0;
    html += '<div class="msg-content">' + (hasBlocks ? renderBlocks(m.blocks, ctx) : '<div class="bk-text">' + T.mrkdwn(m.text, ctx) + '</div>');
    if (m.edited) html += '<span class="msg-edited">(edited)</span>';
    html += '</div>';
    for (const f of Array.isArray(m.files) ? m.files : []) {
      html += /^image\//.test(f.mimetype)
        ? '<figure class="bk-image"><img' + E.attrs({ src: f.url, alt: f.title || f.name }) + '><figcaption>' + esc(f.title || f.name) + '</figcaption></figure>'
        : '<a class="msg-file"' + E.attrs({ href: f.url, target: '_blank' }) + '>📎 ' + esc(f.title || f.name) + '</a>';
    }
    if (m.replyCount > 0 && !o.inThread) {
      html += '<button type="button" class="msg-replies"' + E.attrs({ 'data-bk': 'thread', 'data-thread-ts': m.ts }) + '>' +
        m.replyCount + (m.replyCount === 1 ? ' reply' : ' replies') + '</button>';
    }
    return html + '</div></div>';
  }

  /** A modal: title bar, blocks with the values typed so far, error lines, close and submit. */
  function renderModal(view, ctx, values) {
    const title = T.plain(T.textOf(view.title) || 'App');
    let html = '<div' + E.attrs({ class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': T.textOf(view.title), 'data-view-id': view.id }) + '>';
    html += '<div class="modal-head"><span class="modal-title">' + title + '</span>' +
      '<button type="button" class="modal-x" data-bk="modal-close" aria-label="Close">×</button></div>';
    html += '<div class="modal-body">' + renderBlocks(view.blocks, ctx, { values: values || {}, errors: view.errors || {} }) + '</div>';
    html += '<div class="modal-foot"><span class="modal-status" role="status"></span>' +
      '<button type="button" class="bk-button" data-bk="modal-close">' + T.plain(T.textOf(view.close) || 'Cancel') + '</button>' +
      (view.submit ? '<button type="button" class="bk-button bk-primary" data-bk="modal-submit">' + T.plain(T.textOf(view.submit)) + '</button>' : '') +
      '</div></div>';
    return html;
  }

  function renderHome(view, ctx) {
    return '<div' + E.attrs({ class: 'home-view', 'data-view-id': view.id }) + '>' + renderBlocks(view.blocks, ctx, { values: view.stateValues || {} }) + '</div>';
  }

  return { renderBlocks, renderMessage, renderModal, renderHome };
});
