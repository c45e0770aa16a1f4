// Small DOM helpers. Text always goes in as text nodes: nothing the hub returns is parsed as HTML.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' && (tag === 'input' || tag === 'textarea' || tag === 'select')) el.value = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Replaces an element's content; arrays are flattened and null, undefined and false left out. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let sequence = 0;
export function nextId(prefix = 'f') {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/** A labelled control, with an optional hint tied to it by aria-describedby. */
export function field(label, control, hint) {
  if (!control.id) control.id = nextId();
  const hintEl = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), hintEl, control);
}

export function input(name, attrs = {}) {
  return h('input', { type: 'text', name, id: nextId(name), ...attrs });
}

export function select(name, options, attrs = {}) {
  const el = h('select', { name, id: nextId(name), ...attrs },
    options.map(([value, text]) => h('option', { value }, text)));
  if (attrs.value !== undefined) el.value = attrs.value;
  return el;
}

/** A group of radio buttons in a fieldset whose legend labels it. */
export function radios(name, legend, choices, checked) {
  return h('fieldset', {},
    h('legend', {}, legend),
    choices.map(({ value, label, hint }) => {
      const id = nextId(name);
      const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
      return h('div', { class: 'choice' },
        h('input', { type: 'radio', name, id, value, checked: value === checked, 'aria-describedby': hintEl ? hintEl.id : null }),
        h('label', { for: id }, label, hintEl));
    }));
}

/** A table with a caption and column headers; rows are arrays of cells (text or nodes). */
export function table(caption, headers, rows, attrs = {}) {
  return h('table', attrs,
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((head) => h('th', { scope: 'col' }, head)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, i) => (i === 0 && attrs['data-row-headers'])
      ? h('th', { scope: 'row' }, cell) : h('td', {}, cell))))));
}

export function formValues(form) {
  const values = {};
  for (const [key, value] of new FormData(form).entries()) {
    const text = typeof value === 'string' ? value.trim() : value;
    values[key] = text === '' ? null : text;
  }
  return values;
}

export function date(value) {
  if (!value) return '';
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
}

export function dateTime(value) {
  if (!value) return '';
  return new Date(value).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit',
    minute: '2-digit', timeZone: 'Europe/London' });
}

/** Says something to screen readers without moving focus. */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  window.setTimeout(() => { status.textContent = message; }, 50);
}

/** Shows errors in the page's error summary (role=alert, so they are read out at once). */
export function showError(message) {
  const box = document.getElementById('errors');
  fill(box, h('h2', {}, 'There is a problem'), String(message).split('\n').map((line) => h('p', {}, line)));
  box.hidden = false;
}

export function clearError() {
  const box = document.getElementById('errors');
  box.replaceChildren();
  box.hidden = true;
}

/** Runs an action from a button or form: disables it meanwhile and shows any error in plain words. */
export async function act(control, work) {
  clearError();
  if (control) control.disabled = true;
  try {
    return await work();
  } catch (error) {
    showError(error.message || String(error));
    return undefined;
  } finally {
    if (control) control.disabled = false;
  }
}
