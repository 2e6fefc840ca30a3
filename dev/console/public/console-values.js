/*
 * Reading what a person has entered in Block Kit controls back into Slack's shapes: the values
 * of view.state.values and the fields of a block_actions action.
 */
(function (root) {
  'use strict';
  const E = root.BKElements;

  function optionText(def, value, fallback) {
    const found = def ? E.optionsOf(def).find((o) => o.value === value) : undefined;
    return found || { text: { type: 'plain_text', text: fallback, emoji: true }, value };
  }

  /** A type-ahead menu's choice as Slack reports it: the option's text and value. */
  function suggested(input) {
    return { text: { type: 'plain_text', text: input.dataset.text || input.value, emoji: true }, value: input.value };
  }

  function labelOf(input) {
    const label = input.closest('label');
    return label ? label.textContent.trim() : input.value;
  }

  /** The state value of one control (`ctrl` carries data-type and data-action-id). */
  function readValue(ctrl, def) {
    const type = ctrl.dataset.type;
    switch (type) {
      case 'plain_text_input':
      case 'number_input':
      case 'email_text_input':
      case 'url_text_input':
        return { value: ctrl.value === '' ? null : ctrl.value };
      case 'external_select': {
        const picked = ctrl.querySelector('input:checked');
        return { selected_option: picked ? suggested(picked) : null };
      }
      case 'multi_external_select':
        return { selected_options: Array.from(ctrl.querySelectorAll('input:checked')).map(suggested) };
      case 'static_select': {
        const opt = ctrl.selectedOptions[0];
        return { selected_option: ctrl.value ? optionText(def, ctrl.value, opt ? opt.textContent : ctrl.value) : null };
      }
      case 'conversations_select':
        return { selected_conversation: ctrl.value || null };
      case 'channels_select':
        return { selected_channel: ctrl.value || null };
      case 'users_select':
        return { selected_user: ctrl.value || null };
      case 'radio_buttons': {
        const picked = ctrl.querySelector('input:checked');
        return { selected_option: picked ? optionText(def, picked.value, labelOf(picked)) : null };
      }
      case 'checkboxes':
      case 'multi_static_select':
        return { selected_options: Array.from(ctrl.querySelectorAll('input:checked')).map((i) => optionText(def, i.value, labelOf(i))) };
      case 'timepicker':
        return { selected_time: ctrl.value || null };
      case 'datepicker':
        return { selected_date: ctrl.value || null };
      default:
        return {};
    }
  }

  /** Every input of a modal, as view.state.values. */
  function readValues(rootEl, blocks) {
    const values = {};
    for (const ctrl of rootEl.querySelectorAll('[data-action-id][data-type]')) {
      if (ctrl.dataset.bk === 'button' || ctrl.dataset.bk === 'overflow-option') continue;
      const blockId = ctrl.dataset.blockId;
      if (!blockId) continue;
      const def = E.findElement(blocks, blockId, ctrl.dataset.actionId);
      values[blockId] = values[blockId] || {};
      values[blockId][ctrl.dataset.actionId] = readValue(ctrl, def);
    }
    return values;
  }

  /** The block_actions `action` for a control that changed or was clicked. */
  function actionOf(ctrl, def, extra) {
    const base = { action_id: ctrl.dataset.actionId, type: ctrl.dataset.type };
    if (ctrl.dataset.blockId) base.block_id = ctrl.dataset.blockId;
    if (ctrl.dataset.bk === 'button') return Object.assign(base, ctrl.dataset.value !== undefined ? { value: ctrl.dataset.value } : {}, extra || {});
    return Object.assign(base, readValue(ctrl, def), extra || {});
  }

  root.ConsoleValues = { readValue, readValues, actionOf };
})(window);
