// What reviewers use across the corpus: the corpus view (entities by label
// down to each mention, commitments by actor, documents with their review
// status), its filters, the review status command and its marks in the
// explorer, the statistics view, and the reading view's commands.
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient, RequestType } from 'vscode-languageclient/node';
import { renderStatistics, statisticsStyle } from '../../server/src/render/statisticsView';
import { CorpusCommitment, corpusChangedNotification, CorpusFilter, CorpusMention, corpusRequests, CorpusSummary, SetReviewArgs } from '../../server/src/protocol/messages';
import { labelColour } from './labelColours';
import { countOf } from './names';
import { ReadingViews } from './readingView';

type ReviewState = SetReviewArgs['status'];
type Wire = { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };

type Node =
  | { kind: 'section'; section: 'entities' | 'commitments' | 'documents' }
  | { kind: 'label'; label: string; name: string; entities: number; mentions: number }
  | { kind: 'entity'; key: string; name: string; nameEn?: string; mentions: number; leastConfidence?: number }
  | { kind: 'mention'; mention: CorpusMention }
  | { kind: 'actor'; actor: string; commitments: number }
  | { kind: 'commitment'; commitment: CorpusCommitment }
  | { kind: 'document'; document: CorpusSummary['documents'][number] };

function reviewName(state: ReviewState): string {
  switch (state) {
    case 'in-progress': return vscode.l10n.t('in progress');
    case 'reviewed': return vscode.l10n.t('reviewed');
    default: return vscode.l10n.t('not started');
  }
}

/** A suggestion's confidence as the corpus view shows it. */
const percent = (confidence: number | undefined) => (confidence === undefined ? undefined : vscode.l10n.t('confidence {0}%', Math.round(confidence * 100)));

const toRange = (r: Wire['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

class CorpusTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  filter: CorpusFilter = {};
  summary: CorpusSummary | undefined;
  /** Entities and mentions least confident first (the suggestions to look at), instead of by mentions. */
  byConfidence = false;

  constructor(private readonly clientOf: () => LanguageClient | undefined) {}

  refresh(): void {
    this.summary = undefined;
    this.changed.fire(undefined);
  }

  private async request<P, R>(type: RequestType<P, R | null, void>, params: P): Promise<R | undefined> {
    const client = this.clientOf();
    if (!client) return undefined;
    return (await client.sendRequest(type, params)) ?? undefined;
  }

  /** The labels of the whole corpus, whatever the filter. */
  async allLabels(): Promise<CorpusSummary['labels']> {
    return (await this.request(corpusRequests.summary, { filter: {} }))?.labels ?? [];
  }

  private async summaryNow(): Promise<CorpusSummary | undefined> {
    this.summary ??= await this.request(corpusRequests.summary, { filter: this.filter });
    return this.summary;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return [{ kind: 'section', section: 'entities' }, { kind: 'section', section: 'commitments' }, { kind: 'section', section: 'documents' }];
    const summary = await this.summaryNow();
    if (!summary) return [];
    switch (node.kind) {
      case 'section':
        if (node.section === 'entities') return summary.labels.map((l) => ({ kind: 'label', ...l }));
        if (node.section === 'commitments') return summary.actors.map((a) => ({ kind: 'actor', ...a }));
        return summary.documents.map((d) => ({ kind: 'document', document: d }));
      case 'label': {
        const groups = (await this.request(corpusRequests.entities, { label: node.label, filter: this.filter })) ?? [];
        if (this.byConfidence) groups.sort((a, b) => (a.leastConfidence ?? 2) - (b.leastConfidence ?? 2));
        return groups.map((g) => ({ kind: 'entity', ...g }));
      }
      case 'entity': {
        const mentions = (await this.request(corpusRequests.mentions, { key: node.key, filter: this.filter })) ?? [];
        if (this.byConfidence) mentions.sort((a, b) => (a.confidence ?? 2) - (b.confidence ?? 2));
        return mentions.map((m) => ({ kind: 'mention', mention: m }));
      }
      case 'actor': {
        const commitments = (await this.request(corpusRequests.commitments, { actor: node.actor, filter: this.filter })) ?? [];
        return commitments.map((c) => ({ kind: 'commitment', commitment: c }));
      }
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'section': {
        const title = { entities: vscode.l10n.t('Entities'), commitments: vscode.l10n.t('Commitments by actor'), documents: vscode.l10n.t('Documents') }[node.section];
        const item = new vscode.TreeItem(title, node.section === 'entities' ? C.Expanded : C.Collapsed);
        item.id = `section:${node.section}`;
        item.iconPath = new vscode.ThemeIcon({ entities: 'symbol-class', commitments: 'law', documents: 'files' }[node.section]);
        return item;
      }
      case 'label': {
        const item = new vscode.TreeItem(node.name, C.Collapsed);
        item.id = `label:${node.label}`;
        item.description = vscode.l10n.t('{0} · {1}', countOf('entities', node.entities), countOf('mentions', node.mentions));
        item.iconPath = new vscode.ThemeIcon('tag', new vscode.ThemeColor('charts.foreground'));
        return item;
      }
      case 'entity': {
        const item = new vscode.TreeItem(node.name, C.Collapsed);
        item.id = `entity:${node.key}`;
        item.description = [node.nameEn, String(node.mentions), this.byConfidence ? percent(node.leastConfidence) : undefined].filter(Boolean).join(' · ');
        item.tooltip = `${node.name}${node.nameEn ? `\n${node.nameEn}` : ''}\n${countOf('mentions', node.mentions)}`;
        return item;
      }
      case 'mention': {
        const m = node.mention;
        const item = new vscode.TreeItem(`${decodeURIComponent(path.posix.basename(m.uri))}:${m.range.start.line + 1}`, C.None);
        item.description = [m.text, m.statusName, percent(m.confidence)].filter(Boolean).join(' · ');
        item.iconPath = new vscode.ThemeIcon(m.status === 'suggested' ? 'circle-outline' : 'pass-filled');
        item.command = { command: 'iltizam.corpus.reveal', title: vscode.l10n.t('Reveal in the editor'), arguments: [m] };
        return item;
      }
      case 'actor': {
        const item = new vscode.TreeItem(node.actor || vscode.l10n.t('unknown actor'), C.Collapsed);
        item.id = `actor:${node.actor}`;
        item.description = String(node.commitments);
        item.iconPath = new vscode.ThemeIcon('person');
        return item;
      }
      case 'commitment': {
        const c = node.commitment;
        const item = new vscode.TreeItem(`${c.strength} · ${decodeURIComponent(path.posix.basename(c.uri))}:${c.range.start.line + 1}`, C.None);
        item.description = c.text.length > 80 ? c.text.slice(0, 79) + '…' : c.text;
        item.tooltip = [c.text, c.actors.join('، '), c.principles.join('، '), c.statusName].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon(c.status === 'suggested' ? 'circle-outline' : 'pass-filled');
        item.command = { command: 'iltizam.corpus.reveal', title: vscode.l10n.t('Reveal in the editor'), arguments: [c] };
        return item;
      }
      case 'document': {
        const d = node.document;
        const item = new vscode.TreeItem(decodeURIComponent(d.name), C.None);
        item.resourceUri = vscode.Uri.parse(d.uri);
        item.description = `${reviewName(d.review.status)} · ${vscode.l10n.t('{0} · {1}', countOf('entities', d.entities), countOf('commitments', d.commitments))}`;
        item.iconPath = new vscode.ThemeIcon(d.review.status === 'reviewed' ? 'pass-filled' : d.review.status === 'in-progress' ? 'clock' : 'circle-outline');
        item.contextValue = 'iltizamDocument';
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [item.resourceUri] };
        return item;
      }
    }
  }
}

/** The review status of each document as a badge in the explorer (and wherever files are shown). */
class ReviewDecorations implements vscode.FileDecorationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private statuses = new Map<string, ReviewState>();

  update(summary: CorpusSummary | undefined): void {
    this.statuses = new Map((summary?.documents ?? []).map((d) => [d.uri, d.review.status]));
    this.changed.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const status = this.statuses.get(uri.toString());
    if (status === 'reviewed') return new vscode.FileDecoration('✓', vscode.l10n.t('Iltizam: reviewed'), new vscode.ThemeColor('charts.green'));
    if (status === 'in-progress') return new vscode.FileDecoration('…', vscode.l10n.t('Iltizam: review in progress'), new vscode.ThemeColor('charts.yellow'));
    return undefined;
  }
}

class StatisticsView implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;

  constructor(private readonly clientOf: () => LanguageClient | undefined) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: false, localResourceRoots: [] };
    view.onDidChangeVisibility(() => view.visible && void this.refresh());
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const view = this.view;
    const client = this.clientOf();
    if (!view || !view.visible || !client) return;
    const stats = await client.sendRequest(corpusRequests.statistics, {});
    if (!stats) return;
    const overrides = vscode.workspace.getConfiguration('iltizam').get<Record<string, string>>('colors', {});
    const isDark = vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark || vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.HighContrast;
    const colours = Object.fromEntries(Object.keys(stats.annotationsByLabel).map((l) => [l, labelColour(l, overrides)[isDark ? 'dark' : 'light']]));
    const body = renderStatistics(
      stats,
      {
        title: vscode.l10n.t('Corpus statistics'),
        byLabel: vscode.l10n.t('Annotations per label'),
        byDocument: vscode.l10n.t('Annotations per document'),
        byStrength: vscode.l10n.t('Commitments by strength'),
        actors: vscode.l10n.t('Most frequent actors'),
        principles: vscode.l10n.t('Principles invoked'),
        byStatus: vscode.l10n.t('Annotations by review status'),
        empty: vscode.l10n.t('Nothing yet.'),
        labelNames: stats.labelNames,
        strengthNames: stats.strengthNames,
        statusNames: stats.statusNames,
        documents: countOf('documents', stats.documents),
      },
      colours,
    );
    const nonce = crypto.randomBytes(16).toString('hex');
    view.webview.html = `<!DOCTYPE html><html lang="${vscode.env.language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';"><style nonce="${nonce}">${statisticsStyle}</style></head><body>${body}</body></html>`;
  }
}

export class ReviewerFeatures implements vscode.Disposable {
  readonly readingViews: ReadingViews;
  private readonly tree: CorpusTree;
  private readonly treeView: vscode.TreeView<Node>;
  private readonly reviewMarks = new ReviewDecorations();
  private readonly statistics: StatisticsView;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly clientOf: () => LanguageClient | undefined,
    extensionUri?: vscode.Uri,
  ) {
    this.readingViews = new ReadingViews(clientOf, extensionUri);
    this.tree = new CorpusTree(clientOf);
    this.treeView = vscode.window.createTreeView('iltizam.corpus', { treeDataProvider: this.tree, showCollapseAll: true });
    this.statistics = new StatisticsView(clientOf);
    this.disposables.push(
      this.readingViews,
      this.treeView,
      vscode.window.registerFileDecorationProvider(this.reviewMarks),
      vscode.window.registerWebviewViewProvider('iltizam.statistics', this.statistics),
      ...this.commands(),
    );
  }

  /** A (re)started client: listen to its corpus notifications. */
  attach(client: LanguageClient): void {
    client.onNotification(corpusChangedNotification, () => this.corpusChanged());
    this.corpusChanged();
  }

  /** New annotations for a document: its reading view follows. */
  annotationsChanged(uri: string): void {
    void this.readingViews.refresh(uri);
  }

  private corpusChanged(): void {
    this.tree.refresh();
    void this.tree.getChildren({ kind: 'section', section: 'documents' }).then(() => this.reviewMarks.update(this.tree.summary));
    void this.statistics.refresh();
  }

  private describeFilter(): void {
    const { labels, statuses } = this.tree.filter;
    const parts = [labels?.length ? labels.join(', ') : '', statuses?.length ? statuses.join(', ') : ''].filter(Boolean);
    this.treeView.description = parts.length ? vscode.l10n.t('filtered: {0}', parts.join(' · ')) : undefined;
  }

  private sortByConfidence(on: boolean): void {
    this.tree.byConfidence = on;
    void vscode.commands.executeCommand('setContext', 'iltizam.corpus.sortedByConfidence', on);
    this.tree.refresh();
  }

  private documentOf(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    const node = arg as Node | undefined;
    if (node?.kind === 'document') return vscode.Uri.parse(node.document.uri);
    return vscode.window.activeTextEditor?.document.uri;
  }

  private commands(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('iltizam.corpus.refresh', () => this.corpusChanged()),
      vscode.commands.registerCommand('iltizam.corpus.sortByConfidence', () => this.sortByConfidence(true)),
      vscode.commands.registerCommand('iltizam.corpus.sortByName', () => this.sortByConfidence(false)),
      vscode.commands.registerCommand('iltizam.corpus.reveal', async (target: Wire) => {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
        const range = toRange(target.range);
        await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
      }),
      vscode.commands.registerCommand('iltizam.corpus.filterLabels', async () => {
        // Every label of the corpus, not only those the current filter leaves; the current filter ticked.
        const options = (await this.tree.allLabels()).map((l) => ({ label: l.name, value: l.label }));
        const current = new Set(this.tree.filter.labels ?? []);
        // A label filtered on that the corpus no longer has stays on offer, so that it can be unticked.
        for (const label of current) if (label !== 'Commitment' && !options.some((o) => o.value === label)) options.push({ label, value: label });
        options.push({ label: vscode.l10n.t('Commitment'), value: 'Commitment' });
        const picked = await vscode.window.showQuickPick(
          options.map((o) => ({ ...o, picked: current.has(o.value) })),
          { canPickMany: true, title: vscode.l10n.t('Show only these labels (none: all)') },
        );
        if (!picked) return;
        this.tree.filter = { ...this.tree.filter, labels: picked.map((p) => p.value) };
        this.describeFilter();
        this.tree.refresh();
      }),
      vscode.commands.registerCommand('iltizam.corpus.filterStatus', async () => {
        const options = [
          { label: vscode.l10n.t('Suggested'), value: 'suggested' },
          { label: vscode.l10n.t('Stored (any decision)'), value: 'stored' },
          { label: vscode.l10n.t('Accepted'), value: 'accepted' },
          { label: vscode.l10n.t('Annotated by hand'), value: 'manual' },
          { label: vscode.l10n.t('Corrected'), value: 'corrected' },
        ];
        const current = new Set(this.tree.filter.statuses ?? []);
        const picked = await vscode.window.showQuickPick(
          options.map((o) => ({ ...o, picked: current.has(o.value) })),
          { canPickMany: true, title: vscode.l10n.t('Show only these review statuses (none: all)') },
        );
        if (!picked) return;
        this.tree.filter = { ...this.tree.filter, statuses: picked.map((p) => p.value) };
        this.describeFilter();
        this.tree.refresh();
      }),
      vscode.commands.registerCommand('iltizam.corpus.clearFilters', () => {
        this.tree.filter = {};
        this.describeFilter();
        this.tree.refresh();
      }),
      vscode.commands.registerCommand('iltizam.setReviewStatus', async (arg?: unknown, state?: ReviewState) => {
        const uri = this.documentOf(arg);
        const client = this.clientOf();
        if (!uri || !client) return;
        const states: ReviewState[] = ['not-started', 'in-progress', 'reviewed'];
        const chosen = state ?? (await vscode.window.showQuickPick(states.map((s) => ({ label: reviewName(s), value: s })), { title: vscode.l10n.t('Review status of {0}', path.posix.basename(uri.path)) }))?.value;
        if (!chosen) return;
        try {
          await client.sendRequest(corpusRequests.setReview, { uri: uri.toString(), status: chosen } satisfies SetReviewArgs);
        } catch (err) {
          void vscode.window.showErrorMessage(vscode.l10n.t('The review status could not be saved: {0}', err instanceof Error ? err.message : String(err)));
        }
      }),
      vscode.commands.registerCommand('iltizam.showStatistics', () => vscode.commands.executeCommand('iltizam.statistics.focus')),
      vscode.commands.registerCommand('iltizam.openReadingView', async (arg?: vscode.Uri) => {
        const document = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
        if (document) await this.readingViews.open(document);
      }),
      vscode.commands.registerCommand('iltizam.saveReadingView', async (arg?: vscode.Uri) => {
        const document = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
        if (document) await this.readingViews.save(document);
      }),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
