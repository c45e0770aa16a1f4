// A subject's events as a timeline: one lane (row) per agency, one column per month that has events,
// newest on the left (the API's order: what happened lately matters most). A table, so that screen readers announce the agency and the month of each cell.
import { h, date } from './dom.js';
import { reasonLabel, fieldLabel } from './words.js';

/**
 * Each withheld field with its reason, the agreement and clause, and the explanation; fields withheld
 * for the same reason are named together.
 */
export function withheldNotes(withheld) {
  const groups = new Map();
  for (const w of withheld || []) {
    const key = [w.reason, w.explanation, w.agreement, w.clause].join('|');
    if (!groups.has(key)) groups.set(key, { ...w, fields: [] });
    groups.get(key).fields.push(fieldLabel(w.field));
  }
  return [...groups.values()].map((w) => {
    const names = w.fields.map((f, i) => (i === 0 ? f : f.toLowerCase()));
    const named = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
    return h('p', { class: 'withheld', 'data-test': 'withheld' },
      h('strong', {}, `${named} withheld: `), `${reasonLabel(w.reason)}. `, w.explanation,
      w.agreement ? ` (agreement ${w.agreement}${w.clause ? `, clause ${w.clause}` : ''})` : '');
  });
}

function monthKey(iso) {
  return iso.slice(0, 7);
}

function monthLabel(key) {
  return new Date(`${key}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function withheldField(event, field) {
  return (event.withheld || []).some((w) => w.field === field || w.field === `event.${field}`);
}

function eventCard(event) {
  const sensitivity = event.sensitivity === 'SPECIAL_CATEGORY' ? ' special' : event.sensitivity === 'CRIMINAL_OFFENCE' ? ' criminal' : '';
  return h('li', { class: `event${sensitivity}`, 'data-agency': event.agency },
    h('p', {}, h('time', { class: 'when', datetime: event.occurredAt }, date(event.occurredAt)), ' ',
      h('span', { class: 'kind' }, event.kind.replace(/-/g, ' '))),
    event.category && !withheldField(event, 'category') ? h('p', {}, event.category.replace(/-/g, ' ')) : null,
    event.summary ? h('p', {}, event.summary) : null,
    event.location ? h('p', {}, event.location) : null,
    event.roles && event.roles.length ? h('p', { class: 'kind' }, `Their part: ${event.roles.join(', ').toLowerCase()}`) : null,
    event.sensitivity === 'SPECIAL_CATEGORY' ? h('p', { class: 'kind' }, 'Special category data') : null,
    withheldNotes(event.withheld));
}

export function lanes(events, caption) {
  if (!events.length) return h('p', {}, 'No events you may see.');
  const agencies = [...new Set(events.map((e) => e.agency))].sort();
  const months = [...new Set(events.map((e) => monthKey(e.occurredAt)))].sort().reverse();
  const ordered = [...events].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  const table = h('table', { class: 'lanes', id: 'timeline-lanes' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Agency'),
      months.map((m) => h('th', { scope: 'col' }, monthLabel(m))))),
    h('tbody', {}, agencies.map((agency) => {
      const mine = ordered.filter((e) => e.agency === agency);
      return h('tr', { class: 'lane', 'data-lane': agency },
        h('th', { scope: 'row' }, agency, h('br'), h('span', { class: 'kind' }, `${mine.length} event${mine.length === 1 ? '' : 's'}`)),
        months.map((m) => {
          const cell = mine.filter((e) => monthKey(e.occurredAt) === m);
          return h('td', {}, cell.length ? h('ol', {}, cell.map(eventCard)) : null);
        }));
    })));
  return h('div', { class: 'lanes-scroll', role: 'region', 'aria-label': caption, tabindex: '0' }, table);
}

export const EVENT_FIELDS = 'id agency kind occurredAt category summary location postcode borough sensitivity roles '
  + 'withheld { field reason explanation agreement clause }';
