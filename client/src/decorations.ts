// Entity colours and commitment marks as editor decorations, in the colours
// of labelColours.ts (the schema's, the iltizam.colors setting, or a fallback
// for labels of a corpus's own annotation.conf).
// Stored annotations are drawn solid, suggestions dashed and lighter.
import * as vscode from 'vscode';
import { entityLabels, commitmentLabel } from '../../server/src/analysis/schema';
import type { AnnotationsParams } from '../../server/src/protocol/messages';
import { labelColour } from './labelColours';

type Look = 'stored' | 'suggested';
type Range = AnnotationsParams['entities'][number]['range'];

const looks: Look[] = ['stored', 'suggested'];

function lookOf(status: string | undefined): Look {
  // Without a status (an older server) everything is a suggestion.
  return !status || status === 'suggested' ? 'suggested' : 'stored';
}

export class Decorations implements vscode.Disposable {
  /** By label, then by look. */
  private types = new Map<string, Record<Look, vscode.TextEditorDecorationType>>();
  private commitmentTypes?: Record<Look, vscode.TextEditorDecorationType>;
  private overrides: Record<string, string> = {};
  enabled = true;

  constructor() {
    this.reconfigure();
  }

  /** Rebuilds the decoration types from the settings. */
  reconfigure(): void {
    this.dispose();
    const config = vscode.workspace.getConfiguration('iltizam');
    this.enabled = config.get<boolean>('highlighting.enabled', true);
    this.overrides = config.get<Record<string, string>>('colors', {});
    for (const label of entityLabels) this.entityTypes(label.name);
    const c = labelColour(commitmentLabel.name, this.overrides);
    // An underline, so the entity colours inside a commitment stay visible.
    const underline = (style: string, width: string) => (colour: string) => ({ textDecoration: `underline ${style} ${colour} ${width}`, overviewRulerColor: colour });
    const make = (style: string, width: string) =>
      vscode.window.createTextEditorDecorationType({
        light: underline(style, width)(c.light),
        dark: underline(style, width)(c.dark),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
      });
    this.commitmentTypes = { stored: make('solid', '2px'), suggested: make('dashed', '1px') };
  }

  /** The decoration types of an entity label, made the first time the label is seen. */
  private entityTypes(label: string): Record<Look, vscode.TextEditorDecorationType> {
    let types = this.types.get(label);
    if (types) return types;
    const colour = labelColour(label, this.overrides);
    const colours = (look: Look) => (c: string) =>
      look === 'stored'
        ? { color: c, backgroundColor: hexWithAlpha(c, 0.22), border: `1.5px solid ${hexWithAlpha(c, 0.8)}`, borderRadius: '3px' }
        : { color: c, backgroundColor: hexWithAlpha(c, 0.08), border: `1px dashed ${hexWithAlpha(c, 0.7)}`, borderRadius: '3px' };
    const make = (look: Look) =>
      vscode.window.createTextEditorDecorationType({
        light: colours(look)(colour.light),
        dark: colours(look)(colour.dark),
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
    types = { stored: make('stored'), suggested: make('suggested') };
    this.types.set(label, types);
    return types;
  }

  draw(editor: vscode.TextEditor, params: AnnotationsParams): void {
    if (!this.enabled) return this.clear(editor);
    const toRange = (r: Range) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const pieces = (a: { range: Range; fragments?: Range[] }) => (a.fragments ?? [a.range]).map(toRange);
    for (const label of new Set(params.entities.map((e) => e.label))) this.entityTypes(label);
    for (const [label, types] of this.types) {
      for (const look of looks) {
        editor.setDecorations(types[look], params.entities.filter((e) => e.label === label && lookOf(e.status) === look).flatMap(pieces));
      }
    }
    for (const look of looks) {
      editor.setDecorations(this.commitmentTypes![look], params.commitments.filter((c) => lookOf(c.status) === look).flatMap(pieces));
    }
  }

  clear(editor: vscode.TextEditor): void {
    for (const types of this.types.values()) for (const look of looks) editor.setDecorations(types[look], []);
    if (this.commitmentTypes) for (const look of looks) editor.setDecorations(this.commitmentTypes[look], []);
  }

  dispose(): void {
    for (const types of this.types.values()) for (const look of looks) types[look].dispose();
    this.types.clear();
    if (this.commitmentTypes) for (const look of looks) this.commitmentTypes[look].dispose();
    this.commitmentTypes = undefined;
  }
}

function hexWithAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  return `#${m[1]}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;
}
