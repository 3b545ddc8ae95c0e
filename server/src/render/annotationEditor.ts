// The right-to-left annotation editor's model (issue 15): the document as
// chunks of HTML paragraphs that the webview fills in as they scroll into view,
// the marks it can move between and decide on, the review orders, the keys,
// and the offset arithmetic between a selection in the page and the text.
// Offsets here are UTF-16 indices of the document's text, as the DOM and the
// editor count; the server turns them into the .ann's code points. What is
// pure about a selection (never splitting a surrogate pair, trimming spaces,
// a word more or less) is decided here, so that core tests cover it.
import { cssColour, escapeHtml, fontFace, own, READING_FONT_FAMILY, ReadingCommitment, ReadingEntity } from './readingView';

/** The reading view's data (features/readingView.ts), with each suggestion's confidence and each commitment's actor and principle ids. */
export type EditorEntity = ReadingEntity;
export type EditorCommitment = ReadingCommitment;

export interface EditorStrings {
  labels: Record<string, string>;
  strengths: Record<string, string>;
  actors: string;
  principles: string;
  none: string;
  /** Status names by status (suggested, accepted, manual, corrected, stored…). */
  statuses: Record<string, string>;
  /** "confidence {0}%" */
  confidence: string;
}

export interface EditorInput {
  text: string;
  entities: readonly EditorEntity[];
  commitments: readonly EditorCommitment[];
  strings: EditorStrings;
}

/** One annotation the view can focus and decide on. */
export interface EditorMark {
  id: string;
  kind: 'entity' | 'commitment';
  label: string;
  status: string;
  start: number;
  end: number;
  /** Code-point offsets, as the .ann writes them. */
  cpStart: number;
  cpEnd: number;
  confidence?: number;
  strength?: string;
  actorIds?: string[];
  principleIds?: string[];
}

/** Consecutive paragraphs, rendered as one piece of HTML when they come into view. */
export interface EditorChunk {
  start: number;
  end: number;
}

export interface EditorLayout {
  chunks: EditorChunk[];
  marks: EditorMark[];
  /** Ids of the undecided suggestions, in document order and least confident first. */
  order: { document: string[]; confidence: string[] };
  /** The HTML of one chunk, made when asked for (a large document's chunks are sent as they are needed). */
  html(index: number): string;
}

/** About this many UTF-16 units of text per chunk: small enough to parse and lay out at once, large enough to be few. */
export const CHUNK_SIZE = 12_000;

interface Piece {
  mark: EditorMark;
  text: string;
  title: string;
  commitment?: EditorCommitment;
}

/** A CSS-safe class suffix for a label name. */
function labelClass(label: string): string {
  return label.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Paragraphs of the text: [start, end) of each line, without its line break. */
export function paragraphsOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10 || c === 13) {
      out.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return out;
}

/** Code-point offsets of sorted UTF-16 offsets, in one pass over the text. */
export function codePointOffsets(text: string, offsets: readonly number[]): Map<number, number> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let units = 0;
  let points = 0;
  for (const target of sorted) {
    while (units < target && units < text.length) {
      const c = text.charCodeAt(units);
      const pair = c >= 0xd800 && c <= 0xdbff && units + 1 < text.length && (text.charCodeAt(units + 1) & 0xfc00) === 0xdc00;
      units += pair ? 2 : 1;
      points++;
    }
    out.set(target, points);
  }
  return out;
}

function percent(confidence: number): number {
  return Math.round(confidence * 100);
}

/** The words a label carries: its name, and for a suggestion its confidence. */
function tagText(m: EditorMark, s: EditorStrings): string {
  const name = m.kind === 'commitment' ? (m.strength ? own(s.strengths, m.strength) ?? m.strength : own(s.labels, m.label) ?? m.label) : own(s.labels, m.label) ?? m.label;
  return m.status === 'suggested' && m.confidence !== undefined ? `${name} · ${s.confidence.replace('{0}', String(percent(m.confidence)))}` : name;
}

/** What a screen reader says of a mark: label, status, confidence, then its text. */
function ariaLabel(p: Piece, s: EditorStrings): string {
  const m = p.mark;
  const parts = [own(s.labels, m.label) ?? m.label, own(s.statuses, m.status) ?? m.status];
  if (m.status === 'suggested' && m.confidence !== undefined) parts.push(s.confidence.replace('{0}', String(percent(m.confidence))));
  if (m.kind === 'commitment' && m.strength) parts.push(own(s.strengths, m.strength) ?? m.strength);
  return `${parts.join(', ')}: ${p.text}`;
}

function commitmentNote(c: EditorCommitment, s: EditorStrings): string {
  const parts = [`${s.actors}: ${c.actors.join('، ') || s.none}`, `${s.principles}: ${c.principles.join('، ') || s.none}`];
  return `<bdi class="note" data-skip aria-hidden="true" data-for="${escapeHtml(c.id)}">${escapeHtml(parts.join(' · '))}</bdi>`;
}

function openTag(p: Piece, first: boolean, s: EditorStrings): string {
  const m = p.mark;
  const cls = `${m.kind === 'commitment' ? 'commitment' : `entity l-${labelClass(m.label)}`}${m.status === 'suggested' ? ' suggested' : ''}${first ? '' : ' cont'}`;
  const tag = m.kind === 'commitment' ? 'span' : 'mark';
  const focus = first ? ` tabindex="-1" role="button" aria-label="${escapeHtml(ariaLabel(p, s))}"` : ' aria-hidden="true"';
  const title = p.title ? ` title="${escapeHtml(p.title)}"` : '';
  return `<${tag} class="${cls}" data-id="${escapeHtml(m.id)}" data-start="${m.start}" data-end="${m.end}"${focus}${title}>`;
}

function closeTag(p: Piece, last: boolean, s: EditorStrings): string {
  if (p.mark.kind === 'commitment') return '</span>' + (last && p.commitment ? commitmentNote(p.commitment, s) : '');
  return (last ? `<bdi class="tag" data-skip aria-hidden="true">${escapeHtml(tagText(p.mark, s))}</bdi>` : '') + '</mark>';
}

/** One paragraph as HTML: its text with the pieces that overlap it, cut where they cross so that the elements nest. */
function renderParagraph(text: string, para: { start: number; end: number }, inPara: readonly Piece[], s: EditorStrings): string {
  if (para.start === para.end) return `<p class="blank" data-p="${para.start}"></p>`;
  const cuts = new Set<number>([para.start, para.end]);
  for (const p of inPara) {
    if (p.mark.start > para.start) cuts.add(p.mark.start);
    if (p.mark.end < para.end) cuts.add(p.mark.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const html: string[] = [`<p dir="rtl" data-p="${para.start}">`];
  const stack: Piece[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k];
    const to = bounds[k + 1];
    const active = inPara.filter((p) => p.mark.start <= from && p.mark.end >= to);
    let keep = 0;
    while (keep < stack.length && active.includes(stack[keep])) keep++;
    while (stack.length > keep) {
      const p = stack.pop()!;
      html.push(closeTag(p, p.mark.end <= from, s));
    }
    for (const p of active) {
      if (stack.includes(p)) continue;
      // Opened where it starts: the first piece of it (focusable); opened again after a cut, or in a later paragraph: a continuation.
      html.push(openTag(p, from === p.mark.start, s));
      stack.push(p);
    }
    html.push(escapeHtml(text.slice(from, to)));
  }
  while (stack.length) {
    const p = stack.pop()!;
    html.push(closeTag(p, p.mark.end <= para.end, s));
  }
  html.push('</p>');
  return html.join('');
}

/** The marks of the input, valid spans only, outer first: earlier start, then longer, then commitments around entities. */
function piecesOf(input: EditorInput): Piece[] {
  const { text } = input;
  const valid = (a: { start: number; end: number }) => a.start < a.end && a.start >= 0 && a.end <= text.length;
  const entities = input.entities.filter(valid);
  const commitments = input.commitments.filter(valid);
  const cp = codePointOffsets(text, [...entities, ...commitments].flatMap((a) => [a.start, a.end]));
  // Every mark of one shape, written out (spreads of several shapes make slow objects: 16,000 marks a megabyte).
  const markOf = (a: { id: string; status: string; start: number; end: number }, kind: EditorMark['kind'], label: string): EditorMark => ({
    id: a.id,
    kind,
    label,
    status: a.status,
    start: a.start,
    end: a.end,
    cpStart: cp.get(a.start)!,
    cpEnd: cp.get(a.end)!,
    confidence: undefined,
    strength: undefined,
    actorIds: undefined,
    principleIds: undefined,
  });
  const pieces: Piece[] = [];
  for (const c of commitments) {
    const mark = markOf(c, 'commitment', 'Commitment');
    mark.strength = c.strength;
    mark.actorIds = c.actorIds ?? [];
    mark.principleIds = c.principleIds ?? [];
    pieces.push({ mark, text: text.slice(c.start, c.end), title: '', commitment: c });
  }
  for (const e of entities) {
    const mark = markOf(e, 'entity', e.label);
    mark.confidence = e.confidence;
    pieces.push({ mark, text: text.slice(e.start, e.end), title: e.title ?? '', commitment: undefined });
  }
  pieces.sort((a, b) => a.mark.start - b.mark.start || b.mark.end - a.mark.end || (a.mark.kind === b.mark.kind ? 0 : a.mark.kind === 'commitment' ? -1 : 1));
  return pieces;
}

/** The undecided suggestions in document order, and least confident first (unscored ones last, then by position). */
export function reviewOrder(marks: readonly EditorMark[]): EditorLayout['order'] {
  const open = marks.filter((m) => m.status === 'suggested');
  const byPosition = (a: EditorMark, b: EditorMark) => a.start - b.start || a.end - b.end;
  const document = [...open].sort(byPosition);
  const confidence = [...open].sort((a, b) => (a.confidence ?? 2) - (b.confidence ?? 2) || byPosition(a, b));
  return { document: document.map((m) => m.id), confidence: confidence.map((m) => m.id) };
}

/** Paragraphs grouped into chunks of about `chunkSize` units: [first, last] paragraph indices. */
function chunksOf(paragraphs: readonly { start: number; end: number }[], chunkSize: number): { first: number; last: number }[] {
  const out: { first: number; last: number }[] = [];
  let first = 0;
  paragraphs.forEach((para, i) => {
    if (i === paragraphs.length - 1 || para.end - paragraphs[first].start >= chunkSize) {
      out.push({ first, last: i });
      first = i + 1;
    }
  });
  return out;
}

/** Pieces overlapping each of the ranges (sorted, not overlapping each other), in one sweep over the sorted pieces. */
function piecesPerRange(pieces: readonly Piece[], ranges: readonly { start: number; end: number }[]): Piece[][] {
  let open: Piece[] = [];
  let next = 0;
  return ranges.map((r) => {
    open = open.filter((p) => p.mark.end > r.start);
    while (next < pieces.length && pieces[next].mark.start < r.end) open.push(pieces[next++]);
    return open.filter((p) => p.mark.start < r.end && p.mark.end > r.start);
  });
}

/**
 * The document laid out for the editor: chunks of whole paragraphs, its
 * marks and review orders at once, each chunk's HTML when it is asked for.
 */
export function layoutEditor(input: EditorInput, chunkSize = CHUNK_SIZE): EditorLayout {
  const { text, strings } = input;
  const pieces = piecesOf(input);
  const paragraphs = paragraphsOf(text);
  const groups = chunksOf(paragraphs, chunkSize);
  const chunks = groups.map((g) => ({ start: paragraphs[g.first].start, end: paragraphs[g.last].end }));
  const perChunk = piecesPerRange(pieces, chunks);
  const marks = pieces.map((p) => p.mark);
  const html = (index: number) => {
    const g = groups[index];
    const inChunk = paragraphs.slice(g.first, g.last + 1);
    const perParagraph = piecesPerRange(perChunk[index], inChunk);
    return inChunk.map((para, k) => renderParagraph(text, para, perParagraph[k], strings)).join('');
  };
  return { chunks, marks, order: reviewOrder(marks), html };
}

// ---- selections and spans ------------------------------------------------------

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** An offset moved off the middle of a surrogate pair: back for a start, forward for an end, so the character is whole. */
export function snapToCodePoint(text: string, offset: number, edge: 'start' | 'end'): number {
  const o = Math.max(0, Math.min(text.length, offset));
  if (o > 0 && o < text.length && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))) return edge === 'start' ? o - 1 : o + 1;
  return o;
}

/** Spaces, and the invisible marks that bidi text carries (LRM, RLM, ALM, zero-width characters), which no span starts or ends with. */
const EDGE_SPACE = /[\s\u200b-\u200f\u061c\u2066-\u2069\ufeff]/;

/**
 * The span a selection in the page stands for: its two ends in either order
 * (a right-to-left drag ends before it starts), whole characters, without
 * the spaces at its edges; undefined when nothing is left.
 */
export function spanOfSelection(text: string, anchor: number, focus: number): { start: number; end: number } | undefined {
  let start = snapToCodePoint(text, Math.min(anchor, focus), 'start');
  let end = snapToCodePoint(text, Math.max(anchor, focus), 'end');
  while (start < end && EDGE_SPACE.test(text[start])) start++;
  while (end > start && EDGE_SPACE.test(text[end - 1])) end--;
  return start < end ? { start, end } : undefined;
}

const isSpace = (text: string, i: number) => /\s/.test(text[i]);

/**
 * A span one word longer or shorter at one edge. A word is a run of
 * characters other than spaces; a span never crosses a line break by growing
 * and never becomes empty by shrinking (then it stays as it was).
 */
export function resizeSpan(text: string, span: { start: number; end: number }, edge: 'start' | 'end', grow: boolean): { start: number; end: number } {
  let { start, end } = span;
  const lineBreak = (i: number) => text[i] === '\n' || text[i] === '\r';
  if (edge === 'end' && grow) {
    let i = end;
    while (i < text.length && isSpace(text, i) && !lineBreak(i)) i++;
    if (i >= text.length || lineBreak(i)) return span;
    while (i < text.length && !isSpace(text, i)) i++;
    end = i;
  } else if (edge === 'end') {
    let i = end;
    while (i > start && !isSpace(text, i - 1)) i--;
    while (i > start && isSpace(text, i - 1)) i--;
    if (i <= start) return span;
    end = i;
  } else if (grow) {
    let i = start;
    while (i > 0 && isSpace(text, i - 1) && !lineBreak(i - 1)) i--;
    if (i <= 0 || lineBreak(i - 1)) return span;
    while (i > 0 && !isSpace(text, i - 1)) i--;
    start = i;
  } else {
    let i = start;
    while (i < end && !isSpace(text, i)) i++;
    while (i < end && isSpace(text, i)) i++;
    if (i >= end) return span;
    start = i;
  }
  return { start, end };
}

// ---- keys ------------------------------------------------------------------------

export type EditorAction =
  | 'next'
  | 'previous'
  | 'toggleOrder'
  | 'accept'
  | 'reject'
  | 'label'
  | 'growEnd'
  | 'shrinkEnd'
  | 'growStart'
  | 'shrinkStart'
  | 'note'
  | 'delete'
  | 'menu'
  | 'close';

export interface EditorKey {
  /** KeyboardEvent.key; `1-9` stands for the digits. */
  key: string;
  shift?: boolean;
  alt?: boolean;
}

/** The view's keys, in the order the legend shows them (undo and redo are VS Code keybindings: package.json). */
export const EDITOR_KEYS: readonly { action: EditorAction; keys: EditorKey[] }[] = [
  { action: 'next', keys: [{ key: 'n' }, { key: 'j' }] },
  { action: 'previous', keys: [{ key: 'p' }, { key: 'k' }] },
  { action: 'toggleOrder', keys: [{ key: 'o' }] },
  { action: 'accept', keys: [{ key: 'Enter' }, { key: 'a' }] },
  { action: 'reject', keys: [{ key: 'Backspace' }, { key: 'x' }] },
  { action: 'label', keys: [{ key: '1-9' }] },
  { action: 'growEnd', keys: [{ key: 'ArrowLeft', shift: true }] },
  { action: 'shrinkEnd', keys: [{ key: 'ArrowRight', shift: true }] },
  { action: 'growStart', keys: [{ key: 'ArrowRight', shift: true, alt: true }] },
  { action: 'shrinkStart', keys: [{ key: 'ArrowLeft', shift: true, alt: true }] },
  { action: 'note', keys: [{ key: 'e' }] },
  { action: 'delete', keys: [{ key: 'Delete' }] },
  { action: 'menu', keys: [{ key: 'm' }, { key: 'ContextMenu' }] },
  { action: 'close', keys: [{ key: 'Escape' }] },
];


/** How the legend writes a key. */
export function keyLabel(k: EditorKey): string {
  const names: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', Enter: 'Enter', Backspace: 'Backspace', Delete: 'Delete', Escape: 'Esc', ContextMenu: 'Menu', '1-9': '1–9' };
  const key = own(names, k.key) ?? k.key.toUpperCase();
  return [k.alt ? 'Alt' : '', k.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

// ---- the page ----------------------------------------------------------------------

export interface EditorPageOptions {
  title: string;
  /** The legend: what each action does, in the interface language; `undo` and `redo` are VS Code's keys. */
  actionNames: Record<EditorAction | 'undo' | 'redo', string>;
  /** The legend's heading and the document's accessible name. */
  keysHeading: string;
  documentLabel: string;
  /** Shown until the first model arrives. */
  loading: string;
  /** The direction of the interface language (the bar, the keys, the menus); the document is always right to left. */
  uiDir: 'ltr' | 'rtl';
  colours: Record<string, { light: string; dark: string }>;
  nonce: string;
  cspSource: string;
  scriptUrl: string;
  /** The bundled Arabic font (a webview resource URI). */
  fontUrl?: string;
}

function legend(o: EditorPageOptions): string {
  const rows = EDITOR_KEYS.map(({ action, keys }) => `<li><kbd dir="ltr">${keys.map((k) => escapeHtml(keyLabel(k))).join('</kbd> <kbd dir="ltr">')}</kbd> ${escapeHtml(o.actionNames[action])}</li>`);
  rows.push(`<li><kbd dir="ltr">Ctrl+Z</kbd> ${escapeHtml(o.actionNames.undo)}</li>`, `<li><kbd dir="ltr">Ctrl+Shift+Z</kbd> ${escapeHtml(o.actionNames.redo)}</li>`);
  return `<aside id="keys" dir="${o.uiDir}" aria-label="${escapeHtml(o.keysHeading)}"><h2>${escapeHtml(o.keysHeading)}</h2><ul>${rows.join('')}</ul></aside>`;
}

/** The colours of the labels, light and dark, as CSS variables on each label's class. */
function labelRules(colours: EditorPageOptions['colours']): string {
  const rules: string[] = [];
  for (const [label, c] of Object.entries(colours)) {
    const cls = `.l-${labelClass(label)}`;
    rules.push(`${cls}{--c:${cssColour(c.light)}}`, `.vscode-dark ${cls},.vscode-high-contrast:not(.vscode-high-contrast-light) ${cls}{--c:${cssColour(c.dark)}}`);
  }
  return rules.join('\n');
}

const EDITOR_STYLE = `
:root{color-scheme:light dark}
body{margin:0;padding:0 1.5rem 4rem;font-size:1.25rem;line-height:2.4;background:var(--vscode-editor-background);color:var(--vscode-editor-foreground)}
#bar{position:sticky;top:0;z-index:2;display:flex;gap:1rem;align-items:center;padding:.3rem 0;font:var(--vscode-font-size,13px)/1.6 var(--vscode-font-family,sans-serif);background:var(--vscode-editor-background);border-bottom:1px solid var(--vscode-panel-border,transparent)}
#status{flex:1}
#keys{font:12px/1.6 var(--vscode-font-family,sans-serif);opacity:.9}
#keys h2{font-size:12px;margin:.5rem 0 0}
#keys ul{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;list-style:none;margin:0;padding:0}
kbd{font:11px var(--vscode-editor-font-family,monospace);padding:0 .3em;border:1px solid var(--vscode-widget-border,var(--vscode-contrastBorder,#8888));border-radius:3px;background:var(--vscode-keybindingLabel-background,transparent);color:var(--vscode-keybindingLabel-foreground,inherit)}
main{max-width:52rem;margin:0 auto}
.chunk{content-visibility:auto}
p{margin:0 0 .6rem}
p.blank{height:.6rem}
mark.entity{color:inherit;background:color-mix(in srgb,var(--c) 18%,transparent);border-bottom:2px solid var(--c);border-radius:3px;padding:0 .1em;cursor:pointer}
mark.entity.suggested{background:repeating-linear-gradient(135deg,color-mix(in srgb,var(--c) 14%,transparent) 0 6px,transparent 6px 10px);border:1px dashed var(--c);border-bottom-width:2px}
.tag{font:.55em/1 var(--vscode-font-family,sans-serif);color:var(--c);margin-inline-start:.25em;vertical-align:super;user-select:none;white-space:nowrap}
.suggested>.tag{font-style:italic}
.commitment{box-shadow:inset 0 -3px 0 #8d6e63;cursor:pointer}
.commitment.suggested{box-shadow:inset 0 -3px 0 color-mix(in srgb,#8d6e63 55%,transparent);background:color-mix(in srgb,#8d6e63 8%,transparent)}
.note{display:inline-block;white-space:nowrap;max-width:100%;overflow:hidden;text-overflow:ellipsis;vertical-align:middle;font:.6em/1.5 var(--vscode-font-family,sans-serif);margin:0 .4em;padding:0 .5em;border:1px solid #8d6e63;border-radius:1em;user-select:none}
[data-id].current{outline:2px solid var(--vscode-focusBorder);outline-offset:2px}
[data-id]:focus-visible,button:focus-visible{outline:2px solid var(--vscode-focusBorder);outline-offset:2px}
[data-id].chosen{outline:2px dotted var(--vscode-focusBorder);outline-offset:1px}
.vscode-high-contrast mark.entity{border-width:2px;border-style:solid}
.vscode-high-contrast mark.entity.suggested{border-style:dashed}
#menu{position:fixed;z-index:3;display:none;max-width:22rem;padding:.4rem;font:13px/1.4 var(--vscode-font-family,sans-serif);background:var(--vscode-menu-background,var(--vscode-editorWidget-background));color:var(--vscode-menu-foreground,var(--vscode-editorWidget-foreground));border:1px solid var(--vscode-menu-border,var(--vscode-widget-border,var(--vscode-contrastBorder,#8888)));border-radius:4px;box-shadow:0 2px 8px var(--vscode-widget-shadow,#0004)}
#menu.open{display:block}
#menu h3{font-size:12px;margin:.1rem .2rem .3rem;font-weight:normal;opacity:.8}
#menu button{display:flex;gap:.5rem;width:100%;text-align:start;padding:.2rem .4rem;border:0;border-radius:3px;background:transparent;color:inherit;font:inherit;cursor:pointer}
#menu button:hover,#menu button:focus{background:var(--vscode-menu-selectionBackground,var(--vscode-list-activeSelectionBackground));color:var(--vscode-menu-selectionForeground,var(--vscode-list-activeSelectionForeground))}
#menu button kbd{margin-inline-start:auto}
#menu textarea{width:100%;box-sizing:border-box;font:inherit;background:var(--vscode-input-background);color:var(--vscode-input-foreground);border:1px solid var(--vscode-input-border,transparent)}
`;

/** The webview's page: the bar (status, order), the legend of keys, the document (filled in by the script), the menu. */
export function renderEditorPage(o: EditorPageOptions): string {
  const nonce = escapeHtml(o.nonce);
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src ${escapeHtml(o.cspSource)};`;
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<style nonce="${nonce}">${o.fontUrl ? fontFace(o.fontUrl) : ''}
body{font-family:"${READING_FONT_FAMILY}","Amiri","Noto Sans Arabic","Segoe UI","Arial",serif}
${EDITOR_STYLE}
${labelRules(o.colours)}</style>
</head>
<body>
<div id="bar" dir="${o.uiDir}"><span id="status" role="status" aria-live="polite">${escapeHtml(o.loading)}</span><span id="order"></span></div>
${legend(o)}
<main><article id="document" aria-label="${escapeHtml(o.documentLabel)}" aria-busy="true"></article></main>
<div id="menu" role="dialog" dir="${o.uiDir}"></div>
<script nonce="${nonce}" src="${escapeHtml(o.scriptUrl)}"></script>
</body>
</html>
`;
}
