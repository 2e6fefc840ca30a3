/*
 * Block Kit text for the console: Slack's mrkdwn and plain_text turned into safe HTML.
 * One file for the page (window.BKText) and for tests (CommonJS).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.BKText = factory();
})(typeof window !== 'undefined' ? window : this, function () {
  'use strict';

  const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function escapeHtml(value) {
    return String(value === undefined || value === null ? '' : value).replace(/[&<>"']/g, (c) => HTML[c]);
  }

  /** Slack escapes exactly these three in message text. */
  function decodeEntities(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  const EMOJI = {
    ':bell:': '🔔', ':no_bell:': '🔕', ':bar_chart:': '📊', ':office:': '🏢', ':round_pushpin:': '📍',
    ':warning:': '⚠️', ':white_check_mark:': '✅', ':x:': '❌', ':red_circle:': '🔴', ':large_green_circle:': '🟢',
    ':calendar:': '📅', ':clock1:': '🕐', ':zzz:': '💤', ':wave:': '👋', ':tada:': '🎉', ':information_source:': 'ℹ️',
  };

  function emoji(text) {
    return text.replace(/:[a-z0-9_+-]+:/g, (code) => EMOJI[code] || code);
  }

  function safeUrl(url) {
    return /^(https?:|mailto:)/i.test(url) ? url : null;
  }

  function lookup(fn, id) {
    return typeof fn === 'function' ? fn(id) : undefined;
  }

  /** `<@U1>`, `<#C1|name>`, `<!here>`, `<!date^…|fallback>`, `<https://…|label>`. */
  function special(inner, ctx) {
    const bar = inner.indexOf('|');
    const target = bar < 0 ? inner : inner.slice(0, bar);
    const label = bar < 0 ? null : decodeEntities(inner.slice(bar + 1));
    if (target.startsWith('@')) {
      const id = target.slice(1);
      const name = lookup(ctx.userName, id) || label || id;
      return '<span class="bk-mention" data-user-id="' + escapeHtml(id) + '">@' + escapeHtml(name) + '</span>';
    }
    if (target.startsWith('#')) {
      const id = target.slice(1);
      const name = lookup(ctx.channelName, id) || label || id;
      return '<a class="bk-channel" href="#" data-channel-id="' + escapeHtml(id) + '">#' + escapeHtml(name) + '</a>';
    }
    if (target.startsWith('!')) {
      const word = target.slice(1);
      if (word === 'here' || word === 'channel' || word === 'everyone') return '<span class="bk-mention">@' + word + '</span>';
      return escapeHtml(label || word.replace(/^subteam\^\w+/, ''));
    }
    const url = safeUrl(decodeEntities(target));
    const text = escapeHtml(label === null ? decodeEntities(target) : label);
    return url ? '<a href="' + escapeHtml(url) + '" target="_blank" rel="noopener noreferrer">' + text + '</a>' : text;
  }

  /** Bold, italic and strike on already escaped text; markers must hug the words they wrap. */
  function emphasis(html) {
    return html
      .replace(/(^|[^\w*])\*(\S(?:[^*\n]*?\S)?)\*(?![\w*])/g, '$1<b>$2</b>')
      .replace(/(^|[^\w_])_(\S(?:[^_\n]*?\S)?)_(?![\w_])/g, '$1<i>$2</i>')
      .replace(/(^|[^\w~])~(\S(?:[^~\n]*?\S)?)~(?![\w~])/g, '$1<s>$2</s>');
  }

  /** Slack mrkdwn to HTML. `ctx.userName(id)` and `ctx.channelName(id)` name mentions. */
  function mrkdwn(text, ctx) {
    const c = ctx || {};
    const held = [];
    const hold = (html) => {
      held.push(html);
      return '\uE000' + (held.length - 1) + '\uE000';
    };
    let s = String(text === undefined || text === null ? '' : text).replace(/\uE000/g, '');
    s = s.replace(/```([\s\S]*?)```/g, (_, code) => hold('<pre class="bk-pre">' + escapeHtml(decodeEntities(code.replace(/^\n/, ''))) + '</pre>'));
    s = s.replace(/`([^`\n]+)`/g, (_, code) => hold('<code class="bk-code">' + escapeHtml(decodeEntities(code)) + '</code>'));
    s = s.replace(/<([^<>\n]+)>/g, (_, inner) => hold(special(inner, c)));
    const out = [];
    let quote = null;
    for (const line of s.split('\n')) {
      const q = /^(?:>|&gt;) ?/.exec(line);
      const html = emphasis(emoji(escapeHtml(decodeEntities(q ? line.slice(q[0].length) : line))));
      if (q) {
        (quote = quote || []).push(html);
        continue;
      }
      if (quote) {
        out.push({ quote: quote.join('<br>') });
        quote = null;
      }
      out.push({ line: html });
    }
    if (quote) out.push({ quote: quote.join('<br>') });
    let joined = '';
    out.forEach((part, i) => {
      if (part.quote !== undefined) joined += '<blockquote class="bk-quote">' + part.quote + '</blockquote>';
      else joined += (i > 0 && out[i - 1].quote === undefined ? '<br>' : '') + part.line;
    });
    return joined.replace(/\uE000(\d+)\uE000/g, (_, i) => held[Number(i)]);
  }

  /** plain_text is shown as written (emoji codes aside). */
  function plain(text) {
    return escapeHtml(emoji(String(text === undefined || text === null ? '' : text)));
  }

  /** A text object of either kind; a bare string is taken as mrkdwn. */
  function textObject(obj, ctx) {
    if (obj === undefined || obj === null) return '';
    if (typeof obj === 'string') return mrkdwn(obj, ctx);
    return obj.type === 'mrkdwn' ? mrkdwn(obj.text, ctx) : plain(obj.text);
  }

  /** The words of a text object without markup, for titles, labels and alt text. */
  function textOf(obj) {
    if (obj === undefined || obj === null) return '';
    return typeof obj === 'string' ? obj : String(obj.text === undefined ? '' : obj.text);
  }

  return { escapeHtml, decodeEntities, mrkdwn, plain, textObject, textOf, safeUrl };
});
