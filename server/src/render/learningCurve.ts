// The learning curve as an SVG chart (docs/learning-curve.svg, written by
// scripts/bench-learning.ts): precision, recall and F1 of the entities on
// unseen documents against the number of documents decided. Numbers only.

export interface CurvePoint {
  k: number;
  precision: number;
  recall: number;
  f1: number;
}

const WIDTH = 480;
const HEIGHT = 300;
const LEFT = 50;
const RIGHT = 110;
const TOP = 20;
const BOTTOM = 40;
const SERIES = [
  { key: 'precision', colour: '#1565c0' },
  { key: 'recall', colour: '#2e7d32' },
  { key: 'f1', colour: '#c62828' },
] as const;

/** The chart: y from the lowest value (rounded down to 10 %) to 100 %; x evenly spaced by k's rank. */
export function learningCurveSvg(points: readonly CurvePoint[]): string {
  if (!points.length) throw new Error('a learning curve needs at least one point');
  const lowest = Math.min(...points.flatMap((p) => [p.precision, p.recall, p.f1]));
  const floor = Math.max(0, Math.floor(lowest * 10) / 10);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => TOP + plotH - ((v - floor) / (1 - floor || 1)) * plotH;
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="11">`];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`);
  for (let v = floor; v <= 1.0001; v += 0.1) {
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#ddd"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${f(y(v) + 4)}" text-anchor="end">${Math.round(v * 100)}%</text>`);
  }
  points.forEach((p, i) => parts.push(`<text x="${f(x(i))}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${p.k}</text>`));
  parts.push(`<text x="${f(LEFT + plotW / 2)}" y="${HEIGHT - 6}" text-anchor="middle">documents decided (k)</text>`);
  SERIES.forEach((s, n) => {
    const coords = points.map((p, i) => `${f(x(i))},${f(y(p[s.key]))}`);
    parts.push(`<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${coords.join(' ')}"/>`);
    for (const c of coords) parts.push(`<circle cx="${c.split(',')[0]}" cy="${c.split(',')[1]}" r="3" fill="${s.colour}"/>`);
    parts.push(`<text x="${WIDTH - RIGHT + 10}" y="${TOP + 14 + n * 16}" fill="${s.colour}">${s.key === 'f1' ? 'F1' : s.key}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
