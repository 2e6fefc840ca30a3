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

  const ORDINAL = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  const ordinals = new Intl.PluralRules('en-US', { type: 'ordinal' });

  /** The parts of an instant on the reader's clock (`tz`, the viewer's zone). */
  function partsIn(ms, tz) {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    const out = {};
    for (const p of f.formatToParts(new Date(ms))) out[p.type] = p.value;
    return out;
  }

  /**
   * Slack's `<!date^seconds^{tokens}^link|fallback>`, drawn on the viewer's clock as Slack
   * does (https://docs.slack.dev/messaging/formatting-message-text#date-formatting); anything
   * it cannot read shows the fallback, as Slack shows it where the tokens cannot be rendered.
   */
  function slackDate(spec, fallback, ctx) {
    const [, seconds, tokens, link] = spec.split('^');
    const ms = Number(seconds) * 1000;
    if (!/^\d+$/.test(seconds || '') || tokens === undefined) return escapeHtml(fallback || '');
    const tz = ctx.timeZone || undefined;
    let p;
    let today;
    try {
      p = partsIn(ms, tz);
      today = partsIn(typeof ctx.now === 'function' ? ctx.now() : Date.now(), tz);
    } catch {
      return escapeHtml(fallback || '');
    }
    const key = (x) => x.year + ' ' + x.month + ' ' + x.day;
    const dayMs = 86400000;
    const relative = (() => {
      const t = typeof ctx.now === 'function' ? ctx.now() : Date.now();
      if (key(p) === key(today)) return 'today';
      if (key(p) === key(partsIn(t - dayMs, tz))) return 'yesterday';
      if (key(p) === key(partsIn(t + dayMs, tz))) return 'tomorrow';
      return null;
    })();
    const day = Number(p.day);
    const nth = day + ORDINAL[ordinals.select(day)];
    const monthNum = String(new Date(p.month + ' 1, 2000').getMonth() + 1).padStart(2, '0');
    const long = p.weekday + ', ' + p.month + ' ' + nth + ', ' + p.year;
    const plainDate = p.month + ' ' + nth + ', ' + p.year;
    const short = p.month.slice(0, 3) + ' ' + day + ', ' + p.year;
    const values = {
      date_num: p.year + '-' + monthNum + '-' + String(day).padStart(2, '0'),
      date: plainDate,
      date_short: short,
      date_long: long,
      date_pretty: relative || plainDate,
      date_short_pretty: relative || short,
      date_long_pretty: relative || long,
      time: p.hour + ':' + p.minute,
      time_secs: p.hour + ':' + p.minute + ':' + p.second,
    };
    const text = tokens.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
    const shown = '<span class="bk-date" title="' + escapeHtml(fallback || '') + '">' + escapeHtml(text) + '</span>';
    const url = link ? safeUrl(link) : null;
    return url ? '<a href="' + escapeHtml(url) + '" target="_blank" rel="noopener noreferrer">' + shown + '</a>' : shown;
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
      if (word.startsWith('date^')) return slackDate(word, label, ctx);
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
