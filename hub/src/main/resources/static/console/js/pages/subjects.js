// Finding a person, and their cross-agency history.
import { h, fill, field, input, select, formValues, table, date, act, announce, showError } from '../dom.js';
import { gql } from '../api.js';
import { lanes, withheldNotes, EVENT_FIELDS } from '../timeline.js';
import { purposeLabel } from '../words.js';

const WITHHELD = 'withheld { field reason explanation agreement clause }';

function shown(value, field, subject) {
  if (value !== null && value !== undefined && value !== '') return value;
  return (subject.withheld || []).some((w) => w.field === field) ? h('span', { class: 'kind' }, 'withheld') : '–';
}

export async function searchPage(container, s) {
  const form = h('form', { class: 'panel', role: 'search', 'aria-label': 'Find a person' },
    h('div', { class: 'inline-fields' },
      field('Name', input('name', { type: 'search', autocomplete: 'off' }), 'Start of a given or family name, or "given family".'),
      field('Date of birth', input('dateOfBirth', { type: 'date' })),
      field('NHS number', input('nhsNumber', { inputmode: 'numeric', autocomplete: 'off' })),
      field('Postcode', input('postcode', { autocomplete: 'off' }))),
    h('button', { type: 'submit', class: 'primary' }, 'Search'));
  const results = h('div', { id: 'results' });
  let criteria = {};

  async function run(after, button) {
    await act(button, async () => {
      const data = await gql(`query($purpose: Purpose!, $name: String, $dob: Date, $nhs: String, $postcode: String, $after: String) {
        searchSubjects(purpose: $purpose, name: $name, dateOfBirth: $dob, nhsNumber: $nhs, postcode: $postcode, first: 20, after: $after) {
          edges { node { id givenName familyName dateOfBirth postcode agencies ${WITHHELD} } }
          pageInfo { hasNextPage endCursor } } }`, { purpose: s.purpose, ...criteria, after });
      const page = data.searchSubjects;
      const rows = page.edges.map(({ node }) => [
        h('a', { href: `#/subject/${encodeURIComponent(node.id)}` },
          [node.givenName, node.familyName].filter(Boolean).join(' ') || 'Name withheld'),
        shown(node.dateOfBirth && date(node.dateOfBirth), 'dateOfBirth', node),
        shown(node.postcode, 'postcode', node),
        node.agencies.join(', ')]);
      let body = results.querySelector('tbody');
      if (!after || !body) {
        fill(results, table(`People found for ${purposeLabel(s.purpose)}`, ['Name', 'Date of birth', 'Postcode', 'Known to'], rows,
          { id: 'search-results' }));
        body = results.querySelector('tbody');
      } else {
        rows.forEach((row) => body.append(h('tr', {}, row.map((cell) => h('td', {}, cell)))));
      }
      results.querySelector('#more')?.remove();
      if (!page.edges.length && !after) fill(results, h('p', { id: 'no-results' }, 'No one you may see matches.'));
      if (page.pageInfo.hasNextPage) {
        results.append(h('button', { type: 'button', class: 'secondary', id: 'more',
          onclick: (e) => run(page.pageInfo.endCursor, e.target) }, 'More people'));
      }
      announce(`${body ? body.rows.length : 0} people shown${page.pageInfo.hasNextPage ? ', more available' : ''}`);
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    criteria = { name: v.name, dob: v.dateOfBirth, nhs: v.nhsNumber, postcode: v.postcode };
    run(null, form.querySelector('button[type=submit]'));
  });
  fill(container, h('h1', {}, 'Find a person'),
    h('p', {}, 'Search the people the partners’ records describe. You see only what the agreements share for your purpose; ',
      'a search with no criteria lists everyone you may see.'),
    form, results);
}

/** A subject's timeline, every page of it up to a limit. */
export async function fullTimeline(subjectId, purpose, first, limit = 400) {
  const events = [...first.edges.map((e) => e.node)];
  let pageInfo = first.pageInfo;
  while (pageInfo.hasNextPage && events.length < limit) {
    const data = await gql(`query($id: ID!, $purpose: Purpose!, $after: String) { subject(id: $id, purpose: $purpose) {
      timeline(first: 100, after: $after) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`,
    { id: subjectId, purpose, after: pageInfo.endCursor });
    const t = data.subject.timeline;
    events.push(...t.edges.map((e) => e.node));
    pageInfo = t.pageInfo;
  }
  return { events, more: pageInfo.hasNextPage };
}

export function subjectDetails(subject) {
  return [h('dl', { class: 'summary' },
    h('dt', {}, 'Name'), h('dd', {}, shown([subject.givenName, subject.familyName].filter(Boolean).join(' '), 'givenName', subject)),
    h('dt', {}, 'Date of birth'), h('dd', {}, shown(subject.dateOfBirth && date(subject.dateOfBirth), 'dateOfBirth', subject)),
    h('dt', {}, 'NHS number'), h('dd', {}, shown(subject.nhsNumber, 'nhsNumber', subject)),
    h('dt', {}, 'Postcode'), h('dd', {}, shown(subject.postcode, 'postcode', subject)),
    h('dt', {}, 'Known to'), h('dd', {}, subject.agencies.join(', '))),
  withheldNotes(subject.withheld)];
}

function referralForm(s, subject, categories) {
  const form = h('form', { class: 'panel', id: 'refer-form', 'aria-labelledby': 'refer-heading' },
    h('h2', { id: 'refer-heading' }, 'Refer to the panel'),
    field('Referring agency', select('referringAgency', subject.agencies.concat(['lambeth-csp', 'victim-support'])
      .filter((a, i, all) => all.indexOf(a) === i).map((a) => [a, a])), 'The agency whose referral this is.'),
    field('Source', select('source', [['POLICE', 'Police'], ['OTHER_AGENCY', 'Another agency'], ['SELF', 'Self-referral']])),
    field('Category', select('category', categories.map((c) => [c.code, c.label]))),
    s.boroughs.length > 1 ? field('Borough panel', select('borough', s.boroughs.map((b) => [b, b]))) : null,
    field('Reason', h('textarea', { name: 'reason', id: 'refer-reason', class: 'prose', required: true }),
      'Why this person is referred, in a sentence or two.'),
    h('button', { type: 'submit', class: 'primary' }, 'Open a case'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    if (!v.reason) {
      showError('Give the reason for the referral.');
      form.querySelector('#refer-reason').focus();
      return;
    }
    act(form.querySelector('button[type=submit]'), async () => {
      const data = await gql(`mutation($input: ReferralInput!) { referCase(input: $input) { id state } }`, {
        input: { subjectId: subject.id, purpose: s.purpose, referringAgency: v.referringAgency, source: v.source,
          reason: v.reason, category: v.category, borough: v.borough || null },
      });
      announce('Case opened');
      window.location.hash = `#/case/${encodeURIComponent(data.referCase.id)}`;
    });
  });
  return form;
}

export async function subjectPage(container, s, id) {
  const data = await gql(`query($id: ID!, $purpose: Purpose!) { subject(id: $id, purpose: $purpose) {
    id givenName familyName dateOfBirth sex nhsNumber postcode agencies ${WITHHELD}
    timeline(first: 100) { edges { node { ${EVENT_FIELDS} } } pageInfo { hasNextPage endCursor } } }
    referralCategories { code label } }`,
  { id, purpose: s.purpose });
  const subject = data.subject;
  if (!subject) {
    fill(container, h('h1', {}, 'No such person'),
      h('p', {}, `There is no one with this id that you may see for ${purposeLabel(s.purpose)}.`));
    return;
  }
  const { events, more } = await fullTimeline(subject.id, s.purpose, subject.timeline);
  const name = [subject.givenName, subject.familyName].filter(Boolean).join(' ') || 'Name withheld';
  fill(container, 
    h('h1', {}, name),
    h('p', { class: 'hint' }, `Shown for ${purposeLabel(s.purpose)}. This read is recorded in the audit log.`),
    subjectDetails(subject),
    h('h2', {}, 'Timeline'),
    lanes(events, `Events of ${name}, one lane per agency`),
    more ? h('p', { class: 'notice' }, 'Only the latest 400 events are shown.') : null,
    s.roles.some((r) => r === 'panel-analyst' || r === 'panel-chair' || r === 'case-manager') ? referralForm(s, subject, data.referralCategories) : null);
}
