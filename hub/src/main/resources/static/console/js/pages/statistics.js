// The panel's statistics for commissioners (purpose STATISTICS): counts of people, never records, each
// table protected by the hub before it arrives (the method is stated with it). The chart and the CSV are
// drawn from the published counts only: a withheld count stays withheld here too.
import { h, fill, field, input, select, formValues, act, showError, announce } from '../dom.js';
import { gql } from '../api.js';

const WITHHELD = {
  SMALL_COUNT: 'withheld: a small count',
  PROTECTS_ANOTHER: 'withheld: protects another count',
};

const TABLE_FIELDS = `title columnLabels rows { label cells { value withheld } total { value withheld } }
  columnTotals { value withheld } total { value withheld }`;

const TABLES = ['referralsBySourceAndRiskLevel', 'referralsByCategory', 'referralsByBorough', 'referralsByAgeBand',
  'referralsByMonth', 'takeUp', 'casesByState'];

function countText(count) {
  if (!count) return '';
  return count.withheld ? WITHHELD[count.withheld] || 'withheld' : String(count.value);
}

function countCell(count, tag = 'td') {
  return h(tag, { class: count && count.withheld ? 'withheld-count' : 'count' }, countText(count));
}

/** One protected table: a two-way table with its row and column totals, or a one-way list of counts. */
function statisticsTable(key, t, method) {
  const twoWay = t.columnLabels.length > 0;
  const headers = twoWay ? ['', ...t.columnLabels, 'Total'] : ['', 'People'];
  const body = t.rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.label),
    row.cells.map((c) => countCell(c)), twoWay ? countCell(row.total) : null));
  const foot = h('tr', {}, h('th', { scope: 'row' }, 'Total'),
    twoWay ? t.columnTotals.map((c) => countCell(c)) : null, countCell(t.total));
  return h('table', { id: `table-${key}`, class: 'statistics' },
    h('caption', {}, t.title, h('span', { class: 'method' }, `Disclosure control: ${method}`)),
    h('thead', {}, h('tr', {}, headers.map((head) => h('th', { scope: 'col' }, head)))),
    h('tbody', {}, body), h('tfoot', {}, foot));
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  children.flat(Infinity).forEach((child) => el.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return el;
}

/** Referrals by month as bars, from the published counts; a withheld month has no bar and says so. */
function monthChart(t) {
  const months = t.rows.map((row) => ({ label: row.label, count: row.cells[0] }));
  const published = months.filter((m) => !m.count.withheld).map((m) => m.count.value);
  const top = Math.max(1, ...published);
  const width = 60 * Math.max(months.length, 1) + 50;
  const height = 240;
  const plot = 180;
  const summary = months.map((m) => `${m.label}: ${countText(m.count)}`).join('; ');
  return h('figure', { class: 'chart' },
    svg('svg', { id: 'referrals-by-month-chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
      'aria-label': `People referred, by month. ${summary}` },
    svg('line', { x1: 40, y1: plot + 10, x2: width - 5, y2: plot + 10, class: 'axis' }),
    svg('text', { x: 35, y: 20, 'text-anchor': 'end', class: 'tick' }, top),
    svg('text', { x: 35, y: plot + 10, 'text-anchor': 'end', class: 'tick' }, 0),
    months.map((m, i) => {
      const x = 50 + i * 60;
      const label = svg('text', { x: x + 20, y: plot + 30, 'text-anchor': 'middle', class: 'tick' }, m.label);
      if (m.count.withheld) {
        return [svg('text', { x: x + 20, y: plot, 'text-anchor': 'middle', class: 'withheld-mark', 'data-month': m.label },
          'withheld'), label];
      }
      const barHeight = Math.round((m.count.value / top) * (plot - 10));
      return [svg('rect', { x, y: plot + 10 - barHeight, width: 40, height: barHeight, class: 'bar', 'data-month': m.label,
        'data-value': m.count.value }), svg('text', { x: x + 20, y: plot + 5 - barHeight, 'text-anchor': 'middle', class: 'bar-value' },
        m.count.value), label];
    })),
    h('figcaption', {}, 'People referred, by month: drawn from the published counts only; a withheld month has no bar. ',
      'The same figures are in the table "People referred, by month" below.'));
}

function csvField(value) {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every table as CSV rows: table, row, column, count (empty when withheld), withheld, method. */
function csv(figures) {
  const lines = [['table', 'row', 'column', 'count', 'withheld', 'method']];
  for (const key of TABLES) {
    const t = figures[key];
    const columns = t.columnLabels.length ? t.columnLabels : [''];
    const add = (row, column, c) => lines.push([t.title, row, column, c.withheld ? '' : c.value, c.withheld || '', figures.method]);
    t.rows.forEach((row) => {
      row.cells.forEach((c, i) => add(row.label, columns[i], c));
      if (row.total) add(row.label, 'Total', row.total);
    });
    t.columnTotals.forEach((c, i) => add('Total', columns[i], c));
    add('Total', 'Total', t.total);
  }
  return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

async function show(results, s, v) {
  const data = await gql(`query($from: Date!, $to: Date!, $borough: String) {
    panelStatistics(purpose: STATISTICS, from: $from, to: $to, borough: $borough) {
      from to boroughs method agreements
      ${TABLES.map((key) => `${key} { ${TABLE_FIELDS} }`).join('\n')}
      outcomes { casesOpened { value withheld } casesClosed { value withheld } highRiskShare medianDaysToResolution notes } } }`,
  { from: v.from, to: v.to, borough: v.borough });
  const f = data.panelStatistics;
  // a data: address, so the file is the page's own (the console's policy lets it fetch nothing else)
  const download = h('a', { id: 'statistics-csv', class: 'button secondary', href: `data:text/csv;charset=utf-8,${encodeURIComponent(csv(f))}`,
    download: `panel-statistics-${f.from}-to-${f.to}.csv` }, 'Download these tables as CSV');
  const o = f.outcomes;
  fill(results,
    h('h2', { id: 'statistics-heading' }, `People referred from ${f.from} to ${f.to}`),
    h('dl', { class: 'summary' },
      h('dt', {}, 'Boroughs'), h('dd', {}, f.boroughs.join(', ')),
      h('dt', {}, 'Disclosure control'), h('dd', { id: 'statistics-method' }, f.method),
      h('dt', {}, 'Released under'), h('dd', {}, f.agreements.join(', ')),
      h('dt', {}, 'Cases opened'), h('dd', {}, countText(o.casesOpened)),
      h('dt', {}, 'Cases closed'), h('dd', {}, countText(o.casesClosed)),
      h('dt', {}, 'Share assessed high risk'), h('dd', {}, o.highRiskShare === null ? 'not published' : `${Math.round(o.highRiskShare * 100)}%`),
      h('dt', {}, 'Median days to resolution'), h('dd', {}, o.medianDaysToResolution === null ? 'not published' : o.medianDaysToResolution)),
    o.notes.length ? h('ul', { class: 'notes' }, o.notes.map((note) => h('li', {}, note))) : null,
    h('p', {}, download),
    h('h3', {}, 'Referrals by month'),
    monthChart(f.referralsByMonth),
    TABLES.map((key) => statisticsTable(key, f[key], f.method)));
  announce('Statistics shown');
}

export async function statisticsPage(container, s) {
  const today = new Date();
  const yearAgo = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), 1));
  const form = h('form', { class: 'panel', id: 'statistics-form' },
    h('div', { class: 'inline-fields' },
      field('From', input('from', { type: 'date', value: isoDate(yearAgo), required: true })),
      field('To', input('to', { type: 'date', value: isoDate(today), required: true })),
      field('Borough', select('borough', [['', 'All my boroughs'], ...s.boroughs.map((b) => [b, b])]))),
    h('button', { type: 'submit', class: 'primary' }, 'Show the figures'));
  const results = h('div', { id: 'statistics' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = formValues(form);
    if (!v.from || !v.to) {
      showError('Give the first and last day of the period.');
      return;
    }
    act(form.querySelector('button'), () => show(results, s, v));
  });
  fill(container, h('h1', {}, 'Panel statistics'),
    h('p', { class: 'lede' }, 'How many people the panel took on, and what became of their cases: counts only, never a person. ',
      'Small counts are withheld (or rounded) by the hub before they reach you, so that no one can be picked out; ',
      'each table says how.'),
    form, results);
  await show(results, s, formValues(form));
}
