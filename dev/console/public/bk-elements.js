/*
 * Block Kit elements for the console: buttons, menus and pickers in messages and views, and
 * the inputs of modals. Pure functions from Slack's JSON to HTML strings; the page wires the
 * data-bk attributes to block_actions and reads values back.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('./bk-text.js')); // eslint-disable-line @typescript-eslint/no-require-imports
  else root.BKElements = factory(root.BKText);
})(typeof window !== 'undefined' ? window : this, function (T) {
  'use strict';

  const esc = T.escapeHtml;

  function attrs(map) {
    let out = '';
    for (const [k, v] of Object.entries(map)) {
      if (v === undefined || v === null || v === false) continue;
      out += v === true ? ' ' + k : ' ' + k + '="' + esc(v) + '"';
    }
    return out;
  }

  /** Options of a select, flattened from option_groups when there are groups. */
  function optionsOf(el) {
    if (Array.isArray(el.options)) return el.options;
    if (Array.isArray(el.option_groups)) return el.option_groups.flatMap((g) => (Array.isArray(g.options) ? g.options : []));
    return [];
  }

  function confirmOf(confirm) {
    if (!confirm) return undefined;
    return JSON.stringify({
      title: T.textOf(confirm.title) || 'Are you sure?',
      text: T.textOf(confirm.text),
      confirm: T.textOf(confirm.confirm) || 'Yes',
      deny: T.textOf(confirm.deny) || 'Cancel',
    });
  }

  function ids(el, blockId) {
    return { 'data-action-id': el.action_id, 'data-block-id': blockId || undefined, 'data-type': el.type };
  }

  function button(el, blockId) {
    const cls = 'bk-button' + (el.style === 'primary' || el.style === 'danger' ? ' bk-' + el.style : '');
    return '<button type="button"' + attrs({
      class: cls, 'data-bk': 'button', ...ids(el, blockId), 'data-value': el.value,
      'data-url': el.url ? T.safeUrl(el.url) : undefined, 'data-confirm': confirmOf(el.confirm),
    }) + '>' + T.plain(T.textOf(el.text)) + '</button>';
  }

  /** Choices of the conversation, channel and user menus, from the page's context. */
  function choicesOf(el, ctx) {
    if (el.type === 'users_select' || el.type === 'multi_users_select') return ctx.users || [];
    const all = ctx.conversations || [];
    if (el.type === 'channels_select' || el.type === 'multi_channels_select') return all.filter((c) => !c.isIm);
    const include = el.filter && Array.isArray(el.filter.include) ? el.filter.include : null;
    if (!include) return all;
    return all.filter((c) => (c.isIm ? include.includes('im') : include.includes(c.isPrivate ? 'private' : 'public')));
  }

  const MENU_VALUE = {
    static_select: (v) => (v && v.selected_option ? v.selected_option.value : null),
    external_select: (v) => (v && v.selected_option ? v.selected_option.value : null),
    conversations_select: (v) => (v ? v.selected_conversation : null),
    channels_select: (v) => (v ? v.selected_channel : null),
    users_select: (v) => (v ? v.selected_user : null),
  };

  /** A single-choice menu: static options, or the workspace's conversations or people. */
  function menu(el, blockId, current, ctx, extra) {
    const selected = (MENU_VALUE[el.type] || MENU_VALUE.static_select)(current);
    const placeholder = T.textOf(el.placeholder) || 'Select an item';
    let html = '<select' + attrs({ class: 'bk-select', ...ids(el, blockId), ...extra }) + '>';
    html += '<option value=""' + (selected ? '' : ' selected') + '>' + esc(placeholder) + '</option>';
    if (el.type === 'static_select' || el.type === 'external_select') {
      const groups = Array.isArray(el.option_groups) ? el.option_groups : [{ options: optionsOf(el) }];
      for (const g of groups) {
        if (g.label) html += '<optgroup label="' + esc(T.textOf(g.label)) + '">';
        for (const o of g.options || []) {
          html += '<option' + attrs({ value: o.value, selected: o.value === selected }) + '>' + esc(T.textOf(o.text)) + '</option>';
        }
        if (g.label) html += '</optgroup>';
      }
    } else {
      for (const c of choicesOf(el, ctx)) html += '<option' + attrs({ value: c.id, selected: c.id === selected }) + '>' + esc(c.label) + '</option>';
    }
    return html + '</select>';
  }

  /** Checkboxes and radio buttons; multi-selects are shown as a list of checkboxes too. */
  function choices(el, blockId, current, ctx, extra) {
    const radio = el.type === 'radio_buttons';
    const picked = radio
      ? new Set(current && current.selected_option ? [current.selected_option.value] : [])
      : new Set(current && Array.isArray(current.selected_options) ? current.selected_options.map((o) => o.value) : []);
    const name = 'bk-' + (blockId || '') + '-' + el.action_id;
    let html = '<div' + attrs({ class: 'bk-choices' + (el.type === 'multi_static_select' ? ' bk-multi' : ''), ...ids(el, blockId), ...extra }) + '>';
    for (const o of optionsOf(el)) {
      html += '<label class="bk-choice"><input' + attrs({ type: radio ? 'radio' : 'checkbox', name, value: o.value, checked: picked.has(o.value) }) + '>';
      html += '<span>' + T.textObject(o.text, ctx) + (o.description ? '<small>' + T.textObject(o.description, ctx) + '</small>' : '') + '</span></label>';
    }
    return html + '</div>';
  }

  /** One choice of a type-ahead menu: a radio (single) or checkbox (multi) carrying the option's text. */
  function suggestion(o, multi, name, checked) {
    const text = T.textOf(o.text);
    return '<label class="bk-choice"><input' + attrs({ type: multi ? 'checkbox' : 'radio', name, value: o.value, 'data-text': text, checked }) + '><span>' + esc(text) + '</span></label>';
  }

  /**
   * A menu whose options the app sends (external_select, multi_external_select): a search box,
   * the picked options, and what the app answered to block_suggestion for what was typed.
   */
  function external(el, blockId, current, extra) {
    const multi = el.type === 'multi_external_select';
    const picked = multi
      ? (current && Array.isArray(current.selected_options) ? current.selected_options : [])
      : (current && current.selected_option ? [current.selected_option] : []);
    const name = 'bk-' + (blockId || '') + '-' + el.action_id;
    const min = typeof el.min_query_length === 'number' ? el.min_query_length : 3;
    let html = '<div' + attrs({ class: 'bk-external', ...ids(el, blockId), ...extra, 'data-min-query': String(min) }) + '>';
    html += '<input' + attrs({ type: 'search', class: 'bk-suggest', autocomplete: 'off', placeholder: T.textOf(el.placeholder) || 'Type to search', 'aria-label': T.textOf(el.placeholder) || 'Search' }) + '>';
    html += '<div class="bk-choices bk-suggestions">';
    for (const o of picked) html += suggestion(o, multi, name, true);
    return html + '</div></div>';
  }

  function overflow(el, blockId) {
    let html = '<span class="bk-overflow"><button type="button"' + attrs({ class: 'bk-button bk-overflow-toggle', 'data-bk': 'overflow-toggle', 'aria-label': 'More actions' }) + '>⋯</button>';
    html += '<span class="bk-menu" hidden>';
    for (const o of optionsOf(el)) {
      html += '<button type="button"' + attrs({
        class: 'bk-menu-item', 'data-bk': 'overflow-option', ...ids(el, blockId), 'data-value': o.value,
        'data-text': T.textOf(o.text), 'data-confirm': confirmOf(el.confirm),
      }) + '>' + T.plain(T.textOf(o.text)) + '</button>';
    }
    return html + '</span></span>';
  }

  function picker(el, blockId, current, extra) {
    const time = el.type === 'timepicker';
    const value = current ? (time ? current.selected_time : current.selected_date) : null;
    return '<input' + attrs({ class: 'bk-picker', type: time ? 'time' : 'date', value: value || undefined, ...ids(el, blockId), ...extra }) + '>';
  }

  function textInput(el, blockId, current, extra) {
    const value = current && current.value !== null && current.value !== undefined ? String(current.value) : '';
    const common = { class: 'bk-text-input', placeholder: T.textOf(el.placeholder) || undefined, ...ids(el, blockId), ...extra };
    if (el.type === 'plain_text_input' && el.multiline) return '<textarea' + attrs({ ...common, rows: 3, maxlength: el.max_length }) + '>' + esc(value) + '</textarea>';
    const type = { number_input: 'number', email_text_input: 'email', url_text_input: 'url' }[el.type] || 'text';
    const numeric = type === 'number' ? { step: el.is_decimal_allowed ? 'any' : '1', min: el.min_value, max: el.max_value, inputmode: 'decimal' } : {};
    return '<input' + attrs({ ...common, ...numeric, type, value, maxlength: el.max_length }) + '>';
  }

  /** The value Slack would report for an element nobody has touched yet. */
  function initialValue(el, ctx) {
    const c = ctx || {};
    switch (el.type) {
      case 'plain_text_input':
      case 'number_input':
      case 'email_text_input':
      case 'url_text_input':
        return { value: el.initial_value !== undefined ? String(el.initial_value) : null };
      case 'static_select':
      case 'external_select':
      case 'radio_buttons':
        return { selected_option: el.initial_option || null };
      case 'multi_static_select':
      case 'multi_external_select':
      case 'checkboxes':
        return { selected_options: el.initial_options || [] };
      case 'conversations_select':
        return { selected_conversation: el.initial_conversation || (el.default_to_current_conversation && c.currentChannel ? c.currentChannel : null) };
      case 'channels_select':
        return { selected_channel: el.initial_channel || null };
      case 'users_select':
        return { selected_user: el.initial_user || null };
      case 'timepicker':
        return { selected_time: el.initial_time || null };
      case 'datepicker':
        return { selected_date: el.initial_date || null };
      default:
        return {};
    }
  }

  /** An element in an actions block, a section accessory, or an input block (`input: true`). */
  function element(el, blockId, ctx, opts) {
    if (!el || typeof el !== 'object') return '';
    const o = opts || {};
    const current = o.current !== undefined ? o.current : initialValue(el, ctx);
    const extra = o.input ? {} : { 'data-bk': 'element' };
    switch (el.type) {
      case 'button':
        return button(el, blockId);
      case 'overflow':
        return overflow(el, blockId);
      case 'external_select':
      case 'multi_external_select':
        return external(el, blockId, current, extra);
      case 'static_select':
      case 'conversations_select':
      case 'channels_select':
      case 'users_select':
        return menu(el, blockId, current, ctx, extra);
      case 'multi_static_select':
      case 'checkboxes':
      case 'radio_buttons':
        return choices(el, blockId, current, ctx, extra);
      case 'timepicker':
      case 'datepicker':
        return picker(el, blockId, current, extra);
      case 'plain_text_input':
      case 'number_input':
      case 'email_text_input':
      case 'url_text_input':
        return textInput(el, blockId, current, extra);
      case 'image': {
        const src = T.safeUrl(String(el.image_url || ''));
        return src ? '<img class="bk-accessory-img"' + attrs({ src, alt: el.alt_text || '' }) + '>' : '';
      }
      default:
        return '<span class="bk-unsupported">[' + esc(el.type) + ']</span>';
    }
  }

  /** The element a block_id / action_id pair names in a list of blocks. */
  function findElement(blocks, blockId, actionId) {
    for (const b of Array.isArray(blocks) ? blocks : []) {
      if (!b || (blockId && b.block_id !== blockId)) continue;
      const candidates = [].concat(Array.isArray(b.elements) ? b.elements : [], b.accessory ? [b.accessory] : [], b.element ? [b.element] : []);
      const found = candidates.find((e) => e && e.action_id === actionId);
      if (found) return found;
    }
    return null;
  }

  return { attrs, optionsOf, element, initialValue, findElement, choicesOf, suggestion };
});
