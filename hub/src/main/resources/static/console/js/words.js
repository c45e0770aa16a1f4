// The hub's codes in plain words.

export const PURPOSES = [
  { value: 'VVASB_PANEL', label: 'Vulnerable victims of ASB panel', hint: 'Referrals, risk assessment and case profiles for the panel.' },
  { value: 'MARAC', label: 'MARAC', hint: 'Multi-agency risk assessment conference (high-risk domestic abuse).' },
  { value: 'YOUTH_JUSTICE', label: 'Youth justice case work', hint: 'Youth offending and safeguarding case work for allocated cases.' },
  { value: 'MASH_TRIAGE', label: 'MASH triage', hint: 'Multi-agency safeguarding hub triage.' },
];

export function purposeLabel(value) {
  const purpose = PURPOSES.find((p) => p.value === value);
  return purpose ? purpose.label : value;
}

const REASONS = {
  NO_AGREEMENT: 'No agreement shares it with you',
  ROLE: 'Not shared with your role',
  LAWFUL_BASIS: 'No lawful basis for this kind of data',
  RELATIONSHIP: 'Only for the case manager assigned to this person',
  CONSENT_NOT_ASKED: 'Consent not asked',
  CONSENT_REFUSED: 'Consent refused',
  CONSENT_WITHDRAWN: 'Consent withdrawn',
  AGREEMENT_NOT_YET_EFFECTIVE: 'The agreement is not yet in force',
  AGREEMENT_REVIEW_OVERDUE: "The agreement's review is overdue",
  AGREEMENT_EXPIRED: 'The agreement has expired',
};

export function reasonLabel(reason) {
  return REASONS[reason] || reason;
}

const FIELDS = {
  givenName: 'Given name', familyName: 'Family name', dateOfBirth: 'Date of birth', sex: 'Sex', nhsNumber: 'NHS number',
  postcode: 'Postcode', summary: 'Summary', category: 'Category', location: 'Location', borough: 'Borough', roles: 'Role',
};

export function fieldLabel(field) {
  const name = String(field).replace(/^(subject|event)\./, '');
  return FIELDS[name] || name;
}

export const ROLES = {
  'panel-analyst': 'Panel analyst',
  'panel-chair': 'Panel chair',
  'case-manager': 'Case manager',
  'agency-contributor': 'Partner agency',
  auditor: 'Auditor',
  'hub-admin': 'Hub administrator',
  commissioner: 'Commissioner',
};

export function roleLabel(role) {
  return ROLES[role] || role;
}

export const ROLE_SUMMARY = {
  'panel-analyst': 'Finds people, prepares case profiles, refers cases and scores risk.',
  'panel-chair': 'What an analyst does, plus meetings, case managers and closing cases.',
  'case-manager': 'Their own cases, their actions and alerts of new events.',
  'agency-contributor': "Their own agency's feeds, counts and quarantined records.",
  auditor: 'The audit log, access reports, exemptions, consents and anomalies; no case data.',
  'hub-admin': 'Every feed and its status; no case data.',
  commissioner: "The panel's statistics: protected counts, a chart and a CSV; never a person.",
};

export function readsPersonalData(roles) {
  return roles.some((r) => r === 'panel-analyst' || r === 'panel-chair' || r === 'case-manager');
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return 'no completed poll yet';
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / 86400)} days`;
}
