// The console: sign-in, a declared purpose, then the pages of the signed-in person's roles.
import { h, fill, showError, clearError, announce, act, radios } from './dom.js';
import { loadConfig, session, signInAsDemoUser, startKeycloakSignIn, completeKeycloakSignIn, signOut, choosePurpose,
  signInConfig } from './session.js';
import { gql } from './api.js';
import { PURPOSES, ROLES, purposeLabel, roleLabel, ROLE_SUMMARY, readsPersonalData } from './words.js';
import { searchPage, subjectPage } from './pages/subjects.js';
import { casesPage, casePage, profilePage } from './pages/cases.js';
import { agendaPage } from './pages/agenda.js';
import { myCasesPage, stopAlerts, alertCount } from './pages/mycases.js';
import { feedsPage, quarantinePage } from './pages/feeds.js';
import { statisticsPage } from './pages/statistics.js';
import { auditPage, accessReportPage, exemptionsPage, consentsPage, anomaliesPage, verifyPage } from './pages/audit.js';

const has = (s, ...roles) => roles.some((r) => s.roles.includes(r));

/** The sections each role may open: [hash, label, page, who]. */
const SECTIONS = [
  ['#/my-cases', 'My cases', myCasesPage, (s) => has(s, 'case-manager')],
  ['#/search', 'Find a person', searchPage, (s) => has(s, 'panel-analyst', 'panel-chair', 'case-manager')],
  ['#/cases', 'Cases', casesPage, (s) => has(s, 'panel-analyst', 'panel-chair')],
  ['#/agenda', 'Panel meetings', agendaPage, (s) => has(s, 'panel-analyst', 'panel-chair')],
  ['#/feeds', 'Feeds', feedsPage, (s) => has(s, 'agency-contributor', 'hub-admin')],
  ['#/audit', 'Audit log', auditPage, (s) => has(s, 'auditor')],
  ['#/access-report', 'Access report', accessReportPage, (s) => has(s, 'auditor')],
  ['#/exemptions', 'Exemptions', exemptionsPage, (s) => has(s, 'auditor')],
  ['#/consents', 'Consents', consentsPage, (s) => has(s, 'auditor')],
  ['#/anomalies', 'Anomalies', anomaliesPage, (s) => has(s, 'auditor')],
  ['#/verify', 'Verify the log', verifyPage, (s) => has(s, 'auditor')],
  ['#/statistics', 'Panel statistics', statisticsPage, (s) => has(s, 'commissioner')],
];

/** Pages reached from others: [pattern, page, who]. */
const DETAILS = [
  [/^#\/subject\/([^/]+)$/, subjectPage, (s) => readsPersonalData(s.roles)],
  [/^#\/case\/([^/]+)$/, casePage, (s) => readsPersonalData(s.roles)],
  [/^#\/profile\/([^/]+)$/, profilePage, (s) => readsPersonalData(s.roles)],
  [/^#\/agenda\/([^/]+)$/, agendaPage, (s) => has(s, 'panel-analyst', 'panel-chair')],
  [/^#\/feeds\/([^/]+)\/quarantine$/, quarantinePage, (s) => has(s, 'agency-contributor', 'hub-admin')],
  [/^#\/access-report\/([^/]+)$/, accessReportPage, (s) => has(s, 'auditor')],
];

const view = () => document.getElementById('page');
let renderCount = 0;

function header(s) {
  const who = document.getElementById('who');
  const nav = document.getElementById('nav');
  if (!s) {
    fill(who);
    fill(nav);
    nav.hidden = true;
    return;
  }
  fill(who,
    h('span', {}, 'Signed in as ', h('strong', { 'data-test': 'username' }, s.username), ` (${s.roles.map(roleLabel).join(', ')}`,
      s.agency ? `, ${s.agency}` : '', ')'),
    s.purpose ? h('span', {}, 'Purpose: ', h('span', { class: 'purpose', 'data-test': 'purpose' }, purposeLabel(s.purpose)), ' ',
      h('a', { href: '#/purpose', class: 'on-dark' }, 'change')) : null,
    h('button', { type: 'button', class: 'link on-dark', onclick: () => { stopAlerts(); signOut(); } }, 'Sign out'));
  const current = window.location.hash;
  nav.hidden = false;
  fill(nav, h('ul', {}, SECTIONS.filter(([, , , who]) => who(s)).map(([hash, label]) => h('li', {},
    h('a', { href: hash, 'aria-current': current.startsWith(hash) ? 'page' : null }, label,
      hash === '#/my-cases' && alertCount() ? h('span', { class: 'count' }, `${alertCount()} new`) : null)))));
}

async function render() {
  const count = ++renderCount;
  clearError();
  const s = session();
  header(s);
  const hash = window.location.hash || '#/';
  const container = view();
  if (!s) {
    signInPage(container);
    return finish(count, false);
  }
  if (hash === '#/purpose' || (readsPersonalData(s.roles) && !s.purpose)) {
    if (!readsPersonalData(s.roles)) {
      window.location.hash = '#/';
      return undefined;
    }
    try {
      await purposePage(container, s);
    } catch (error) {
      fill(container, h('h1', {}, 'Choose your purpose'));
      showError(error.message || String(error));
    }
    return finish(count, true);
  }
  const section = SECTIONS.find(([prefix, , , who]) => hash === prefix && who(s));
  const detail = DETAILS.map(([pattern, page, who]) => [hash.match(pattern), page, who]).find(([m, , who]) => m && who(s));
  let page;
  let params = [];
  if (section) {
    [, , page] = section;
  } else if (detail) {
    [params, page] = [detail[0].slice(1).map(decodeURIComponent), detail[1]];
  } else {
    const first = SECTIONS.find(([, , , who]) => who(s));
    if (first) {
      window.location.replace(first[0]);
      return undefined;
    }
    fill(container, h('h1', {}, 'Nothing to show'),
      h('p', {}, 'Your roles give you no pages in this console.'));
    return finish(count, true);
  }
  fill(container, h('p', {}, 'Loading…'));
  try {
    await page(container, s, ...params);
  } catch (error) {
    if (count === renderCount) {
      fill(container, h('h1', {}, 'This page could not be shown'));
      showError(error.message || String(error));
      if (error.kind === 'UNAUTHENTICATED') {
        container.append(h('p', {}, h('a', { href: '#/', onclick: () => signOut() }, 'Sign in again')));
      }
    }
  }
  return finish(count, true);
}

function finish(count, moveFocus) {
  if (count !== renderCount) return;
  const heading = view().querySelector('h1');
  if (heading) {
    document.title = `${heading.textContent} – Safeguarding hub console`;
    if (moveFocus) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }
}

function signInPage(container) {
  const config = signInConfig();
  if (config.signIn === 'oidc') {
    fill(container,
      h('h1', {}, 'Sign in'),
      h('p', { class: 'lede' }, 'Sign in with your partnership account. You will choose why you need personal data before any is shown.'),
      h('button', { type: 'button', class: 'primary', id: 'keycloak-sign-in',
        onclick: (e) => act(e.target, () => startKeycloakSignIn()) }, 'Sign in with your partnership account'));
    return;
  }
  fill(container,
    h('h1', {}, 'Sign in'),
    h('p', { class: 'lede' }, 'Local mode: choose one of the demo users of the development issuer. ',
      'Their names, roles and agencies are made up; so is every person the hub holds here.'),
    h('ul', { class: 'users' }, config.users.map((user) => ({ ...user, roles: user.roles.filter((r) => ROLES[r]) })).map((user) => h('li', {},
      h('strong', {}, user.username), h('br'),
      `${user.roles.map(roleLabel).join(', ')}${user.agency ? `, ${user.agency}` : ''}`,
      h('p', { class: 'hint' }, user.roles.map((r) => ROLE_SUMMARY[r]).filter(Boolean).join(' ')),
      h('button', { type: 'button', class: 'secondary', 'data-username': user.username,
        'aria-label': `Sign in as ${user.username}`,
        onclick: (e) => act(e.target, async () => {
          const s = await signInAsDemoUser(user.username);
          announce(`Signed in as ${s.username}`);
          window.location.hash = readsPersonalData(s.roles) ? '#/purpose' : '#/';
          render();
        }) }, 'Sign in')))));
}

/** The purposes the agreements in force let this user read personal data for, as the hub says (myPurposes). */
async function purposePage(container, s) {
  fill(container, h('h1', {}, 'Choose your purpose'), h('p', {}, 'Loading…'));
  const data = await gql('{ myPurposes }');
  const choices = data.myPurposes.filter((p) => p !== 'STATISTICS')
    .map((p) => PURPOSES.find((known) => known.value === p) || { value: p, label: p });
  if (!choices.length) {
    fill(container,
      h('h1', {}, 'Choose your purpose'),
      h('p', { class: 'lede', id: 'no-purpose' }, 'No information sharing agreement in force shares personal data with your agency ',
        `(${s.agency || 'none'}) and role for any purpose, so there is nothing this console can show you. `,
        'Your information governance lead can tell you which agreement you should be named in.'));
    return;
  }
  const form = h('form', { class: 'panel', id: 'purpose-form', novalidate: true },
    radios('purpose', 'Why do you need personal data today?', choices, s.purpose),
    h('p', { class: 'hint' }, 'Only the purposes for which an agreement in force shares something with your agency and role are listed.'),
    h('button', { type: 'submit', class: 'primary' }, 'Continue'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector('input[name=purpose]:checked');
    if (!chosen) {
      showError('Choose a purpose: the hub shows personal data only for a declared purpose.');
      form.querySelector('input[name=purpose]').focus();
      return;
    }
    choosePurpose(chosen.value);
    announce(`Purpose: ${purposeLabel(chosen.value)}`);
    window.location.hash = '#/';
    render();
  });
  fill(container,
    h('h1', {}, 'Choose your purpose'),
    h('p', { class: 'lede' }, 'Every request for personal data declares why it is made. The information sharing agreements in force ',
      'for that purpose, your role and your agency decide what you see; every read is recorded in the audit log.'),
    form);
}

async function start() {
  try {
    await loadConfig();
    if (signInConfig().signIn === 'oidc' && await completeKeycloakSignIn()) {
      const s = session();
      window.location.hash = s && readsPersonalData(s.roles) ? '#/purpose' : '#/';
    }
  } catch (error) {
    fill(view(), h('h1', {}, 'Sign-in failed'));
    showError(error.message || String(error));
    return;
  }
  window.addEventListener('hashchange', render);
  document.addEventListener('alerts-changed', () => header(session()));
  render();
}

start();
