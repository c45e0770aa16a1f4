// The printable case profile: the hub's document, fetched with this tab's token and shown here (a link
// cannot carry the token). Its own styles are replaced by print.css: these pages run no inline style.
import { loadConfig, session } from './session.js';
import { fill } from './dom.js';
import { fetchDocument } from './api.js';

const params = new URLSearchParams(window.location.search);
const caseId = params.get('case');
const purpose = params.get('purpose');
const main = document.getElementById('profile');
const error = document.getElementById('error');

document.getElementById('print').addEventListener('click', () => window.print());
if (caseId) document.getElementById('back').setAttribute('href', `./#/case/${encodeURIComponent(caseId)}`);

async function show() {
  await loadConfig();
  if (!session()) throw new Error('You are not signed in in this tab. Open the console, sign in, and follow the link again.');
  if (!caseId || !purpose) throw new Error('This page needs a case and a purpose; open it from the case’s page.');
  const html = await fetchDocument(`/cases/${encodeURIComponent(caseId)}/profile?purpose=${encodeURIComponent(purpose)}`);
  // its style block is dropped before parsing: print.css styles it, and this page allows no inline style
  const doc = new DOMParser().parseFromString(html.replace(/<style[\s\S]*?<\/style>/gi, ''), 'text/html');
  doc.querySelectorAll('script, style, link, meta, iframe, object, embed').forEach((el) => el.remove());
  fill(main, ...Array.from(doc.body.childNodes).map((node) => document.adoptNode(node)));
  document.title = `${doc.title || 'Case profile'} (printable)`;
}

show().catch((e) => {
  fill(main);
  const heading = document.createElement('h1');
  heading.textContent = 'The case profile could not be shown';
  main.append(heading);
  error.textContent = e.message || String(e);
});
