// Panel cases: the list, one case (risk matrix, actions, case manager), and its case profile.
import { h, fill, field, input, select, radios, formValues, table, date, dateTime, act, announce, showError } from '../dom.js';
import { gql } from '../api.js';
import { lanes, withheldNotes, EVENT_FIELDS } from '../timeline.js';
import { fullTimeline, subjectDetails } from './subjects.js';
import { purposeLabel, reasonLabel } from '../words.js';

export const CASE_FIELDS = `id state borough openedAt closedAt riskLevel caseManager referredBackTo reviewDue flags
  subject { id givenName familyName }
  referrals { referringAgency source reason category referredBy referredAt }
  assessments { suggestedLevel suggestedScore level overridden rationale assessedBy assessedAt }
  actions { id description ownerAgency dueOn status note overdue }
  decisions { meetingId heldOn decision decidedBy }
  agreement withheld { field reason explanation }`;

// A piece of case work as shown: the text, or why it is withheld (the case's agreement decides, like any field).
export function caseText(c, value, field) {
  if (value != null) {
    return value;
  }
  const w = c.withheld && c.withheld.find((x) => x.field === field);
  return w ? h('span', { class: 'withheld' }, `Withheld: ${reasonLabel(w.reason)}. ${w.explanation}`) : '';
}

const STATES = [['', 'Any state'], ['REFERRED', 'Referred'], ['ON_PANEL', 'On the panel'], ['REFERRED_BACK', 'Referred back'],
  ['RESOLVED', 'Resolved'], ['CLOSED_RISK_REDUCED', 'Closed, risk reduced']];

export function stateLabel(state) {
  return (STATES.find(([v]) => v === state) || [state, state])[1];
}

export function riskTag(level) {
  return level ? h('span', { class: `tag ${level.toLowerCase()}` }, level) : 'not assessed';
}

export function subjectName(c) {
  return c.subject ? [c.subject.givenName, c.subject.familyName].filter(Boolean).join(' ') || 'Name withheld' : 'Not visible to you';
}

export function flags(c) {
  return c.flags.length ? c.flags.map((f) => h('span', { class: 'tag flag' }, f.replace(/_/g, ' ').toLowerCase())) : 'none';
}

export async function casesPage(container, s) {
  const filter = select('state', STATES);
  const list = h('div', { id: 'case-list' });
  async function load() {
    const data = await gql(`query($purpose: Purpose!, $state: CaseState) { panelCases(purpose: $purpose, state: $state, first: 50) {
      edges { node { id state openedAt riskLevel caseManager reviewDue flags subject { id givenName familyName } } } } }`,
    { purpose: s.purpose, state: filter.value || null });
    const cases = data.panelCases.edges.map((e) => e.node);
    fill(list, cases.length ? table('Cases in your boroughs, newest first',
      ['Person', 'State', 'Risk', 'Case manager', 'Review due', 'Flags', 'Opened'],
      cases.map((c) => [h('a', { href: `#/case/${encodeURIComponent(c.id)}` }, subjectName(c)), stateLabel(c.state), riskTag(c.riskLevel),
        c.caseManager || 'not named', c.reviewDue ? date(c.reviewDue) : '–', flags(c), date(c.openedAt)]), { id: 'cases-table' })
      : h('p', {}, 'No cases.'));
  }
  filter.addEventListener('change', () => act(null, load));
  fill(container, h('h1', {}, 'Cases'),
    h('p', {}, 'To refer someone, find them first and open their page.'),
    field('Show cases', filter), list);
  await load();
}

function riskSection(s, c, reload) {
  const out = h('div', { id: 'risk-suggestion' });
  const suggest = h('button', { type: 'button', class: 'secondary', id: 'suggest-risk' }, 'Suggest a risk level');
  const section = h('section', { 'aria-labelledby': 'risk-heading' }, h('h2', { id: 'risk-heading' }, 'Risk matrix'),
    h('p', {}, 'The matrix scores history, vulnerability and support from the events you may see, and explains every point. ',
      'Nothing is recorded until you confirm or override it.'), suggest, out);
  suggest.addEventListener('click', () => act(suggest, async () => {
    const data = await gql(`query($c: ID!, $purpose: Purpose!) { suggestRisk(caseId: $c, purpose: $purpose) {
      level score history vulnerability support mediumFrom highFrom contributions { factor points reason eventId agency } } }`,
    { c: c.id, purpose: s.purpose });
    const r = data.suggestRisk;
    const form = h('form', { class: 'panel', id: 'assess-form' },
      h('h3', {}, 'Record the assessment'),
      radios('level', 'Risk level', ['LOW', 'MEDIUM', 'HIGH'].map((l) => ({ value: l, label: l === r.level ? `${l} (suggested)` : l })), r.level),
      field('Rationale', h('textarea', { name: 'rationale', class: 'prose', id: 'assess-rationale' }),
        'Needed when you choose a level other than the suggestion.'),
      field('Refer back to', input('referBackTo', { placeholder: 'e.g. lambeth-housing' }),
        'For LOW or MEDIUM: the partner agency that takes the case back and is monitored.'),
      h('button', { type: 'submit', class: 'primary' }, 'Record the assessment'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const v = formValues(form);
      act(form.querySelector('button[type=submit]'), async () => {
        const result = await gql(`mutation($input: RiskAssessmentInput!) { assessRisk(input: $input) { id state riskLevel } }`,
          { input: { caseId: c.id, purpose: s.purpose, level: v.level, rationale: v.rationale, referBackTo: v.referBackTo } });
        announce(`Assessment recorded: ${result.assessRisk.riskLevel}, ${stateLabel(result.assessRisk.state)}`);
        await reload();
      });
    });
    fill(out, 
      h('p', { class: 'notice', id: 'suggested-level' }, 'Suggested level: ', riskTag(r.level), ` score ${r.score} `,
        `(history ${r.history}, vulnerability ${r.vulnerability}, support ${r.support}; MEDIUM from ${r.mediumFrom}, HIGH from ${r.highFrom}).`),
      table('Why: each event or fact and its points', ['Factor', 'Points', 'Reason', 'Agency'],
        r.contributions.map((x) => [x.factor.toLowerCase(), String(x.points), x.reason, x.agency || '–']), { id: 'risk-contributions' }),
      form);
    announce(`Suggested level ${r.level}, score ${r.score}`);
  }));
  return section;
}

function actionsSection(s, c, reload) {
  const rows = c.actions.map((a) => {
    const buttons = a.status === 'OPEN' ? h('div', {},
      h('button', { type: 'button', class: 'secondary', 'data-action': a.id,
        onclick: (e) => act(e.target, async () => {
          await gql(`mutation($id: ID!, $purpose: Purpose!) { updateCaseAction(id: $id, purpose: $purpose, status: DONE) { id status } }`,
            { id: a.id, purpose: s.purpose });
          announce('Action marked done');
          await reload();
        }) }, h('span', {}, 'Mark done'), h('span', { class: 'visually-hidden' }, `: ${a.description}`))) : '';
    return [caseText(c, a.description, 'description'), a.ownerAgency, date(a.dueOn), [a.status.toLowerCase(), a.overdue ? ' ' : '',
      a.overdue ? h('span', { class: 'tag flag' }, 'overdue') : ''], caseText(c, a.note, 'note'), buttons];
  });
  const form = h('form', { class: 'panel', id: 'action-form' }, h('h3', {}, 'Add an action'),
    field('What is to be done', input('description', { required: true })),
    h('div', { class: 'inline-fields' },
      field('Owner agency', input('ownerAgency', { placeholder: 'e.g. lambeth-housing', required: true })),
      field('Due by', input('dueOn', { type: 'date', required: true }))),
    h('button', { type: 'submit', class: 'primary' }, 'Add the action'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    if (!v.description || !v.ownerAgency || !v.dueOn) {
      showError('Give the action, its owner agency and the date it is due by.');
      return;
    }
    act(form.querySelector('button[type=submit]'), async () => {
      await gql(`mutation($c: ID!, $purpose: Purpose!, $d: String!, $o: String!, $due: Date!) {
        addCaseAction(caseId: $c, purpose: $purpose, description: $d, ownerAgency: $o, dueOn: $due) { id } }`,
      { c: c.id, purpose: s.purpose, d: v.description, o: v.ownerAgency, due: v.dueOn });
      announce('Action added');
      await reload();
    });
  });
  const open = c.state !== 'RESOLVED' && c.state !== 'CLOSED_RISK_REDUCED';
  return h('section', { 'aria-labelledby': 'actions-heading' }, h('h2', { id: 'actions-heading' }, 'Actions'),
    c.actions.length ? table('Actions agreed for this case', ['Action', 'Owner', 'Due', 'Status', 'Note', 'Change'], rows, { id: 'actions-table' })
      : h('p', {}, 'No actions yet.'),
    open ? form : null);
}

function chairSection(s, c, reload) {
  const appoint = h('form', { class: 'panel', id: 'appoint-form' }, h('h3', {}, 'Name the case manager'),
    field('Case manager’s username', input('caseManager', { value: c.caseManager || '', autocomplete: 'off' }),
      'The accountable lead; they may then read the case under the agreements.'),
    h('button', { type: 'submit', class: 'primary' }, 'Name them'));
  appoint.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(appoint);
    if (!v.caseManager) {
      showError('Give the case manager’s username.');
      return;
    }
    act(appoint.querySelector('button'), async () => {
      await gql(`mutation($c: ID!, $purpose: Purpose!, $m: String!) { appointCaseManager(caseId: $c, purpose: $purpose, caseManager: $m) { id } }`,
        { c: c.id, purpose: s.purpose, m: v.caseManager });
      announce(`${v.caseManager} named as case manager`);
      await reload();
    });
  });
  const resolve = h('form', { class: 'panel', id: 'resolve-form' }, h('h3', {}, 'Close the case'),
    field('Outcome', select('outcome', [['RESOLVED', 'Resolved'], ['RISK_REDUCED', 'Risk significantly reduced']])),
    field('Note', h('textarea', { name: 'note', class: 'prose', required: true })),
    h('button', { type: 'submit', class: 'warning' }, 'Close the case'));
  resolve.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(resolve);
    if (!v.note) {
      showError('Say why the case is closed.');
      return;
    }
    act(resolve.querySelector('button'), async () => {
      await gql(`mutation($c: ID!, $purpose: Purpose!, $o: CaseOutcome!, $n: String!) { resolveCase(caseId: $c, purpose: $purpose, outcome: $o, note: $n) { id } }`,
        { c: c.id, purpose: s.purpose, o: v.outcome, n: v.note });
      announce('Case closed');
      await reload();
    });
  });
  return h('section', { 'aria-labelledby': 'chair-heading' }, h('h2', { id: 'chair-heading' }, 'For the chair'), appoint, resolve);
}

export async function casePage(container, s, id) {
  async function reload() {
    const data = await gql(`query($id: ID!, $purpose: Purpose!) { panelCase(id: $id, purpose: $purpose) { ${CASE_FIELDS} } }`,
      { id, purpose: s.purpose });
    const c = data.panelCase;
    if (!c) {
      fill(container, h('h1', {}, 'No such case'), h('p', {}, 'There is no case of yours with this id.'));
      return;
    }
    const open = c.state !== 'RESOLVED' && c.state !== 'CLOSED_RISK_REDUCED';
    const worker = s.roles.includes('panel-analyst') || s.roles.includes('panel-chair');
    const printable = `print.html?case=${encodeURIComponent(c.id)}&purpose=${encodeURIComponent(s.purpose)}`;
    fill(container, 
      h('h1', {}, `Case: ${subjectName(c)}`),
      h('dl', { class: 'summary', id: 'case-summary' },
        h('dt', {}, 'State'), h('dd', { 'data-test': 'state' }, stateLabel(c.state)),
        h('dt', {}, 'Risk'), h('dd', { 'data-test': 'risk' }, riskTag(c.riskLevel)),
        h('dt', {}, 'Case manager'), h('dd', {}, c.caseManager || 'not named'),
        c.referredBackTo ? [h('dt', {}, 'Referred back to'), h('dd', {}, c.referredBackTo)] : null,
        h('dt', {}, 'Review due'), h('dd', {}, c.reviewDue ? date(c.reviewDue) : 'not set'),
        h('dt', {}, 'Flags'), h('dd', {}, flags(c)),
        h('dt', {}, 'Borough'), h('dd', {}, c.borough),
        h('dt', {}, 'Opened'), h('dd', {}, dateTime(c.openedAt))),
      h('ul', {},
        h('li', {}, h('a', { href: `#/profile/${encodeURIComponent(c.id)}`, id: 'profile-link' }, 'Case profile: the timeline and the gaps')),
        h('li', {}, h('a', { href: printable, id: 'print-link' }, 'Printable case profile')),
        c.subject ? h('li', {}, h('a', { href: `#/subject/${encodeURIComponent(c.subject.id)}` }, 'The person’s page')) : null),
      h('h2', {}, 'Referrals'),
      table('Referrals', ['Agency', 'Source', 'Category', 'Reason', 'By', 'When'], c.referrals.map((r) => [r.referringAgency,
        r.source.toLowerCase().replace(/_/g, ' '), r.category, caseText(c, r.reason, 'reason'), r.referredBy, dateTime(r.referredAt)])),
      c.assessments.length ? table('Risk assessments, newest first', ['Level', 'Suggested', 'Overridden', 'Rationale', 'By', 'When'],
        c.assessments.map((a) => [riskTag(a.level), `${a.suggestedLevel} (score ${a.suggestedScore})`, a.overridden ? 'yes' : 'no',
          caseText(c, a.rationale, 'rationale'), a.assessedBy, dateTime(a.assessedAt)]), { id: 'assessments-table' }) : null,
      worker && open ? riskSection(s, c, reload) : null,
      actionsSection(s, c, reload),
      c.decisions.length ? table('Panel decisions', ['Meeting', 'Decision', 'By'],
        c.decisions.map((d) => [date(d.heldOn), caseText(c, d.decision, 'decision'), d.decidedBy])) : null,
      s.roles.includes('panel-chair') && open ? chairSection(s, c, reload) : null);
  }
  await reload();
}

function coverage(g) {
  if (g.coverage === 'HAS_RECORDS') return `${g.events} event${g.events === 1 ? '' : 's'}`;
  if (g.coverage === 'NO_RECORDS') return 'none held';
  const w = g.withheld;
  return h('p', { class: 'withheld' }, h('strong', {}, 'Not shown: '), w ? [`${reasonLabel(w.reason)}. `, w.explanation,
    w.agreement ? ` (agreement ${w.agreement}${w.clause ? `, clause ${w.clause}` : ''})` : ''] : '');
}

export async function profilePage(container, s, id) {
  const data = await gql(`query($id: ID!, $purpose: Purpose!) { caseProfile(caseId: $id, purpose: $purpose) {
    preparedBy preparedAt
    panelCase { id state riskLevel caseManager reviewDue flags
      subject { id givenName familyName dateOfBirth nhsNumber postcode agencies withheld { field reason explanation agreement clause }
        timeline(first: 100) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } } }
    gaps { agency coverage events withheld { field reason explanation agreement clause } } } }`, { id, purpose: s.purpose });
  const profile = data.caseProfile;
  if (!profile) {
    fill(container, h('h1', {}, 'No such case'), h('p', {}, 'There is no case of yours with this id.'));
    return;
  }
  const c = profile.panelCase;
  const subject = c.subject;
  const { events, more } = subject ? await fullTimeline(subject.id, s.purpose, subject.timeline) : { events: [], more: false };
  const name = subjectName(c);
  fill(container, 
    h('h1', {}, `Case profile: ${name}`),
    h('p', { class: 'marking' }, `OFFICIAL-SENSITIVE. Shared for ${purposeLabel(s.purpose)} under the partnership’s information sharing `,
      `agreements; prepared by ${profile.preparedBy} at ${dateTime(profile.preparedAt)} and recorded in the audit log.`),
    h('p', {}, h('a', { href: `#/case/${encodeURIComponent(c.id)}` }, 'Back to the case'), ' · ',
      h('a', { href: `print.html?case=${encodeURIComponent(c.id)}&purpose=${encodeURIComponent(s.purpose)}`, id: 'print-link' },
        'Printable case profile')),
    h('div', { class: 'columns' },
      h('div', {},
        h('h2', {}, 'The person'),
        subject ? subjectDetails(subject) : h('p', {}, 'You may not see this person under this purpose.'),
        h('h2', {}, 'The case'),
        h('dl', { class: 'summary' }, h('dt', {}, 'Risk'), h('dd', {}, riskTag(c.riskLevel)),
          h('dt', {}, 'State'), h('dd', {}, stateLabel(c.state)),
          h('dt', {}, 'Case manager'), h('dd', {}, c.caseManager || 'not named'),
          h('dt', {}, 'Review due'), h('dd', {}, c.reviewDue ? date(c.reviewDue) : 'not set'),
          h('dt', {}, 'Flags'), h('dd', {}, flags(c)))),
      h('div', {},
        h('h2', {}, 'Gaps: what each partner’s records show you'),
        table('Partners of the agreements for this purpose', ['Agency', 'Records'],
          profile.gaps.map((g) => [g.agency, coverage(g)]), { id: 'gaps-table', class: 'compact' }))),
    h('h2', {}, 'Timeline'),
    h('p', { class: 'hint' }, 'One lane per agency, months across, newest first. Scroll sideways for earlier months.'),
    lanes(events, `Events of ${name}, one lane per agency`),
    more ? h('p', { class: 'notice' }, 'Only the latest 400 events are shown.') : null);
}
