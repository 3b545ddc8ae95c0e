// Corpus statistics drawn as charts (inline SVG bars, no script, no external
// resources): annotations per label and per document, commitments by
// strength, the most frequent actors and the principles invoked. Rendered as
// an HTML fragment for the statistics view.
import type { CorpusStatistics } from '../corpus/corpusIndex';
import { escapeHtml, own } from './readingView';

/** The statistics drawn: those of the corpus index. */
export type StatisticsInput = CorpusStatistics;

export interface StatisticsStrings {
  title: string;
  byLabel: string;
  byDocument: string;
  byStrength: string;
  actors: string;
  principles: string;
  byStatus: string;
  empty: string;
  labelNames: Record<string, string>;
  strengthNames: Record<string, string>;
  statusNames: Record<string, string>;
  /** e.g. "{0} documents" already filled in. */
  documents: string;
}

export interface Bar {
  name: string;
  value: number;
  colour?: string;
}

const BAR_HEIGHT = 22;
const MAX_NAME = 28;
const GAP = 6;
const LABEL_WIDTH = 190;
const CHART_WIDTH = 520;

/** Long names are cut to fit the label column; the bar's tooltip has the whole name. */
function shorten(name: string): string {
  const chars = [...name];
  return chars.length > MAX_NAME ? chars.slice(0, MAX_NAME - 1).join('') + '…' : name;
}

/** One horizontal bar chart; the names are set right-to-left, as Arabic names read. */
export function barChart(title: string, bars: readonly Bar[], emptyText: string): string {
  const id = `chart-${title.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}-${bars.length}`;
  if (!bars.length) return `<section><h2>${escapeHtml(title)}</h2><p class="empty">${escapeHtml(emptyText)}</p></section>`;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const height = bars.length * (BAR_HEIGHT + GAP);
  const rows = bars
    .map((b, k) => {
      const y = k * (BAR_HEIGHT + GAP);
      const width = Math.max(2, Math.round(((CHART_WIDTH - LABEL_WIDTH - 60) * b.value) / max));
      // A presentation attribute, not a style: webviews' content security policy blocks inline styles.
      const fill = b.colour ? ` fill="${escapeHtml(b.colour)}"` : '';
      return (
        `<g class="bar" transform="translate(0,${y})"><title>${escapeHtml(b.name)}: ${b.value}</title>` +
        `<text class="name" x="${CHART_WIDTH}" y="${BAR_HEIGHT / 2}" dominant-baseline="middle" text-anchor="start" direction="rtl">${escapeHtml(shorten(b.name))}</text>` +
        `<rect x="${CHART_WIDTH - LABEL_WIDTH - width}" y="0" width="${width}" height="${BAR_HEIGHT}" rx="3"${fill}></rect>` +
        `<text class="value" x="${CHART_WIDTH - LABEL_WIDTH - width - 6}" y="${BAR_HEIGHT / 2}" dominant-baseline="middle" text-anchor="end">${b.value}</text></g>`
      );
    })
    .join('');
  return `<section><h2 id="${id}">${escapeHtml(title)}</h2><svg role="img" aria-labelledby="${id}" viewBox="0 0 ${CHART_WIDTH + 4} ${height}" width="100%">${rows}</svg></section>`;
}

const byValue = (a: Bar, b: Bar) => b.value - a.value || a.name.localeCompare(b.name, 'ar');

export function renderStatistics(stats: StatisticsInput, s: StatisticsStrings, colours: Record<string, string> = {}, maxDocuments = 15): string {
  const labels = Object.entries(stats.annotationsByLabel).map(([label, value]) => ({ name: own(s.labelNames, label) ?? label, value, colour: own(colours, label) }));
  const documents = stats.annotationsByDocument
    .map((d) => ({ name: decodeURIComponent(d.uri.split('/').pop() ?? d.uri), value: d.entities + d.commitments }))
    .sort(byValue)
    .slice(0, maxDocuments);
  const strengths = Object.entries(stats.commitmentsByStrength).map(([k, value]) => ({ name: own(s.strengthNames, k) ?? k, value }));
  const statuses = Object.entries(stats.byStatus).map(([k, value]) => ({ name: own(s.statusNames, k) ?? k, value }));
  const actors = stats.topActors.map((a) => ({ name: a.name || '—', value: a.commitments }));
  const principles = stats.principles.map((p) => ({ name: p.name, value: p.commitments }));
  return [
    `<h1>${escapeHtml(s.title)}</h1><p class="summary">${escapeHtml(s.documents)}</p>`,
    barChart(s.byLabel, labels.sort(byValue), s.empty),
    barChart(s.byStrength, strengths.sort(byValue), s.empty),
    barChart(s.actors, actors, s.empty),
    barChart(s.principles, principles, s.empty),
    barChart(s.byStatus, statuses.sort(byValue), s.empty),
    barChart(s.byDocument, documents, s.empty),
  ].join('\n');
}

export const statisticsStyle = `
body{font-family:var(--vscode-font-family,sans-serif);color:var(--vscode-foreground,CanvasText);background:transparent;padding:0 .5rem}
h1{font-size:1.1em}
h2{font-size:.95em;margin:1.2em 0 .4em}
.summary,.empty{opacity:.75}
svg text{fill:currentColor;font-size:13px}
svg rect:not([fill]){fill:var(--vscode-charts-blue,#1565c0)}
`;
