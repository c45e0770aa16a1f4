// Panel meetings: the borough's meetings (from the hub), schedule one (chair), and a meeting's agenda: new
// high-risk cases, reviews due, overdue actions.
import { h, fill, field, input, select, formValues, table, date, act, announce, showError } from '../dom.js';
import { gql } from '../api.js';
import { riskTag, subjectName, stateLabel, flags } from './cases.js';

function caseRows(cases) {
  return cases.map((c) => [h('a', { href: `#/case/${encodeURIComponent(c.id)}` }, subjectName(c)), stateLabel(c.state),
    riskTag(c.riskLevel), c.caseManager || 'not named', c.reviewDue ? date(c.reviewDue) : '–', flags(c)]);
}

function decisionForm(s, meetingId, cases, reload) {
  const form = h('form', { class: 'panel', id: 'decision-form' }, h('h3', {}, 'Record the panel’s decision'),
    field('Case', select('caseId', cases.map((c) => [c.id, subjectName(c)]))),
    field('Decision', h('textarea', { name: 'decision', class: 'prose', required: true })),
    field('Next review on', input('nextReviewOn', { type: 'date' })),
    h('button', { type: 'submit', class: 'primary' }, 'Record the decision'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    if (!v.decision) {
      showError('Write down what the panel decided.');
      return;
    }
    act(form.querySelector('button'), async () => {
      await gql(`mutation($m: ID!, $c: ID!, $purpose: Purpose!, $d: String!, $next: Date) {
        recordPanelDecision(meetingId: $m, caseId: $c, purpose: $purpose, decision: $d, nextReviewOn: $next) { id } }`,
      { m: meetingId, c: v.caseId, purpose: s.purpose, d: v.decision, next: v.nextReviewOn });
      announce('Decision recorded');
      await reload();
    });
  });
  return form;
}

async function agenda(container, s, meetingId) {
  async function reload() {
    const data = await gql(`query($m: ID!, $purpose: Purpose!) { panelAgenda(meetingId: $m, purpose: $purpose) {
      meeting { id borough heldOn chair }
      newHighRiskCases { id state riskLevel caseManager reviewDue flags subject { givenName familyName } }
      reviewsDue { id state riskLevel caseManager reviewDue flags subject { givenName familyName } }
      overdueActions { id caseId description ownerAgency dueOn status } } }`, { m: meetingId, purpose: s.purpose });
    const a = data.panelAgenda;
    const all = [...a.newHighRiskCases, ...a.reviewsDue];
    fill(container, 
      h('h1', {}, `Panel meeting, ${date(a.meeting.heldOn)}`),
      h('p', {}, `Borough ${a.meeting.borough}; chaired by ${a.meeting.chair}.`),
      h('h2', {}, 'New high-risk cases'),
      a.newHighRiskCases.length ? table('New high-risk cases', ['Person', 'State', 'Risk', 'Case manager', 'Review due', 'Flags'],
        caseRows(a.newHighRiskCases), { id: 'agenda-new' }) : h('p', {}, 'None.'),
      h('h2', {}, 'Reviews due'),
      a.reviewsDue.length ? table('Reviews due by the meeting', ['Person', 'State', 'Risk', 'Case manager', 'Review due', 'Flags'],
        caseRows(a.reviewsDue), { id: 'agenda-reviews' }) : h('p', {}, 'None.'),
      h('h2', {}, 'Overdue actions'),
      a.overdueActions.length ? table('Actions past their due date', ['Action', 'Owner', 'Due', 'Case'],
        a.overdueActions.map((x) => [x.description ?? 'Withheld (open the case for why)', x.ownerAgency, date(x.dueOn),
          h('a', { href: `#/case/${encodeURIComponent(x.caseId)}` }, 'Open the case')])) : h('p', {}, 'None.'),
      s.roles.includes('panel-chair') && all.length ? decisionForm(s, a.meeting.id, all, reload) : null,
      h('p', {}, h('a', { href: '#/agenda' }, 'All meetings')));
  }
  await reload();
}

export async function agendaPage(container, s, meetingId) {
  if (meetingId) {
    await agenda(container, s, meetingId);
    return;
  }
  const schedule = h('form', { class: 'panel', id: 'schedule-form' }, h('h2', {}, 'Schedule a meeting'),
    h('div', { class: 'inline-fields' },
      field('Borough', select('borough', s.boroughs.map((b) => [b, b]))),
      field('Held on', input('heldOn', { type: 'date', required: true }))),
    h('button', { type: 'submit', class: 'primary' }, 'Schedule and show the agenda'));
  schedule.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(schedule);
    if (!v.heldOn) {
      showError('Give the date of the meeting.');
      return;
    }
    act(schedule.querySelector('button'), async () => {
      const data = await gql(`mutation($b: String!, $d: Date!) { schedulePanelMeeting(borough: $b, heldOn: $d) { id borough heldOn chair } }`,
        { b: v.borough, d: v.heldOn });
      announce('Meeting scheduled');
      window.location.hash = `#/agenda/${encodeURIComponent(data.schedulePanelMeeting.id)}`;
    });
  });
  const data = await gql('{ panelMeetings { id borough heldOn chair } }');
  const today = new Date().toISOString().slice(0, 10);
  const meetingRows = (list) => list.map((m) => [h('a', { href: `#/agenda/${encodeURIComponent(m.id)}` }, date(m.heldOn)),
    m.borough, m.chair]);
  const coming = data.panelMeetings.filter((m) => m.heldOn >= today);
  const past = data.panelMeetings.filter((m) => m.heldOn < today).reverse();
  fill(container, h('h1', {}, 'Panel meetings'),
    h('h2', {}, 'Coming meetings'),
    coming.length ? table('Meetings to come, soonest first', ['Date (opens the agenda)', 'Borough', 'Chair'], meetingRows(coming),
      { id: 'meetings' }) : h('p', { id: 'no-meetings' }, 'No meeting is scheduled in your boroughs.'),
    past.length ? [h('h2', {}, 'Past meetings'), table('Past meetings, latest first', ['Date (opens the agenda)', 'Borough', 'Chair'],
      meetingRows(past), { id: 'past-meetings' })] : null,
    s.roles.includes('panel-chair') ? schedule : null);
}
