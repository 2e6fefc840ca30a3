/*
 * Charts in the console: the bot's image blocks point at QuickChart (`…/chart?c=<config>`),
 * which is not reachable offline, so the page reads the Chart.js config out of the URL and
 * draws it itself. quickchart-js writes the config as a JavaScript literal (single quotes,
 * bare keys), so it is parsed here — never evaluated.
 */
/* global URL */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.BKChart = factory();
})(typeof window !== 'undefined' ? window : this, function () {
  'use strict';

  const WORDS = { true: true, false: false, null: null, undefined: undefined, NaN: NaN, Infinity: Infinity };
  const ESCAPES = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

  /** JSON plus what javascript-stringify emits: quotes of either kind, bare keys, trailing commas. */
  function parseJsLiteral(src) {
    let i = 0;
    const fail = (what) => {
      throw new SyntaxError((what || 'unexpected input') + ' at ' + i);
    };
    const space = () => {
      while (i < src.length && /\s/.test(src[i])) i += 1;
    };
    const expect = (ch) => {
      space();
      if (src[i] !== ch) fail('expected ' + ch);
      i += 1;
    };

    function string() {
      const quote = src[i];
      i += 1;
      let out = '';
      while (i < src.length && src[i] !== quote) {
        let ch = src[i];
        if (ch === '\\') {
          i += 1;
          ch = src[i];
          if (ch === 'u') {
            const braced = src[i + 1] === '{' ? /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(i + 1)) : null;
            const hex = braced ? braced[1] : src.slice(i + 1, i + 5);
            if (!/^[0-9a-fA-F]+$/.test(hex)) fail('bad \\u escape');
            out += String.fromCodePoint(parseInt(hex, 16));
            i += braced ? braced[0].length : 4;
          } else if (ch === 'x') {
            const hex = src.slice(i + 1, i + 3);
            if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail('bad \\x escape');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 2;
          } else if (ch === '\n') {
            // a line continuation adds nothing
          } else {
            out += ESCAPES[ch] !== undefined ? ESCAPES[ch] : ch;
          }
        } else {
          out += ch;
        }
        i += 1;
      }
      if (src[i] !== quote) fail('unterminated string');
      i += 1;
      return out;
    }

    function number() {
      const m = /^[-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|Infinity)/.exec(src.slice(i));
      if (!m) fail('bad number');
      i += m[0].length;
      return Number(m[0]);
    }

    function key() {
      space();
      if (src[i] === '"' || src[i] === "'") return string();
      const m = /^[A-Za-z_$][\w$]*|^\d+/.exec(src.slice(i));
      if (!m) fail('bad key');
      i += m[0].length;
      return m[0];
    }

    function object() {
      i += 1;
      const out = {};
      for (;;) {
        space();
        if (src[i] === '}') {
          i += 1;
          return out;
        }
        const k = key();
        expect(':');
        const v = value();
        // Plain data only: a key can never reach the prototype.
        if (k !== '__proto__' && k !== 'constructor' && k !== 'prototype') out[k] = v;
        space();
        if (src[i] === ',') i += 1;
        else if (src[i] !== '}') fail('expected , or }');
      }
    }

    function array() {
      i += 1;
      const out = [];
      for (;;) {
        space();
        if (src[i] === ']') {
          i += 1;
          return out;
        }
        out.push(value());
        space();
        if (src[i] === ',') i += 1;
        else if (src[i] !== ']') fail('expected , or ]');
      }
    }

    function value() {
      space();
      const ch = src[i];
      if (ch === '{') return object();
      if (ch === '[') return array();
      if (ch === '"' || ch === "'") return string();
      if (ch !== undefined && /[-+.\d]/.test(ch)) return number();
      const m = /^(true|false|null|undefined|NaN|Infinity)(?![\w$])/.exec(src.slice(i));
      if (!m) fail('unexpected value');
      i += m[0].length;
      return WORDS[m[1]];
    }

    const result = value();
    space();
    if (i !== src.length) fail('trailing input');
    return result;
  }

  /**
   * The Chart.js config (and size) of a QuickChart GET URL, or null when the URL is not one.
   * Any host counts (quickchart.io or a private QUICKCHART_URL server).
   */
  function chartFromUrl(url) {
    let u;
    try {
      u = new URL(String(url));
    } catch {
      return null;
    }
    if (!/\/chart\/?$/.test(u.pathname)) return null;
    const raw = u.searchParams.get('c') || u.searchParams.get('chart');
    if (!raw) return null;
    let config;
    try {
      config = JSON.parse(raw);
    } catch {
      try {
        config = parseJsLiteral(raw);
      } catch {
        return null;
      }
    }
    if (!config || typeof config !== 'object' || typeof config.type !== 'string' || !config.data) return null;
    const num = (name, fallback) => {
      const n = Number(u.searchParams.get(name));
      return Number.isFinite(n) && n > 0 ? n : fallback;
    };
    return {
      config,
      width: num('w', num('width', 500)),
      height: num('h', num('height', 300)),
      background: u.searchParams.get('bkg') || u.searchParams.get('backgroundColor') || '#ffffff',
    };
  }

  return { parseJsLiteral, chartFromUrl };
});
