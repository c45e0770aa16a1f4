// A case manager's own cases, their actions, and alerts of partners' new events about them.
import { h, fill, table, date, dateTime, act, announce } from '../dom.js';
import { gql, subscribe } from '../api.js';
import { session } from '../session.js';
import { withheldNotes, EVENT_FIELDS } from '../timeline.js';
import { CASE_FIELDS, riskTag, subjectName, stateLabel, flags } from './cases.js';

const alerts = [];
let stop = null;
let listening = 'not yet';
let redraw = null;
document.addEventListener('alerts-changed', () => redraw && redraw());

export function alertCount() {
  return alerts.length;
}

export function stopAlerts() {
  if (stop) stop();
  stop = null;
  alerts.length = 0;
  listening = 'not yet';
}

function changed() {
  document.dispatchEvent(new CustomEvent('alerts-changed'));
}

function startAlerts(purpose) {
  if (stop) return;
  listening = 'connecting';
  stop = subscribe(`subscription($purpose: Purpose!) { caseAlerts(purpose: $purpose) {
    caseId subjectId receivedAt event { ${EVENT_FIELDS} } } }`, { purpose }, {
    onData: (data) => {
      alerts.unshift(data.caseAlerts);
      const e = data.caseAlerts.event;
      announce(`New event from ${e.agency}: ${e.kind.replace(/-/g, ' ')}`);
      changed();
    },
    onError: (message) => {
      listening = `stopped: ${message}`;
      stop = null;
      changed();
    },
    onSent: () => {
      listening = 'listening';
      changed();
    },
    // a stream the hub (or a proxy) ended is opened again, while the case manager is signed in
    onEnd: () => {
      stop = null;
      listening = 'connecting';
      window.setTimeout(() => {
        if (session()) startAlerts(purpose);
      }, 2000);
    },
  });
}

function alertList(cases) {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const status = listening === 'listening' ? 'Listening for partners’ new events about your open cases.'
    : listening === 'connecting' ? 'Connecting to the hub’s alerts…' : `Alerts ${listening}`;
  return h('section', { 'aria-labelledby': 'alerts-heading', id: 'alerts-section' },
    h('h2', { id: 'alerts-heading' }, 'Alerts of new events'),
    h('p', { id: 'alerts-status', class: 'hint', 'data-state': listening }, status),
    alerts.length ? h('ul', { class: 'alerts', id: 'alerts' }, alerts.map((a) => {
      const c = byId.get(a.caseId);
      return h('li', {},
        h('p', {}, h('strong', {}, `${a.event.agency}: ${a.event.kind.replace(/-/g, ' ')}`), ` on ${date(a.event.occurredAt)}`,
          c ? [' about ', h('a', { href: `#/case/${encodeURIComponent(c.id)}` }, subjectName(c))] : ''),
        a.event.category ? h('p', {}, a.event.category.replace(/-/g, ' ')) : null,
        a.event.summary ? h('p', {}, a.event.summary) : null,
        withheldNotes(a.event.withheld),
        h('p', { class: 'hint' }, `Received ${dateTime(a.receivedAt)}`));
    })) : h('p', { id: 'no-alerts' }, 'No new events since you opened the console.'));
}

export async function myCasesPage(container, s) {
  let cases = [];
  async function load() {
    const data = await gql(`query($purpose: Purpose!) { panelCases(purpose: $purpose, first: 50) { edges { node { ${CASE_FIELDS} } } } }`,
      { purpose: s.purpose });
    cases = data.panelCases.edges.map((e) => e.node);
    draw();
  }
  function draw() {
    if (!container.isConnected || window.location.hash !== '#/my-cases') return;
    fill(container, 
      h('h1', {}, 'My cases'),
      cases.length ? cases.map((c) => h('section', { class: 'record', 'aria-labelledby': `case-${c.id}`, 'data-case': c.id },
        h('h2', { id: `case-${c.id}` }, h('a', { href: `#/case/${encodeURIComponent(c.id)}` }, subjectName(c))),
        h('dl', { class: 'summary' },
          h('dt', {}, 'State'), h('dd', {}, stateLabel(c.state)),
          h('dt', {}, 'Risk'), h('dd', {}, riskTag(c.riskLevel)),
          h('dt', {}, 'Review due'), h('dd', {}, c.reviewDue ? date(c.reviewDue) : 'not set'),
          h('dt', {}, 'Flags'), h('dd', {}, flags(c))),
        c.actions.length ? table(`Actions for ${subjectName(c)}`, ['Action', 'Owner', 'Due', 'Status', 'Change'],
          c.actions.map((a) => [a.description, a.ownerAgency, date(a.dueOn),
            [a.status.toLowerCase(), a.overdue ? ' ' : '', a.overdue ? h('span', { class: 'tag flag' }, 'overdue') : ''],
            a.status === 'OPEN' ? h('button', { type: 'button', class: 'secondary', onclick: (e) => act(e.target, async () => {
              await gql(`mutation($id: ID!, $purpose: Purpose!) { updateCaseAction(id: $id, purpose: $purpose, status: DONE) { id } }`,
                { id: a.id, purpose: s.purpose });
              announce('Action marked done');
              await load();
            }) }, 'Mark done', h('span', { class: 'visually-hidden' }, `: ${a.description}`)) : '']), { class: 'case-actions' })
          : h('p', {}, 'No actions agreed yet.'))) : h('p', { id: 'no-cases' }, 'No case names you as its case manager.'),
      alertList(cases));
  }
  redraw = draw;
  startAlerts(s.purpose);
  await load();
}
