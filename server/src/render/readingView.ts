// The right-to-left reading view: a document rendered as HTML, paragraphs as
// in the text, entity spans coloured and labelled, each commitment set off
// with its actors, strength and principles. Used by the VS Code webview and
// for the self-contained HTML file reviewers send to people without VS Code.
// Spans are plain inline elements so that the browser's bidi algorithm,
// with the paragraph's base direction right-to-left, orders Latin acronyms,
// digits and punctuation as it does in running text; only the inserted
// labels and notes are isolated (<bdi>), so they cannot reorder the text.
// The text is set in Noto Naskh Arabic, shipped with the extension (see
// ReadingPageOptions.fontUrl), so it looks the same on every machine.

export interface ReadingEntity {
  id: string;
  /** UTF-16 offsets in the text. */
  start: number;
  end: number;
  label: string;
  status: string;
  /** Shown as the span's tooltip (English name, description, who decided). */
  title?: string;
  /** 0–1, for a suggestion the analyser scored (the annotation editor shows it). */
  confidence?: number;
}

export interface ReadingCommitment {
  id: string;
  start: number;
  end: number;
  status: string;
  strength?: string;
  actors: string[];
  principles: string[];
  /** Ids of the actor and principle entities, for the annotation editor. */
  actorIds?: string[];
  principleIds?: string[];
}

export interface ReadingStrings {
  /** Localised label names, by label. */
  labels: Record<string, string>;
  strengths: Record<string, string>;
  actors: string;
  principles: string;
  none: string;
  suggested: string;
  /** Title for the page, e.g. the file name. */
  title: string;
}

export interface ReadingInput {
  text: string;
  entities: readonly ReadingEntity[];
  commitments: readonly ReadingCommitment[];
  /** Colours per label, from the schema or the user's settings. */
  colours: Record<string, { light: string; dark: string }>;
  strings: ReadingStrings;
}

export interface ReadingPageOptions {
  /** Inline script, run in the page (the webview's messaging); none for a saved file. */
  script?: string;
  /** Content-Security-Policy nonce for the inline style and script. */
  nonce?: string;
  /** The webview's resource origin, for the CSP. */
  cspSource?: string;
  /**
   * Where the bundled Arabic font (Noto Naskh Arabic, WOFF2) is: a webview
   * resource URI, or a data: URL in a saved file. Without it the page uses
   * the fonts of the machine.
   */
  fontUrl?: string;
  /** Shown instead of the document, e.g. while it is not annotated yet. */
  placeholder?: string;
}

/** The bundled font's file in the extension's media/fonts/ (copied there from @fontsource/noto-naskh-arabic by scripts/bundle.mjs). */
export const READING_FONT_FILE = 'noto-naskh-arabic-arabic-400-normal.woff2';
/** The family of the bundled font; the system fonts follow it in the page's font list. */
export const READING_FONT_FAMILY = 'Noto Naskh Arabic';
/** The code points the bundled font (its Arabic subset) covers; the rest falls through to the next fonts. */
const READING_FONT_RANGE = 'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC';

/** An entity, or a commitment (labelled Commitment), as one kind of span to lay out. */
interface Piece extends ReadingEntity {
  kind: 'entity' | 'commitment';
  commitment?: ReadingCommitment;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The record's own value for a key from the data (never one of Object.prototype's: "constructor", "__proto__"). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A CSS-safe class suffix for a label name. */
function labelClass(label: string): string {
  return label.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Paragraphs of the text: [start, end) of each line, without its line break. */
function paragraphsOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n' || text[i] === '\r') {
      out.push({ start, end: i });
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  return out;
}

function commitmentNote(c: ReadingCommitment, s: ReadingStrings): string {
  const strength = c.strength ? own(s.strengths, c.strength) ?? c.strength : '';
  const parts = [
    `${escapeHtml(s.actors)}: ${escapeHtml(c.actors.join('، ') || s.none)}`,
    strength && escapeHtml(strength),
    `${escapeHtml(s.principles)}: ${escapeHtml(c.principles.join('، ') || s.none)}`,
  ].filter(Boolean);
  return `<bdi class="note" data-for="${escapeHtml(c.id)}">${parts.join(' · ')}</bdi>`;
}

function openTag(p: Piece, first: boolean, s: ReadingStrings): string {
  const status = p.status === 'suggested' ? ' suggested' : '';
  const cont = first ? '' : ' cont';
  const data = `data-id="${escapeHtml(p.id)}" data-start="${p.start}" data-end="${p.end}"`;
  if (p.kind === 'commitment') return `<span class="commitment${status}${cont}" ${data}>`;
  const title = [own(s.labels, p.label) ?? p.label, p.title, p.status === 'suggested' ? s.suggested : ''].filter(Boolean).join(' · ');
  return `<mark class="entity l-${labelClass(p.label)}${status}${cont}" ${data} title="${escapeHtml(title)}">`;
}

function closeTag(p: Piece, last: boolean, s: ReadingStrings): string {
  if (p.kind === 'commitment') return '</span>' + (last && p.commitment ? commitmentNote(p.commitment, s) : '');
  return (last ? `<bdi class="tag">${escapeHtml(own(s.labels, p.label) ?? p.label)}</bdi>` : '') + '</mark>';
}

/** The document as HTML paragraphs (the page's body content). */
export function renderReadingBody(input: ReadingInput): string {
  const { text, strings } = input;
  const pieces: Piece[] = [
    ...input.commitments.map((c): Piece => ({ kind: 'commitment', id: c.id, start: c.start, end: c.end, label: 'Commitment', status: c.status, commitment: c })),
    ...input.entities.map((e): Piece => ({ kind: 'entity', id: e.id, start: e.start, end: e.end, label: e.label, status: e.status, title: e.title })),
  ].filter((p) => p.start < p.end && p.start >= 0 && p.end <= text.length);
  // Outer first: earlier start, then longer, then commitments around entities.
  pieces.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === b.kind ? 0 : a.kind === 'commitment' ? -1 : 1));

  const html: string[] = [];
  const opened = new Set<Piece>();
  let next = 0; // first piece not yet considered
  for (const para of paragraphsOf(text)) {
    if (para.start === para.end) {
      html.push('<p class="blank"></p>');
      continue;
    }
    while (next < pieces.length && pieces[next].end <= para.start) next++;
    const inPara = pieces.slice(next).filter((p) => p.start < para.end && p.end > para.start);
    const cuts = new Set<number>([para.start, para.end]);
    for (const p of inPara) {
      if (p.start > para.start) cuts.add(p.start);
      if (p.end < para.end) cuts.add(p.end);
    }
    const bounds = [...cuts].sort((a, b) => a - b);
    const stack: Piece[] = [];
    html.push('<p dir="rtl">');
    for (let k = 0; k + 1 < bounds.length; k++) {
      const from = bounds[k];
      const to = bounds[k + 1];
      const active = inPara.filter((p) => p.start <= from && p.end >= to);
      // Keep the longest prefix of the open elements that are still active; close the rest.
      let keep = 0;
      while (keep < stack.length && active.includes(stack[keep])) keep++;
      while (stack.length > keep) {
        const p = stack.pop()!;
        html.push(closeTag(p, p.end <= from, strings));
      }
      for (const p of active) {
        if (stack.includes(p)) continue;
        html.push(openTag(p, !opened.has(p), strings));
        opened.add(p);
        stack.push(p);
      }
      html.push(escapeHtml(text.slice(from, to)));
    }
    while (stack.length) {
      const p = stack.pop()!;
      html.push(closeTag(p, p.end <= para.end, strings));
    }
    html.push('</p>');
  }
  return html.join('');
}

/** The body content shown instead of a document (it is not annotated yet, or no longer). */
export function renderReadingPlaceholder(message: string): string {
  return `<p class="placeholder" dir="auto">${escapeHtml(message)}</p>`;
}

export function fontFace(url: string): string {
  // The URL is ours (a webview URI or a base64 data: URL); quotes and backslashes cannot end the string early.
  const safe = url.replace(/["\\\n\r<>]/g, (c) => encodeURIComponent(c));
  return `@font-face{font-family:"${READING_FONT_FAMILY}";font-style:normal;font-weight:400;font-display:swap;src:url("${safe}") format("woff2");unicode-range:${READING_FONT_RANGE}}`;
}

/** A CSS colour that cannot end its declaration or the <style> (a hex, rgb()/hsl() of numbers, or a name); anything else is grey. */
export function cssColour(value: unknown): string {
  const v = typeof value === 'string' ? value.trim() : '';
  return /^#[0-9a-fA-F]{3,8}$/.test(v) || /^(rgb|rgba|hsl|hsla)\([0-9.,%\s/a-z]{1,60}\)$/.test(v) || /^[a-zA-Z]{3,30}$/.test(v) ? v : '#888888';
}

/** The policy of a saved page: its own style and embedded font only, no script, nothing fetched. */
const SAVED_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

function styleOf(input: ReadingInput, fontUrl?: string): string {
  const rules: string[] = fontUrl ? [fontFace(fontUrl)] : [];
  for (const [label, c] of Object.entries(input.colours)) {
    const cls = `l-${labelClass(label)}`;
    const light = cssColour(c.light);
    const dark = cssColour(c.dark);
    rules.push(`.${cls}{--c:${light}}`, `.vscode-dark .${cls},.vscode-high-contrast .${cls}{--c:${dark}}`, `@media (prefers-color-scheme: dark){body:not(.vscode-light) .${cls}{--c:${dark}}}`);
  }
  return `
:root{color-scheme:light dark}
body{margin:0;padding:1.5rem 2rem;font-family:"${READING_FONT_FAMILY}","Amiri","Scheherazade New","Noto Sans Arabic","Geeza Pro","Segoe UI","Arial",serif;font-size:1.25rem;line-height:2.4;background:var(--vscode-editor-background,Canvas);color:var(--vscode-editor-foreground,CanvasText)}
main{max-width:48rem;margin:0 auto}
h1{font-size:1rem;font-weight:normal;opacity:.7}
p{margin:0 0 .6rem}
p.blank{height:.6rem}
mark.entity{color:inherit;background:color-mix(in srgb,var(--c) 18%,transparent);border-bottom:2px solid var(--c);border-radius:3px;padding:0 .1em;cursor:pointer}
mark.entity.suggested{border-bottom-style:dashed}
mark.entity .tag{font-size:.6em;color:var(--c);margin-inline-start:.25em;vertical-align:super;line-height:1}
.commitment{background:color-mix(in srgb,#8d6e63 12%,transparent);box-shadow:inset 0 -3px 0 #8d6e63;cursor:pointer}
.commitment.suggested{box-shadow:inset 0 -3px 0 color-mix(in srgb,#8d6e63 55%,transparent)}
.note{display:inline-block;font-size:.7em;line-height:1.5;margin:0 .4em;padding:0 .5em;border:1px solid #8d6e63;border-radius:1em;background:color-mix(in srgb,#8d6e63 10%,transparent)}
.current{outline:2px solid var(--vscode-focusBorder,#0078d4);outline-offset:1px}
.placeholder{opacity:.7;font-style:italic}
${rules.join('\n')}`;
}

/** A whole HTML page: for the webview (with its script and CSP) or as a self-contained file. */
export function renderReadingPage(input: ReadingInput, options: ReadingPageOptions = {}): string {
  const nonce = options.nonce ? ` nonce="${escapeHtml(options.nonce)}"` : '';
  const csp = options.nonce
    ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${escapeHtml(options.nonce)}'; script-src 'nonce-${escapeHtml(options.nonce)}'; font-src ${escapeHtml(options.cspSource ?? "'none'")};">`
    : `<meta http-equiv="Content-Security-Policy" content="${SAVED_PAGE_CSP}">`;
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
${csp}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.strings.title)}</title>
<style${nonce}>${styleOf(input, options.fontUrl)}</style>
</head>
<body>
<main>
<h1>${escapeHtml(input.strings.title)}</h1>
<article id="document">${options.placeholder !== undefined ? renderReadingPlaceholder(options.placeholder) : renderReadingBody(input)}</article>
</main>
${options.script ? `<script${nonce}>${options.script}</script>` : ''}
</body>
</html>
`;
}
