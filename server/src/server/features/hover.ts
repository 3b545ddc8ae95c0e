// Hover cards: an entity's label, names, description, mention count and
// provenance; a commitment's actors, strength, principles and cue. Each card
// says whether the annotation is a suggestion or stored, who or what made it
// and when it was decided. Everything that comes from the corpus, the .ann
// or a lexicon is escaped (render/markdown.ts); the cards are never trusted.
import * as l10n from '@vscode/l10n';
import { CancellationToken, Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { entityKey } from '../../corpus/corpusIndex';
import { entitiesById, mentionCount } from './viewCaches';
import { annotationsAt, AnnotatedView, isCommitment, ViewCommitment, ViewEntity } from '../../annotations/view';
import { labelName, statusMark, strengthName, countOf } from './labels';
import { rangeIn } from './ranges';
import { escapeMarkdown as md, wikidataLink } from '../../render/markdown';

/** `plainText`: the client asked for plain text (contentFormat), as Neovim, Helix and others may. */
export function hoverAt(doc: TextDocument, view: AnnotatedView, position: Position, token: CancellationToken, plainText = false): Hover | null {
  const offset = doc.offsetAt(position);
  const here = annotationsAt(view, offset);
  const entity = here.find((a): a is ViewEntity => !isCommitment(a));
  const commitment = here.find(isCommitment);
  if (token.isCancellationRequested || (!entity && !commitment)) return null;
  const sections: string[] = [];
  if (entity) sections.push(entityCard(entity, view));
  if (commitment) sections.push(commitmentCard(commitment, view));
  const target = entity ?? commitment!;
  const markdown = sections.join('\n\n---\n\n');
  return {
    contents: plainText ? { kind: MarkupKind.PlainText, value: plainTextOf(markdown) } : { kind: MarkupKind.Markdown, value: markdown },
    range: rangeIn(doc, target),
  };
}

/** A card's Markdown as plain text: no emphasis marks or escapes, a link as its text and address, a rule as a line. */
export function plainTextOf(markdown: string): string {
  return markdown
    .replace(/^---$/gm, '────────')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, '$1 <$2>')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/** When an ISO time was: its date and minute, in UTC. */
function when(at: string | undefined): string {
  if (!at) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(at);
  return m ? `${m[1]} ${m[2]} UTC` : md(at);
}

function originText(origin: string): string {
  const colon = origin.indexOf(':');
  const kind = colon < 0 ? origin : origin.slice(0, colon);
  const detail = md(colon < 0 ? '' : origin.slice(colon + 1));
  switch (kind) {
    case 'lexicon':
      return l10n.t('Suggested by the lexicon (entry {0}).', detail);
    case 'rule':
      return l10n.t('Suggested by the pattern rule "{0}".', detail);
    case 'tagger':
      return l10n.t('Suggested by the sequence tagger.');
    case 'cue':
      return l10n.t('Suggested by the cue «{0}».', detail);
    default:
      return l10n.t('Suggested by {0}.', md(origin));
  }
}

/** Who or what made the annotation, and when it was decided; the first line marks stored ■ or suggested ⬚. */
function provenance(a: ViewEntity | ViewCommitment, suggestionLine: string): string[] {
  const by = a.decidedBy !== undefined ? md(a.decidedBy) : l10n.t('unknown');
  const at = when(a.decidedAt);
  const lines: string[] = [];
  switch (a.status) {
    case 'suggested':
      lines.push(`${statusMark(a.status)} ${l10n.t('Suggestion, not reviewed yet.')}`, suggestionLine);
      break;
    case 'accepted':
      lines.push(`${statusMark(a.status)} ${l10n.t('Accepted by {0}, {1}.', by, at)}`);
      break;
    case 'corrected':
      lines.push(`${statusMark(a.status)} ${l10n.t('Corrected by {0}, {1}.', by, at)}`);
      break;
    case 'manual':
      lines.push(`${statusMark(a.status)} ${l10n.t('Annotated by hand by {0}, {1}.', by, at)}`);
      break;
    default:
      lines.push(`${statusMark(a.status)} ${l10n.t('Stored in the annotation file.')}` + (a.decidedBy ? ' ' + l10n.t('Last changed by {0}, {1}.', by, at) : ''));
  }
  if (a.status !== 'suggested' && a.origin) lines.push(originText(a.origin));
  if (a.note) lines.push(`${l10n.t('Note')}: ${md(a.note)}`);
  return lines;
}

export function entityCard(e: ViewEntity, view: AnnotatedView): string {
  const mentions = mentionCount(view, entityKey(e));
  const lines: string[] = [];
  const names = [e.nameAr ?? e.text, e.nameEn].filter((n): n is string => !!n).map(md).join(' — ');
  lines.push(`**${md(labelName(e.label))}**: ${names}`);
  if (e.description) lines.push(md(e.description));
  lines.push(countOf('mentionedInDocument', mentions));
  const found =
    e.source === 'lexicon'
      ? l10n.t('Found by the lexicon (entry {0}).', md(e.kb ?? ''))
      : e.source === 'tagger'
        ? l10n.t('Found by the sequence tagger.')
        : l10n.t('Found by the pattern rule "{0}".', md(e.rule ?? ''));
  const sure = e.status === 'suggested' && e.confidence !== undefined ? ' ' + l10n.t('Confidence: {0}%.', Math.round(e.confidence * 100)) : '';
  const wikidata = wikidataLink(e.wikidata);
  const story = provenance(e, found + sure);
  story[story.length - 1] += wikidata;
  lines.push(...story);
  return lines.join('\n\n');
}

export function commitmentCard(c: ViewCommitment, view: AnnotatedView): string {
  const byId = entitiesById(view);
  const names = (ids: string[]) =>
    ids
      .map((id) => byId.get(id))
      .filter((e): e is ViewEntity => !!e)
      .map((e) => (e.nameEn ? `${md(e.text)} (${md(e.nameEn)})` : md(e.text)));
  const actors = names(c.actors);
  const principles = names(c.principles);
  const strength = c.strength ? md(strengthName(c.strength)) : l10n.t('strength not set');
  const lines = [
    `**${labelName('Commitment')}** · ${strength}${c.negated ? ` · ${l10n.t('negated')}` : ''}`,
    `${l10n.t('Who commits')}: ${actors.length ? actors.join('، ') : l10n.t('not resolved')}`,
    `${l10n.t('Principles')}: ${principles.length ? principles.join('، ') : l10n.t('none')}`,
  ];
  if (c.cue) lines.push(`${l10n.t('Cue')}: «${md(c.cue.text)}»`);
  lines.push(...provenance(c, l10n.t('Found by its cue.')));
  return lines.join('\n\n');
}
