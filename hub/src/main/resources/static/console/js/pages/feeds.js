// A partner agency's feeds: runs and counts, data quality, quarantined records and their replay.
import { h, fill, field, table, dateTime, act, announce } from '../dom.js';
import { gql } from '../api.js';
import { duration } from '../words.js';

const RUN = 'id kind instance startedAt finishedAt status failure received stored duplicates quarantined bulk '
  + 'progress { read stored quarantined expected recordsPerSecond expectedEnd }';

function runRows(runs) {
  return runs.map((r) => [r.kind.toLowerCase(), dateTime(r.startedAt), r.finishedAt ? dateTime(r.finishedAt) : '–',
    r.failure ? `${r.status}: ${r.failure}` : r.status, String(r.received), String(r.stored), String(r.duplicates), String(r.quarantined)]);
}

// while a run is under way: how far it has got, at what rate, and when it should end
function progressLine(run) {
  if (!run || run.status !== 'running') return null;
  const p = run.progress;
  const of = p.expected ? ` of about ${p.expected}` : '';
  const end = p.expectedEnd ? `; expected to finish ${dateTime(p.expectedEnd)}` : '';
  const pending = run.bulk ? ' (a bulk load: published all at once when it completes)' : '';
  return h('p', { class: 'progress', role: 'status' }, `Running${pending}: read ${p.read}${of}, `
    + `${run.bulk ? 'to store' : 'stored'} ${p.stored}, quarantined ${p.quarantined}, ${Math.round(p.recordsPerSecond)} records a second${end}.`);
}

export async function feedsPage(container, s) {
  const data = await gql(`{ feeds { id agency name transport lagSeconds lastError lastRun { ${RUN} } runs(first: 5) { ${RUN} }
    quality { personRecords completeness { field present share } rejectionReasons { reason count } } } }`);
  const feeds = data.feeds;
  fill(container, 
    h('h1', {}, s.roles.includes('hub-admin') ? 'Every feed' : `Feeds of ${s.agency}`),
    h('p', {}, 'How each feed’s latest runs went, how old the newest data may be, and what your records carry. ',
      'For every run, received = stored + duplicates + quarantined.'),
    feeds.length ? feeds.map((f) => h('section', { class: 'record', 'aria-labelledby': `feed-${f.id}`, 'data-feed': f.id },
      h('h2', { id: `feed-${f.id}` }, f.name),
      h('dl', { class: 'summary' },
        h('dt', {}, 'Feed code'), h('dd', {}, f.id),
        h('dt', {}, 'Agency'), h('dd', {}, f.agency),
        h('dt', {}, 'How it arrives'), h('dd', {}, f.transport.replace(/_/g, ' ').toLowerCase()),
        h('dt', {}, 'Newest data may be'), h('dd', {}, f.lagSeconds === null ? 'no completed poll yet' : `${duration(f.lagSeconds)} old`),
        h('dt', {}, 'Last error'), h('dd', {}, f.lastError || 'none')),
      progressLine(f.lastRun),
      table(`Latest runs of ${f.name}`, ['Kind', 'Started', 'Finished', 'Status', 'Received', 'Stored', 'Duplicates', 'Quarantined'],
        runRows(f.runs), { class: 'runs' }),
      h('h3', {}, 'What your person records carry'),
      f.quality.personRecords ? table(`Completeness of ${f.quality.personRecords} person records`, ['Field', 'Records with it', 'Share'],
        f.quality.completeness.map((c) => [c.field, String(c.present), `${Math.round(c.share * 100)}%`])) : h('p', {}, 'No person records yet.'),
      h('h3', {}, 'Commonest reasons records were refused'),
      f.quality.rejectionReasons.length ? h('ul', {}, f.quality.rejectionReasons.map((r) => h('li', {}, `${r.reason} (${r.count})`)))
        : h('p', {}, 'None.'),
      h('p', {}, h('a', { href: `#/feeds/${encodeURIComponent(f.id)}/quarantine`, 'data-quarantine': f.id },
        `Quarantined records of ${f.name}`))))
      : h('p', {}, 'No feeds of yours run on this hub.'));
}

function outcomeWords(result) {
  switch (result.outcome) {
    case 'STORED': return 'Stored: the corrected record is kept and the quarantined one marked resolved.';
    case 'DUPLICATE': return 'Recognised as a duplicate of a record already kept; the quarantined one is marked resolved.';
    default: return `Quarantined again: ${result.reasons.join('; ')}`;
  }
}

export async function quarantinePage(container, s, feed) {
  const result = h('div', { id: 'replay-result', 'aria-live': 'polite' });
  const list = h('div', { id: 'quarantine-list' });
  let after = null;

  async function load(append) {
    const data = await gql(`query($feed: ID!, $after: String) { quarantinedRecords(feed: $feed, first: 20, after: $after) {
      edges { node { id feed agency sourceId raw rawWithheld reasons receivedAt } } pageInfo { hasNextPage endCursor } } }`,
    { feed, after: append ? after : null });
    const page = data.quarantinedRecords;
    after = page.pageInfo.endCursor;
    if (!append) fill(list);
    list.querySelector('#more')?.remove();
    page.edges.forEach(({ node }) => list.append(record(node)));
    if (!list.children.length) list.append(h('p', { id: 'none-quarantined' }, 'No quarantined records waiting.'));
    if (page.pageInfo.hasNextPage) {
      list.append(h('button', { type: 'button', class: 'secondary', id: 'more', onclick: (e) => act(e.target, () => load(true)) },
        'More records'));
    }
  }

  function record(r) {
    const text = r.raw !== null ? h('textarea', { id: `raw-${r.id}`, name: 'raw', rows: '8', spellcheck: 'false' }, r.raw) : null;
    const replay = h('button', { type: 'button', class: 'primary', 'data-replay': r.id }, 'Replay', h('span', { class: 'visually-hidden' }, ` record ${r.sourceId}`));
    replay.addEventListener('click', () => act(replay, async () => {
      const corrected = text && text.value !== r.raw ? text.value : null;
      const data = await gql(`mutation($id: ID!, $raw: String) { replayQuarantined(id: $id, correctedPayload: $raw) { outcome reasons } }`,
        { id: r.id, raw: corrected });
      const words = outcomeWords(data.replayQuarantined);
      fill(result, h('p', { class: data.replayQuarantined.outcome === 'QUARANTINED' ? 'notice' : 'success', 'data-outcome': data.replayQuarantined.outcome },
        `Record ${r.sourceId}: ${words}`));
      announce(`Record ${r.sourceId}: ${words}`);
      await load(false);
    }));
    return h('section', { class: 'record', 'aria-labelledby': `q-${r.id}`, 'data-record': r.sourceId },
      h('h2', { id: `q-${r.id}` }, `Record ${r.sourceId}`),
      h('p', { class: 'hint' }, `Received ${dateTime(r.receivedAt)}`),
      h('h3', {}, 'Why it was refused'),
      h('ul', { class: 'reasons' }, r.reasons.map((reason) => h('li', {}, reason))),
      text ? field('The record as your system sent it: correct it, then replay', text,
        'Replaying unchanged sends it as it was (after the hub’s connector was fixed).') : h('p', { class: 'withheld' }, r.rawWithheld),
      replay);
  }

  fill(container, h('h1', {}, `Quarantined records of ${feed}`),
    h('p', {}, 'Records your feed sent that the hub could not keep, newest first, with every reason. ',
      'A replayed record goes through the same mapping as the feed; reading and replaying are audited.'),
    h('p', {}, h('a', { href: '#/feeds' }, 'Back to your feeds')),
    result, list);
  await load(false);
}
