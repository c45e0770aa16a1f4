// The auditor's pages: the audit log, who saw a person's data, exemptions to review, anomalies, the chain.
import { h, fill, field, input, select, formValues, table, dateTime, act, announce, showError } from '../dom.js';
import { gql } from '../api.js';

function isoOrNull(local) {
  return local ? new Date(local).toISOString() : null;
}

export async function auditPage(container) {
  const form = h('form', { class: 'panel', id: 'audit-filter', role: 'search', 'aria-label': 'Search the audit log' },
    h('div', { class: 'inline-fields' },
      field('User', input('actor', { autocomplete: 'off' })),
      field('Agency', input('agency', { autocomplete: 'off' })),
      field('Subject id', input('subjectId', { autocomplete: 'off' })),
      field('Purpose', input('purpose', { autocomplete: 'off' })),
      field('Operation', input('operation', { autocomplete: 'off' }), 'e.g. subject, timeline, caseProfile'),
      field('From', input('from', { type: 'datetime-local' })),
      field('To', input('to', { type: 'datetime-local' }))),
    h('button', { type: 'submit', class: 'primary' }, 'Search the log'));
  const results = h('div', { id: 'audit-results' });
  let filter = {};
  let after = null;

  async function load(append, button) {
    await act(button, async () => {
      const data = await gql(`query($filter: AuditFilter!, $after: String) { auditEntries(filter: $filter, first: 50, after: $after) {
        edges { node { sequence recordedAt actor actorAgency actorRoles purpose operation subjects detail hash } }
        pageInfo { hasNextPage endCursor } } }`, { filter, after: append ? after : null });
      const page = data.auditEntries;
      after = page.pageInfo.endCursor;
      const rows = page.edges.map(({ node: e }) => h('tr', {},
        h('td', { class: 'num' }, String(e.sequence)), h('td', {}, dateTime(e.recordedAt)),
        h('td', {}, e.actor, e.actorAgency ? ` (${e.actorAgency})` : ''), h('td', {}, e.purpose || '–'), h('td', {}, e.operation),
        h('td', {}, e.subjects.length ? e.subjects.map((id, i) => [i ? ', ' : '', subjectLink(id)]) : '–'),
        h('td', {}, h('details', {}, h('summary', {}, 'Detail'), h('pre', { class: 'detail' }, e.detail)))));
      if (!append) {
        fill(results, h('table', { id: 'audit-table' }, h('caption', {}, 'Audit entries, oldest first'),
          h('thead', {}, h('tr', {}, ['Sequence', 'Recorded', 'Who', 'Purpose', 'Operation', 'Subjects', 'What'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {})));
      }
      results.querySelector('#more')?.remove();
      results.querySelector('tbody').append(...rows);
      if (!results.querySelector('tbody').rows.length) fill(results, h('p', {}, 'No entries match.'));
      if (page.pageInfo.hasNextPage) {
        results.append(h('button', { type: 'button', class: 'secondary', id: 'more', onclick: (e) => load(true, e.target) }, 'More entries'));
      }
      announce(`${results.querySelectorAll('tbody tr').length} entries shown`);
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    filter = { actor: v.actor, agency: v.agency, subjectId: v.subjectId, purpose: v.purpose, operation: v.operation,
      from: isoOrNull(v.from), to: isoOrNull(v.to) };
    load(false, form.querySelector('button'));
  });
  fill(container, h('h1', {}, 'Audit log'),
    h('p', {}, 'Every disclosure, refusal, consent, exemption and change, as it was recorded. Entries hold identifiers and decisions, never case data.'),
    form, results);
}

function subjectLink(id) {
  return h('a', { href: `#/access-report/${encodeURIComponent(id)}`, title: 'Who saw this person’s data' }, id);
}

export async function accessReportPage(container, s, subjectId) {
  const form = h('form', { class: 'panel', id: 'access-form' },
    field('Subject id', input('subjectId', { autocomplete: 'off', required: true, value: subjectId || '' }),
      'The hub’s id of the person, as the log or a request names it.'),
    h('button', { type: 'submit', class: 'primary' }, 'Who saw this person’s data'));
  const results = h('div', { id: 'access-results' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    if (!v.subjectId) {
      showError('Give the subject id.');
      return;
    }
    act(form.querySelector('button'), async () => {
      const data = await gql(`query($s: ID!) { accessReport(subjectId: $s) { sequence recordedAt actor actorAgency actorRoles purpose
        operation refused agreements fieldsReleased eventsReleased fieldsWithheld { event field reason } } }`, { s: v.subjectId });
      const report = data.accessReport;
      fill(results, report.length ? table(`Who saw this person’s data (${report.length} reads)`,
        ['When', 'Who', 'Purpose', 'Operation', 'Refused', 'Agreements', 'Fields released', 'Events released', 'Withheld'],
        report.map((r) => [dateTime(r.recordedAt), `${r.actor}${r.actorAgency ? ` (${r.actorAgency})` : ''}`, r.purpose || '–', r.operation,
          r.refused ? 'yes' : 'no', r.agreements.join(', ') || '–', r.fieldsReleased.join(', ') || '–', String(r.eventsReleased.length),
          r.fieldsWithheld.length ? `${r.fieldsWithheld.length}: ${[...new Set(r.fieldsWithheld.map((w) => `${w.field} (${w.reason})`))].join(', ')}` : 'none']),
        { id: 'access-table' }) : h('p', {}, 'No one has read this person’s data.'));
      announce(`${report.length} reads found`);
    });
  });
  fill(container, h('h1', {}, 'Access report'),
    h('p', {}, 'Who saw a person’s data, when, why, and which fields were released or withheld: the answer to a subject access request.'),
    form, results);
  if (subjectId) form.requestSubmit();
}

export async function exemptionsPage(container) {
  const status = select('status', [['AWAITING_REVIEW', 'Awaiting review'], ['UPHELD', 'Upheld'], ['NOT_UPHELD', 'Not upheld'], ['', 'All']]);
  const list = h('div', { id: 'exemption-list' });
  async function load() {
    const data = await gql(`query($status: ExemptionReviewStatus) { exemptions(status: $status) { id subjectId purpose basis justification
      claimedBy claimedByAgency claimedAt expiresAt reviewStatus reviewedBy reviewNote } }`, { status: status.value || null });
    fill(list, ...(data.exemptions.length ? data.exemptions.map((x) => exemption(x)) : [h('p', {}, 'None.')]));
  }
  function exemption(x) {
    const note = h('textarea', { name: 'note', class: 'prose', id: `note-${x.id}` });
    const review = (upheld) => (event) => act(event.target, async () => {
      if (!note.value.trim()) throw new Error('Write a note on the review first: what you checked.');
      await gql(`mutation($id: ID!, $u: Boolean!, $n: String!) { reviewExemption(id: $id, upheld: $u, note: $n) { id reviewStatus } }`,
        { id: x.id, u: upheld, n: note.value.trim() });
      announce(upheld ? 'Exemption upheld' : 'Exemption not upheld; it is closed');
      await load();
    });
    return h('section', { class: 'record', 'aria-labelledby': `x-${x.id}`, 'data-exemption': x.id },
      h('h2', { id: `x-${x.id}` }, `${x.basis.replace(/_/g, ' ').toLowerCase()} claimed by ${x.claimedBy}`),
      h('dl', { class: 'summary' },
        h('dt', {}, 'Subject id'), h('dd', {}, subjectLink(x.subjectId)),
        h('dt', {}, 'Purpose'), h('dd', {}, x.purpose),
        h('dt', {}, 'Agency'), h('dd', {}, x.claimedByAgency || '–'),
        h('dt', {}, 'Claimed'), h('dd', {}, dateTime(x.claimedAt)),
        h('dt', {}, 'Expires'), h('dd', {}, dateTime(x.expiresAt)),
        h('dt', {}, 'Justification'), h('dd', {}, x.justification),
        h('dt', {}, 'Review'), h('dd', {}, x.reviewStatus.replace(/_/g, ' ').toLowerCase(),
          x.reviewedBy ? ` by ${x.reviewedBy}: ${x.reviewNote}` : '')),
      x.reviewStatus === 'AWAITING_REVIEW' ? [field('Review note', note),
        h('button', { type: 'button', class: 'primary', onclick: review(true) }, 'Uphold'),
        h('button', { type: 'button', class: 'warning', onclick: review(false) }, 'Not upheld')] : null);
  }
  status.addEventListener('change', () => act(null, load));
  fill(container, h('h1', {}, 'Exemptions'),
    h('p', {}, 'Break-glass claims: each opened data without consent for one practitioner, person and purpose, for a time. ',
      'One found not upheld closes at once.'),
    field('Show', status), list);
  await load();
}

const EVIDENCE = { SIGNED_FORM: 'signed form', RECORDED_VERBAL: 'recorded verbal consent', ELECTRONIC: 'electronic consent' };

export async function consentsPage(container) {
  const status = select('status', [['AWAITING_REVIEW', 'Grants awaiting review'], ['UPHELD', 'Upheld'], ['NOT_UPHELD', 'Not upheld'], ['', 'All']]);
  const list = h('div', { id: 'consent-list' });
  async function load() {
    const data = await gql(`query($status: ExemptionReviewStatus) { consents(status: $status) { id subjectId agency purpose state
      evidence { kind reference date } recordedBy recordedById recordedByAgency recordedByRole agreement recordedAt reviewStatus reviewedBy reviewNote } }`,
    { status: status.value || null });
    fill(list, ...(data.consents.length ? data.consents.map((c) => consent(c)) : [h('p', {}, 'None.')]));
  }
  function consent(c) {
    const note = h('textarea', { name: 'note', class: 'prose', id: `consent-note-${c.id}` });
    const review = (upheld) => (event) => act(event.target, async () => {
      if (!note.value.trim()) throw new Error('Write a note on the review first: what you checked.');
      await gql(`mutation($id: ID!, $u: Boolean!, $n: String!) { reviewConsent(id: $id, upheld: $u, note: $n) { id reviewStatus } }`,
        { id: c.id, u: upheld, n: note.value.trim() });
      announce(upheld ? 'Consent upheld' : 'Consent not upheld; it no longer releases anything');
      await load();
    });
    const evidence = c.evidence
      ? `${EVIDENCE[c.evidence.kind] || c.evidence.kind} ${c.evidence.reference}, given ${c.evidence.date}`
      : 'none named (recorded before evidence was required; releases nothing)';
    return h('section', { class: 'record', 'aria-labelledby': `c-${c.id}`, 'data-consent': c.id },
      h('h2', { id: `c-${c.id}` }, `${c.state.toLowerCase()} for ${c.agency}, recorded by ${c.recordedBy}`),
      h('dl', { class: 'summary' },
        h('dt', {}, 'Subject id'), h('dd', {}, subjectLink(c.subjectId)),
        h('dt', {}, 'Purpose'), h('dd', {}, c.purpose),
        h('dt', {}, 'Recorded by'), h('dd', { class: 'recorded-by' },
          `${c.recordedBy}${c.recordedByAgency ? ` (${c.recordedByAgency}` : ''}${c.recordedByRole ? `, ${c.recordedByRole}` : ''}${c.recordedByAgency ? ')' : ''}`),
        h('dt', {}, 'Their id at sign-in'), h('dd', {}, c.recordedById || '–'),
        h('dt', {}, 'Named in'), h('dd', {}, c.agreement || '–'),
        h('dt', {}, 'Recorded'), h('dd', {}, dateTime(c.recordedAt)),
        h('dt', {}, 'Evidence'), h('dd', {}, evidence),
        h('dt', {}, 'Review'), h('dd', {}, c.reviewStatus ? c.reviewStatus.replace(/_/g, ' ').toLowerCase() : 'not needed (narrows sharing)',
          c.reviewedBy ? ` by ${c.reviewedBy}: ${c.reviewNote}` : '')),
      c.reviewStatus === 'AWAITING_REVIEW' ? [field('Review note', note),
        h('button', { type: 'button', class: 'primary', onclick: review(true) }, 'Uphold'),
        h('button', { type: 'button', class: 'warning', onclick: review(false) }, 'Not upheld')] : null);
  }
  status.addEventListener('change', () => act(null, load));
  fill(container, h('h1', {}, 'Consents'),
    h('p', {}, 'Consents recorded, with who recorded each, in which role and under which agreement, and the document it rests on. ',
      'A grant found not upheld stops releasing at once.'),
    field('Show', status), list);
  await load();
}

export async function anomaliesPage(container) {
  const data = await gql(`{ accessAnomalies { actor actorAgency kind count threshold firstAt lastAt } }`);
  const rows = data.accessAnomalies;
  fill(container, h('h1', {}, 'Anomalies'),
    h('p', {}, 'Users whose reading in the last 24 hours passed a threshold: many people read, reads out of hours, repeated refusals, many withheld fields.'),
    rows.length ? table('Anomalies in the last 24 hours', ['User', 'What', 'Count', 'Threshold', 'First', 'Last'],
      rows.map((a) => [`${a.actor}${a.actorAgency ? ` (${a.actorAgency})` : ''}`, a.kind.replace(/_/g, ' ').toLowerCase(), String(a.count),
        String(a.threshold), dateTime(a.firstAt), dateTime(a.lastAt)]), { id: 'anomalies-table' })
      : h('p', { id: 'no-anomalies' }, 'No anomalies in the last 24 hours.'));
}

export async function verifyPage(container) {
  const result = h('div', { id: 'verify-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary', id: 'verify' }, 'Verify the audit log');
  button.addEventListener('click', () => act(button, async () => {
    const data = await gql('{ verifyAuditLog { valid entriesChecked checkpointsChecked firstBadSequence problem } }');
    const v = data.verifyAuditLog;
    const words = v.valid
      ? `The audit log is intact: ${v.entriesChecked} entries and ${v.checkpointsChecked} signed checkpoints checked.`
      : `The audit log is broken at entry ${v.firstBadSequence}: ${v.problem} (${v.entriesChecked} entries checked).`;
    fill(result, h('p', { class: v.valid ? 'success' : 'error-summary', 'data-valid': String(v.valid) }, words));
    announce(words);
  }));
  fill(container, h('h1', {}, 'Verify the audit log'),
    h('p', {}, 'Re-computes every entry’s hash and checks the chain and the signed checkpoints. For an independent check, ',
      'export the log and run the offline verifier (see the hub’s documentation).'),
    button, result);
}
