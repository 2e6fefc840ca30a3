/*
 * Redrawing a form under the person typing in it, as Slack does: the new HTML is laid over the
 * nodes already on the page instead of replacing them, so the control that has focus keeps its
 * node, and with it the caret, the selection and what was typed since the app last answered (a
 * number input has no caret position a page could save and put back).
 */
(function (root) {
  'use strict';

  /** Controls and blocks are matched by their ids; anything else by its place among its kind. */
  function keyOf(node) {
    if (node.nodeType !== 1) return '#' + node.nodeType;
    const block = node.getAttribute('data-block-id');
    const action = node.getAttribute('data-action-id');
    const ids = block === null && action === null ? '' : '|' + (block || '') + '|' + (action || '');
    return node.tagName + ids;
  }

  function syncAttributes(old, neu, skip) {
    for (const a of Array.from(old.attributes)) if (!neu.hasAttribute(a.name) && a.name !== skip) old.removeAttribute(a.name);
    for (const a of Array.from(neu.attributes)) if (a.name !== skip && old.getAttribute(a.name) !== a.value) old.setAttribute(a.name, a.value);
  }

  /** What a person may have changed is a property, not an attribute: set it from the new HTML. */
  function syncState(old, neu) {
    if (old.tagName === 'INPUT') {
      if (old.type === 'checkbox' || old.type === 'radio') old.checked = neu.hasAttribute('checked');
      else old.value = neu.getAttribute('value') || '';
    } else if (old.tagName === 'TEXTAREA') {
      old.value = neu.textContent;
    } else if (old.tagName === 'OPTION') {
      old.selected = neu.hasAttribute('selected');
    }
  }

  function morphNode(old, neu, ctx) {
    if (old.nodeType !== 1) {
      if (old.nodeValue !== neu.nodeValue) old.nodeValue = neu.nodeValue;
      return;
    }
    // A drawn chart stays as it is while its configuration does; otherwise it is drawn afresh.
    if (old.tagName === 'CANVAS') {
      if (old.getAttribute('data-chart') !== neu.getAttribute('data-chart')) {
        ctx.removed(old);
        old.replaceWith(neu);
      }
      return;
    }
    // The focused control's value (and a focused menu's choice) is what the person is doing:
    // only its other attributes change.
    const focused = old === ctx.focused || ctx.frozen;
    syncAttributes(old, neu, focused ? 'value' : null);
    if (old.tagName === 'TEXTAREA') {
      if (!focused) old.value = neu.textContent;
      return;
    }
    morphChildren(old, neu, focused && !ctx.frozen ? Object.assign({}, ctx, { frozen: true }) : ctx);
    if (!focused) syncState(old, neu);
  }

  function morphChildren(oldParent, newParent, ctx) {
    const pool = new Map();
    for (const child of Array.from(oldParent.childNodes)) {
      const k = keyOf(child);
      if (!pool.has(k)) pool.set(k, []);
      pool.get(k).push(child);
    }
    const kept = [];
    for (const neu of Array.from(newParent.childNodes)) {
      const candidates = pool.get(keyOf(neu));
      const old = candidates && candidates.length > 0 ? candidates.shift() : null;
      if (old) {
        morphNode(old, neu, ctx);
        // A canvas whose chart changed was replaced by the new one.
        kept.push(old.parentNode === oldParent ? old : neu);
      } else {
        kept.push(neu);
      }
    }
    for (const rest of pool.values()) {
      for (const node of rest) {
        ctx.removed(node);
        node.remove();
      }
    }
    // Put the nodes in the new order, moving only those out of place (moving a node blurs it).
    let cursor = oldParent.firstChild;
    for (const node of kept) {
      if (node === cursor) {
        cursor = cursor.nextSibling;
        continue;
      }
      oldParent.insertBefore(node, cursor);
    }
  }

  /**
   * Makes `target`'s children match `html`. `removed(node)` hears of each node taken away (to
   * let go of its charts). Returns the element that had focus if it is still in place.
   */
  function morph(target, html, removed) {
    const template = document.createElement('template');
    template.innerHTML = html;
    const focused = document.activeElement && target.contains(document.activeElement) ? document.activeElement : null;
    morphChildren(target, template.content, { focused, frozen: false, removed: removed || function () {} });
    return focused && target.contains(focused) ? focused : null;
  }

  root.ConsoleMorph = { morph };
})(window);
