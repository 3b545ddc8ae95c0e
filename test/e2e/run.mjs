#!/usr/bin/env node
// End-to-end tests in real VS Code: code-server (VS Code 1.99 server and
// workbench, prepared by scripts/prepare-vscode.sh) with the packaged
// extension, driven in Debian's headless chromium by playwright-core. Each
// scenario checks what a user sees and saves a screenshot to
// test-results/e2e/<scenario>.png.
//
//   npm run test:e2e                 # package, prepare, run every scenario
//   npm run test:e2e -- hover        # only scenarios whose name contains "hover"
//
// Environment:
//   ILTIZAM_E2E_VSIX=path      test this .vsix instead of running `npm run package`
//   ILTIZAM_CHROMIUM=path      chromium binary (default /usr/bin/chromium)
//   ILTIZAM_E2E_TIMEOUT=secs   hard limit for the whole run (default 900)
//   ILTIZAM_E2E_KEEP=1         keep the temporary profile folders
//   ILTIZAM_VSCODE_CACHE=dir   where code-server is prepared (see prepare-vscode.sh)
//   ILTIZAM_E2E_DEBUG=1        log how long each wait took
//   ILTIZAM_E2E_RETRIES=n      runs of a failed scenario before it counts as failed (default 1)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { installExtension, packageExtension, prepareCodeServer, repoRoot, startCodeServer, tempDir, writeProfile } from './code-server.mjs';
import { annotationEditorScenarios } from './annotationEditor.mjs';
import { reviewingScenarios } from './reviewing.mjs';
import firstRun from './firstRun.cjs';
import { learningScenarios } from './learning.mjs';
import {
  answerQuickPick,
  chooseInFileDialog,
  clickNotificationAction,
  firstLineTextRect,
  hoverTexts,
  installPageHelpers,
  notificationTexts,
  openFileFromExplorer,
  outlineRows,
  readHighlighting,
  runFromExplorerContextMenu,
  runFromPalette,
  statusBarTexts,
  waitForWorkbench,
  waitUntil,
} from './workbench.mjs';

const RESULTS = path.join(repoRoot, 'test-results', 'e2e');
const SAMPLE = 'iom-onsa-agreement.txt';
const ENTITY_AR = 'المنظمة الدولية للهجرة'; // first words of the sample
const ENTITY_FIRST_WORD = 'المنظمة';
const ENTITY_EN = 'International Organization for Migration';
const ENTITY_CARD_TITLE = `Organization: ${ENTITY_AR} — ${ENTITY_EN}`;
const CHROMIUM = process.env.ILTIZAM_CHROMIUM || '/usr/bin/chromium';
const TOTAL_TIMEOUT_S = Number(process.env.ILTIZAM_E2E_TIMEOUT || 900);
// A scenario that fails is run once more (and reported as flaky if it then passes): a real VS Code
// in a browser on two shared cores has timing no scenario can fully control.
const RETRIES = Number(process.env.ILTIZAM_E2E_RETRIES ?? 1);

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'editor.semanticHighlighting.enabled': true,
  'window.autoDetectColorScheme': false,
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.editor.enablePreview': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.commandCenter.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.hover.delay': 300,
  // The scenarios count and compare suggestions around their decisions; learning would change them
  // 2 s after each decision. The 'learning' scenario (learning.mjs) turns it on for itself.
  'iltizam.learning.enabled': false,
};

// ------------------------------------------------------------- cleanup -------
const cleanups = [];
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (e) {
        console.error(`cleanup: ${e.message}`);
      }
    }
  })();
  return cleaning;
}
let interrupted = false;
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${sig}: stopping code-server and chromium; the run is not complete`);
    cleanup().finally(() => process.exit(code));
  });
}
const hardLimit = setTimeout(() => {
  console.error(`e2e: the whole run exceeded ${TOTAL_TIMEOUT_S}s; stopping`);
  console.log('0 passed, 1 failed');
  cleanup().finally(() => process.exit(1));
}, TOTAL_TIMEOUT_S * 1000);
hardLimit.unref();

/** The folder VS Code has open: a temporary copy of samples/. */
let workspace;

// ----------------------------------------------------------- scenarios -------
/** The sample is open in the active editor (opened from the Explorer if not). */
async function ensureSampleOpen(page) {
  const open = await page.evaluate((n) => (document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') || '').startsWith(n), SAMPLE);
  if (!open) {
    const explorer = page.locator('.pane-header[aria-label^="Explorer Section"]');
    if ((await explorer.getAttribute('aria-expanded')) === 'false') await explorer.click();
    await openFileFromExplorer(page, SAMPLE);
  }
}

/** Waits until the sample shows entity and commitment marks, the first entity marked. */
async function waitForHighlighting(page, what = 'entity and commitment highlighting in the editor', timeout = 30_000) {
  let h;
  await waitUntil(
    async () => {
      h = await readHighlighting(page, ENTITY_AR);
      return h.entityMarks > 0 && h.commitmentMarks > 0 && h.needleMarked;
    },
    { timeout, what },
  ).catch((e) => {
    throw new Error(`${e.message}; seen: ${JSON.stringify(h)}`);
  });
  return h;
}

async function hoverEntityCard(page, { timeout = 30_000 } = {}) {
  // The card of the entity itself, not another one whose commitment names it.
  const isCard = (t) => t.startsWith(ENTITY_CARD_TITLE);
  let seen = [];
  let tries = 0;
  await waitUntil(
    async () => {
      // (Re)hover every ~2 s, where the word is now: a hover can be dismissed, and the line moves
      // when its decorations arrive.
      if (tries++ % 10 === 0) {
        const rect = await firstLineTextRect(page, ENTITY_FIRST_WORD);
        if (!rect) return false;
        await page.mouse.move(5, 5);
        await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 3 });
      }
      seen = await hoverTexts(page);
      return seen.some(isCard);
    },
    { timeout, what: `the hover card "${ENTITY_CARD_TITLE}" over ${ENTITY_AR}` },
  ).catch((e) => {
    throw new Error(`${e.message}; hover cards seen: ${JSON.stringify(seen)}`);
  });
  return seen.find(isCard);
}

async function dismissHover(page) {
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  await waitUntil(async () => !(await hoverTexts(page)).some((t) => t.startsWith(ENTITY_CARD_TITLE)), { timeout: 10_000, what: 'the hover card to close' });
}

function entityStatus(texts) {
  return texts.find((t) => /\d+\s+entities/i.test(t));
}

/**
 * The border styles of the entity marks over `word` in the first visible
 * editor line containing `context` (solid: stored, dashed: a suggestion).
 */
function markBorders(page, context, word) {
  return page.evaluate(
    ([context, word]) => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      if (!editor) return null;
      const norm = (s) => s.replace(/[\u00a0\s]/g, ' ');
      const lines = [...editor.querySelectorAll('.view-lines .view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      for (const line of lines) {
        const nodes = [];
        let all = '';
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ n, start: all.length });
          all += n.data;
        }
        const at = norm(all).indexOf(norm(context));
        if (at < 0) continue;
        const from = norm(all).indexOf(norm(word), at);
        const locate = (pos) => {
          const i = nodes.findLastIndex((x) => x.start <= pos);
          return [nodes[i].n, Math.min(pos - nodes[i].start, nodes[i].n.data.length)];
        };
        const range = document.createRange();
        range.setStart(...locate(from));
        range.setEnd(...locate(from + word.length));
        const r = range.getBoundingClientRect();
        const borders = [];
        for (const el of editor.querySelectorAll('.view-overlays [class*="ced-"], .view-lines [class*="ced-"]')) {
          const e = el.getBoundingClientRect();
          const cs = getComputedStyle(el);
          const overlaps = e.width > 0 && e.left < r.right - 1 && e.right > r.left + 1 && e.top < r.bottom - 1 && e.bottom > r.top + 1;
          if (overlaps && cs.borderTopStyle !== 'none' && parseFloat(cs.borderTopWidth) > 0 && cs.borderLeftStyle !== 'none') borders.push(cs.borderTopStyle);
        }
        return borders;
      }
      return null;
    },
    [context, word],
  );
}

/** The Explorer section is open (the outline scenario collapses it). */
async function showExplorer(page) {
  const explorer = page.locator('.pane-header[aria-label^="Explorer Section"]');
  if ((await explorer.getAttribute('aria-expanded')) === 'false') await explorer.click();
}

/** Names of the Explorer rows that are selected. */
function explorerSelection(page) {
  return page.evaluate(() => [...document.querySelectorAll('.explorer-folders-view .monaco-list-row.selected')].map((r) => r.getAttribute('aria-label') || ''));
}

/** The text the bottom panel's editor shows (the Output view), spaces normalised. */
function panelText(page) {
  return page.evaluate(() => [...document.querySelectorAll('.part.panel .monaco-editor .view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => l.innerText.replace(/\u00a0/g, ' ')).join('\n'));
}

/** Closes the editor tab of `name` with its close button. */
async function closeEditorTab(page, name) {
  const tab = page.locator(`.tabs-container .tab[aria-label^="${name}"]`);
  await tab.first().hover();
  await tab.first().locator('.tab-actions .action-label').click();
  await waitUntil(async () => !(await tab.count()), { what: `the ${name} tab to close` });
}

/** An empty folder at `dir`: a retried scenario must not find what its first attempt wrote. */
function freshDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

/** Clears the notifications a scenario left (a later scenario checks that there are none about Iltizam). */
async function clearNotifications(page) {
  await runFromPalette(page, 'Notifications: Clear All Notifications');
  await waitUntil(async () => !(await notificationTexts(page)).length, { what: 'the notifications to clear' });
}

const SUGGESTED_CONTEXT = 'قال السيد جيغاوري'; // line 7, not reviewed in the shipped .ann
const SUGGESTED_WORD = 'جيغاوري';

const scenarios = [
  {
    name: 'highlighting',
    title: `opening ${SAMPLE} shows entity and commitment highlighting`,
    async run(page) {
      await openFileFromExplorer(page, SAMPLE);
      // The first opening activates the extension and starts the language server: allow longer.
      const h = await waitForHighlighting(page, undefined, 90_000);
      return `${h.entityMarks} entity marks, ${h.commitmentMarks} commitment marks on screen; "${ENTITY_AR}" marked (${h.decorationClasses.length} decoration classes)`;
    },
  },
  {
    name: 'status-bar',
    title: 'the status bar shows the entity and commitment counts',
    async run(page) {
      await ensureSampleOpen(page);
      let texts = [];
      await waitUntil(async () => entityStatus((texts = await statusBarTexts(page))), { what: 'a status bar item with "<number> entities"' }).catch((e) => {
        throw new Error(`${e.message}; status bar: ${JSON.stringify(texts)}`);
      });
      const item = entityStatus(texts);
      return `status bar: "${item}"${/\d+\s+commitments/i.test(item) ? '' : ' (no commitment count in it)'}`;
    },
  },
  {
    name: 'hover',
    title: `hovering ${ENTITY_AR} shows its card with "${ENTITY_EN}"`,
    async run(page, shot) {
      await ensureSampleOpen(page);
      const card = await hoverEntityCard(page);
      // The card fades in: the screenshot waits until it is drawn in full.
      await waitUntil(
        () =>
          page.evaluate(() =>
            [...document.querySelectorAll('.monaco-hover')].some((h) => {
              if (h.classList.contains('hidden') || !h.getBoundingClientRect().height) return false;
              const widget = h.closest('.overlayWidgets > *, .monaco-hover-content, .workbench-hover-container') ?? h;
              for (let el = h; el && el !== document.body; el = el.parentElement) if (getComputedStyle(el).opacity !== '1') return false;
              return widget.getAnimations({ subtree: true }).every((a) => a.playState !== 'running');
            }),
          ),
        { what: 'the hover card to finish fading in' },
      );
      await shot();
      await dismissHover(page);
      return `hover card: "${card.replace(/\s+/g, ' ').slice(0, 120)}"`;
    },
  },
  {
    name: 'outline',
    title: 'the Outline view lists the commitments with their strength',
    async run(page) {
      await ensureSampleOpen(page);
      // Give the Outline the side bar: collapse the Explorer section, expand the Outline section.
      const explorer = page.locator('.pane-header[aria-label^="Explorer Section"]');
      if ((await explorer.getAttribute('aria-expanded')) === 'true') await explorer.click();
      const header = page.locator('.pane-header[aria-label="Outline Section"]');
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      let rows = [];
      const commitments = () => rows.find((r) => r.level === 1 && /^Commitments\b/.test(r.label));
      await waitUntil(
        async () => {
          rows = await outlineRows(page);
          if (commitments()) return true;
          // The group may be below other expanded groups: collapse them (as a user would, with the twistie).
          const open = page.locator('.outline-pane .monaco-list-row[aria-level="1"][aria-expanded="true"]').first();
          if (await open.count()) await open.locator('.monaco-tl-twistie').click();
          return false;
        },
        { what: 'a top-level "Commitments" group in the Outline view' },
      ).catch((e) => {
        throw new Error(`${e.message}; outline rows: ${JSON.stringify(rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}`))}`);
      });
      if (commitments().expanded === 'false') {
        await page.locator('.outline-pane .monaco-list-row[aria-level="1"]').filter({ hasText: /^Commitments/ }).first().locator('.monaco-tl-twistie').click();
      }
      let children = [];
      await waitUntil(
        async () => {
          rows = await outlineRows(page);
          const at = rows.findIndex((r) => r.level === 1 && /^Commitments\b/.test(r.label));
          if (at < 0) return false;
          children = [];
          for (const r of rows.slice(at + 1)) {
            if (r.level <= 1) break;
            if (r.level === 2) children.push(r.label);
          }
          return children.some((c) => /binding/i.test(c));
        },
        { what: 'commitments named with their strength (e.g. "binding") under "Commitments"' },
      ).catch((e) => {
        throw new Error(`${e.message}; children seen: ${JSON.stringify(children)}`);
      });
      return `"Commitments" lists ${children.length} visible commitments, e.g. "${children.find((c) => /binding/i.test(c))}"`;
    },
  },
  {
    name: 'toggle-highlighting',
    title: '"Iltizam: Toggle Highlighting" removes the highlighting and brings it back',
    async run(page, shot) {
      await ensureSampleOpen(page);
      await waitForHighlighting(page);
      await runFromPalette(page, 'Iltizam: Toggle Highlighting');
      let h;
      await waitUntil(async () => (h = await readHighlighting(page, ENTITY_AR)).entityMarks === 0 && !h.needleMarked, {
        what: 'the entity highlighting to disappear after the first toggle',
      }).catch((e) => {
        throw new Error(`${e.message}; seen: ${JSON.stringify(h)}`);
      });
      const off = h;
      await shot('toggle-highlighting-off');
      await runFromPalette(page, 'Iltizam: Toggle Highlighting');
      const on = await waitForHighlighting(page, 'the highlighting to come back after the second toggle');
      return `off: ${off.entityMarks} entity / ${off.commitmentMarks} commitment marks; on again: ${on.entityMarks} / ${on.commitmentMarks}`;
    },
  },
  {
    name: 'accept-suggestion',
    title: '"Iltizam: Accept the Suggestion at the Cursor" stores it in the .ann (dashed becomes solid); Ctrl+Z undoes it',
    async run(page, shot) {
      await ensureSampleOpen(page);
      await waitForHighlighting(page);
      const annFile = path.join(workspace, SAMPLE.replace(/\.txt$/, '.ann'));
      const stored = () => fs.readFileSync(annFile, 'utf8').split('\n').filter((l) => /^T\d+\tPerson /.test(l) && l.endsWith(`\t${SUGGESTED_WORD}`));
      if (stored().length) throw new Error(`"${SUGGESTED_WORD}" is already stored: ${JSON.stringify(stored())}`);
      let borders;
      await waitUntil(async () => (borders = await markBorders(page, SUGGESTED_CONTEXT, SUGGESTED_WORD))?.includes('dashed'), {
        what: `a dashed (suggested) mark over "${SUGGESTED_WORD}" on line 7`,
      }).catch((e) => {
        throw new Error(`${e.message}; borders seen: ${JSON.stringify(borders)}`);
      });
      // Put the cursor inside the word: Go to Line/Column 7:15.
      await page.keyboard.press('Control+g');
      await page.keyboard.type('7:15');
      await page.keyboard.press('Enter');
      await runFromPalette(page, 'Iltizam: Accept the Suggestion at the Cursor');
      await waitUntil(() => stored().length === 1, { what: `a Person T line for "${SUGGESTED_WORD}" in ${path.basename(annFile)}` });
      await waitUntil(async () => (borders = await markBorders(page, SUGGESTED_CONTEXT, SUGGESTED_WORD))?.includes('solid') && !borders.includes('dashed'), {
        what: `a solid (stored) mark over "${SUGGESTED_WORD}"`,
      }).catch((e) => {
        throw new Error(`${e.message}; borders seen: ${JSON.stringify(borders)}`);
      });
      const line = stored()[0];
      await shot();
      // The editor's undo key undoes the decision (the last thing done), and the file follows.
      await page.keyboard.press('Control+z');
      await waitUntil(() => stored().length === 0, { what: `the T line to leave ${path.basename(annFile)} after Ctrl+Z` });
      await waitUntil(async () => (borders = await markBorders(page, SUGGESTED_CONTEXT, SUGGESTED_WORD))?.includes('dashed'), {
        what: `the dashed mark to come back after Ctrl+Z`,
      }).catch((e) => {
        throw new Error(`${e.message}; borders seen: ${JSON.stringify(borders)}`);
      });
      return `stored "${line.replace(/\t/g, ' ')}", drawn solid; Ctrl+Z removed it and it is a (dashed) suggestion again`;
    },
  },
  {
    name: 'restart-server',
    title: '"Iltizam: Restart Language Server" restarts it and the highlighting and hover come back',
    async run(page) {
      await ensureSampleOpen(page);
      await waitForHighlighting(page);
      await runFromPalette(page, 'Iltizam: Restart Language Server');
      // The extension confirms the restart in the status bar for a few seconds.
      let seen = [];
      await waitUntil(async () => (seen = [...(await statusBarTexts(page)), ...(await notificationTexts(page))]).some((t) => /restarted/i.test(t)), {
        interval: 100,
        what: 'the status bar to confirm the restart ("… restarted")',
      }).catch((e) => {
        throw new Error(`${e.message}; status bar and notifications: ${JSON.stringify(seen)}`);
      });
      const confirmation = seen.find((t) => /restarted/i.test(t));
      const h = await waitForHighlighting(page, 'the highlighting after the restart');
      let texts = [];
      await waitUntil(async () => entityStatus((texts = await statusBarTexts(page))), { what: 'the status bar counts after the restart' }).catch((e) => {
        throw new Error(`${e.message}; status bar: ${JSON.stringify(texts)}`);
      });
      await hoverEntityCard(page); // served by the restarted server
      await dismissHover(page);
      const errors = (await notificationTexts(page)).filter((t) => /iltizam|language server|error|failed|not found/i.test(t));
      if (errors.length) throw new Error(`notifications after the restart: ${JSON.stringify(errors)}`);
      return `"${confirmation}"; then ${h.entityMarks} entity / ${h.commitmentMarks} commitment marks, "${entityStatus(texts)}", hover answers`;
    },
  },
  {
    name: 'show-output',
    title: '"Iltizam: Show Language Server Output" opens the language server\'s output channel with its start and index lines',
    async run(page) {
      await ensureSampleOpen(page);
      // The extension is up (when this scenario runs first, it is still starting).
      await waitForHighlighting(page, undefined, 90_000);
      await runFromPalette(page, 'Iltizam: Show Language Server Output');
      let text = '';
      await waitUntil(async () => /Iltizam language server \d+\.\d+\.\d+ started for /.test((text = await panelText(page))) && /Indexed \d+ documents in \d+ ms/.test(text), {
        what: 'the start and index lines in the Output view',
      }).catch((e) => {
        throw new Error(`${e.message}; the panel shows: ${JSON.stringify(text.slice(0, 600))}`);
      });
      const indexed = text.match(/Indexed \d+ documents in \d+ ms[^\n]*/)[0];
      // Put the panel away and the focus back in the editor, as later scenarios expect.
      await runFromPalette(page, 'View: Toggle Panel Visibility');
      await waitUntil(() => page.evaluate(() => !(document.querySelector('.part.panel')?.getBoundingClientRect().height > 0)), { what: 'the panel to close' });
      await runFromPalette(page, 'View: Focus Active Editor Group');
      return `the Output view shows "${indexed.trim()}"`;
    },
  },
  {
    name: 'export',
    title: '"Iltizam: Export Annotations…" exports the current document to brat through quick picks and the file dialog; "Reveal in Explorer" shows the folder',
    async run(page, shot) {
      await ensureSampleOpen(page);
      // The extension is up (when this scenario runs first, it is still starting).
      await waitForHighlighting(page, undefined, 90_000);
      const outDir = path.join(workspace, 'export-brat');
      freshDir(outDir);
      await runFromPalette(page, 'Iltizam: Export Annotations');
      await answerQuickPick(page, /^What to export/, 'current', 'The Current Document');
      await answerQuickPick(page, /^Format to export to/, 'brat', /^brat/);
      await answerQuickPick(page, /^Which annotations/, 'only', 'Stored Annotations Only');
      await chooseInFileDialog(page, /folder to write brat into/, outDir);
      const expected = [SAMPLE, SAMPLE.replace(/\.txt$/, '.ann'), 'annotation.conf'];
      await waitUntil(() => expected.every((f) => fs.existsSync(path.join(outDir, f))), { what: `${expected.join(', ')} in ${outDir}` }).catch((e) => {
        throw new Error(`${e.message}; the folder holds ${JSON.stringify(fs.readdirSync(outDir))}`);
      });
      if (!fs.readFileSync(path.join(outDir, SAMPLE)).equals(fs.readFileSync(path.join(workspace, SAMPLE)))) throw new Error('the exported text differs from the sample');
      const ann = fs.readFileSync(path.join(outDir, expected[1]), 'utf8');
      if (!ann.split('\n').some((l) => /^T\d+\tOrganization 0 22\t/.test(l) && l.endsWith(ENTITY_AR))) throw new Error(`the exported .ann has no Organization 0 22 for ${ENTITY_AR}:\n${ann.slice(0, 300)}`);
      await clickNotificationAction(page, /Exported 1 document to 3 files/, 'Reveal in Explorer');
      let selected = [];
      await waitUntil(async () => (selected = await explorerSelection(page)).includes('export-brat'), { what: 'the Explorer to select export-brat' }).catch((e) => {
        throw new Error(`${e.message}; selected: ${JSON.stringify(selected)}`);
      });
      await shot();
      await clearNotifications(page);
      fs.rmSync(outDir, { recursive: true, force: true }); // later scenarios see the samples alone
      return `wrote ${expected.join(', ')} to export-brat/; "Reveal in Explorer" selected it`;
    },
  },
  {
    name: 'export-from-explorer',
    title: '"Export Annotations…" in the Explorer context menu of a folder writes commitments.csv with the suggestions, and opens it',
    async run(page, shot) {
      const corpus = path.join(workspace, 'policies');
      freshDir(corpus);
      for (const f of fs.readdirSync(workspace).filter((f) => /\.(txt|ann)$/.test(f))) fs.copyFileSync(path.join(workspace, f), path.join(corpus, f));
      const outDir = path.join(workspace, 'export-csv');
      freshDir(outDir);
      await showExplorer(page);
      await runFromExplorerContextMenu(page, 'policies', 'Export Annotations');
      await answerQuickPick(page, /^Format to export to/, 'csv', /^CSV/);
      await answerQuickPick(page, /^Which annotations/, 'and sugg', 'Stored Annotations and Suggestions');
      await chooseInFileDialog(page, /folder to write CSV into/, outDir);
      const csv = path.join(outDir, 'commitments.csv');
      await waitUntil(() => fs.existsSync(csv), { what: `commitments.csv in ${outDir}` }).catch(async (e) => {
        throw new Error(`${e.message}; notifications: ${JSON.stringify(await notificationTexts(page))}`);
      });
      const rows = fs.readFileSync(csv, 'utf8').split(/\r?\n/).filter(Boolean);
      const documents = new Set(rows.slice(1).map((r) => r.split(',')[0]));
      const suggested = rows.filter((r) => /,suggested$/.test(r)).length;
      if (!documents.has('iom-onsa-agreement') || !documents.has('ngo-pve-working-group') || !suggested) {
        throw new Error(`commitments.csv should have both documents and suggested rows: ${JSON.stringify(rows.slice(0, 4))}`);
      }
      await clickNotificationAction(page, /Exported 2 documents to 1 file in/, 'Open commitments.csv');
      await waitUntil(() => page.evaluate(() => (document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') || '').startsWith('commitments.csv')), {
        what: 'commitments.csv to open in the editor',
      });
      await shot();
      await clearNotifications(page);
      await closeEditorTab(page, 'commitments.csv');
      for (const dir of [corpus, outDir]) fs.rmSync(dir, { recursive: true, force: true });
      return `commitments.csv: ${rows.length - 1} commitments of ${documents.size} documents, ${suggested} suggested; opened from the notification`;
    },
  },
  {
    name: 'import',
    title: '"Import Annotations…" in the Explorer context menu of a doccano .jsonl writes the text and its .ann into the chosen corpus folder',
    async run(page, shot) {
      const text = `${ENTITY_AR} تعمل في العراق.`;
      fs.writeFileSync(path.join(workspace, 'incoming.jsonl'), JSON.stringify({ document: 'imported-doc', text, label: [[0, 22, 'Organization'], [31, 37, 'Location']] }) + '\n');
      const into = path.join(workspace, 'imported');
      freshDir(into);
      await showExplorer(page);
      await runFromExplorerContextMenu(page, 'incoming.jsonl', 'Import Annotations');
      await answerQuickPick(page, /^What the offsets of incoming\.jsonl count/, 'code', 'Code Points');
      await chooseInFileDialog(page, /corpus folder to import into/, into);
      const annFile = path.join(into, 'imported-doc.ann');
      await waitUntil(() => fs.existsSync(annFile) && fs.existsSync(path.join(into, 'imported-doc.txt')), { what: `imported-doc.txt and imported-doc.ann in ${into}` }).catch(async (e) => {
        throw new Error(`${e.message}; notifications: ${JSON.stringify(await notificationTexts(page))}`);
      });
      const ann = fs.readFileSync(annFile, 'utf8');
      if (!/^T1\tOrganization 0 22\t/m.test(ann) || !/^T2\tLocation 31 37\tالعراق$/m.test(ann)) throw new Error(`unexpected .ann:\n${ann}`);
      await clickNotificationAction(page, /Imported 1 document into/, 'Open imported-doc.txt');
      await waitUntil(async () => (await firstLineTextRect(page, 'العراق')) && page.evaluate(() => (document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') || '').startsWith('imported-doc.txt')), {
        what: 'imported-doc.txt to open in the editor',
      });
      let h;
      await waitUntil(async () => (h = await readHighlighting(page, ENTITY_AR)).needleMarked, { what: `${ENTITY_AR} marked in the imported document` }).catch((e) => {
        throw new Error(`${e.message}; seen: ${JSON.stringify(h)}`);
      });
      await shot();
      await clearNotifications(page);
      await closeEditorTab(page, 'imported-doc.txt');
      for (const p of [into, path.join(workspace, 'incoming.jsonl')]) fs.rmSync(p, { recursive: true, force: true });
      return `imported-doc.ann: ${ann.trim().split('\n').length} lines; the opened text shows ${h.entityMarks} entity marks`;
    },
  },
  {
    name: 'agreement',
    title: '"Iltizam: Compare Two Annotators (Agreement)…" shows the per-label table and the disagreements of two corpus folders',
    async run(page, shot) {
      const a = path.join(workspace, 'annotator-a');
      const b = path.join(workspace, 'annotator-b');
      const ann = SAMPLE.replace(/\.txt$/, '.ann');
      for (const dir of [a, b]) {
        freshDir(dir);
        fs.copyFileSync(path.join(workspace, SAMPLE), path.join(dir, SAMPLE));
      }
      const original = fs.readFileSync(path.join(workspace, ann), 'utf8');
      fs.writeFileSync(path.join(a, ann), original);
      // Annotator B labelled مستشار الأمن القومي a person.
      const changed = original.replace(/^(T\d+)\tOrganization 24 43\t/m, '$1\tPerson 24 43\t');
      if (changed === original) throw new Error('the sample has no Organization 24 43 to relabel');
      fs.writeFileSync(path.join(b, ann), changed);
      await runFromPalette(page, 'Iltizam: Compare Two Annotators');
      await chooseInFileDialog(page, /annotator A's corpus folder/, a);
      await chooseInFileDialog(page, /annotator B's corpus folder/, b);
      let seen = [];
      await waitUntil(async () => (seen = await notificationTexts(page)).some((t) => /Agreement over 1 document: overlap F1 [\d.]+, exact F1 [\d.]+, 1 disagreement\./.test(t)), {
        what: 'the agreement summary notification',
      }).catch((e) => {
        throw new Error(`${e.message}; notifications: ${JSON.stringify(seen)}`);
      });
      let report = '';
      // The Output view scrolls to the end of the report: the last rows of the table, kappa and the disagreements.
      await waitUntil(async () => /^Commitment +4 +0 +0 +100\.0 \|/m.test((report = await panelText(page))) && /^overall +\d+/m.test(report) && /label +A: Organization \[24, 43\).*B: Person \[24, 43\)/.test(report), {
        what: 'the report (per-label rows, overall, the label disagreement) in the Output view',
      }).catch((e) => {
        throw new Error(`${e.message}; the panel shows: ${JSON.stringify(report.slice(0, 600))}`);
      });
      await shot();
      await clearNotifications(page);
      for (const dir of [a, b]) fs.rmSync(dir, { recursive: true, force: true });
      return `"${seen.find((t) => /Agreement over/.test(t)).replace(/^.*?(Agreement over)/, '$1')}"; the Output panel shows the table and the disagreement`;
    },
  },
  ...reviewingScenarios(() => workspace),
  ...annotationEditorScenarios(() => workspace),
  // Last: the only scenario with learning on (it turns it off again when it ends).
  ...learningScenarios(() => workspace, { markBorders, panelText, closeEditorTab }),
];

// ---------------------------------------------------------------- main -------
async function main() {
  const filter = process.argv.slice(2);
  const selected = scenarios.filter((s) => !filter.length || filter.some((f) => s.name.includes(f)));
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const results = [];
  let page;
  let userDataDir;
  const t0 = Date.now();
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

  // A first run prepares the machine itself (or says which command to run, when only root can).
  const step = firstRun.firstRunStep(firstRun.machineState(repoRoot));
  if (step.action === 'tell') {
    console.error(step.message);
    process.exit(step.exitCode);
  }
  if (step.action === 'prepare') console.log(step.message);

  try {
    const vsix = process.env.ILTIZAM_E2E_VSIX ? path.resolve(process.env.ILTIZAM_E2E_VSIX) : packageExtension();
    // Installs the Debian packages as root and builds the cache the first time; at once afterwards.
    const entry = prepareCodeServer();
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`chromium not found at ${CHROMIUM} (ILTIZAM_CHROMIUM): install Debian's chromium (apt-get install chromium) or run scripts/prepare-vscode.sh as root`);
    }
    const tmp = tempDir('iltizam-e2e-');
    if (!process.env.ILTIZAM_E2E_KEEP) cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
    userDataDir = path.join(tmp, 'user-data');
    // A copy of samples/: annotating writes .ann files, which must not touch the repository.
    workspace = path.join(tmp, 'samples');
    fs.cpSync(path.join(repoRoot, 'samples'), workspace, { recursive: true });
    const extensionsDir = path.join(tmp, 'extensions');
    const config = writeProfile(userDataDir, SETTINGS);
    installExtension(entry, { vsix, extensionsDir, userDataDir, config });
    console.log(`e2e: installed ${path.relative(repoRoot, vsix) || vsix} into a fresh profile (${since()})`);

    const server = await startCodeServer(entry, {
      folder: workspace,
      userDataDir,
      extensionsDir,
      config,
      logFile: path.join(RESULTS, 'code-server.log'),
    });
    cleanups.push(async () => {
      // Keep the VS Code logs (extension host, language server output) for diagnosis.
      try {
        fs.cpSync(path.join(userDataDir, 'logs'), path.join(RESULTS, 'logs'), { recursive: true });
      } catch {
        /* no logs */
      }
    });
    cleanups.push(server.stop);
    console.log(`e2e: code-server listening at ${server.url} (${since()})`);

    const context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      locale: 'en-US',
      viewport: { width: 1400, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--lang=en-US',
      ],
    });
    cleanups.push(() => context.close());
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000); // locator actions; the checks poll with their own deadlines
    const consoleLog = fs.createWriteStream(path.join(RESULTS, 'browser-console.log'));
    cleanups.push(() => new Promise((r) => consoleLog.end(r)));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
    await installPageHelpers(page);
    await page.goto(server.url);
    await waitForWorkbench(page);
    console.log(`e2e: workbench ready in chromium ${context.browser()?.version() ?? ''} (${since()})`);
  } catch (e) {
    console.error(`e2e: setup failed: ${e.message}`);
    if (page) await page.screenshot({ path: path.join(RESULTS, 'setup.png') }).catch(() => {});
    for (const s of selected) results.push({ name: s.name, ok: false, message: 'setup failed' });
  }

  if (!results.length) {
    for (const s of selected) {
      if (interrupted) break;
      const screenshot = (name = s.name) => page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
      for (let attempt = 1; attempt <= 1 + RETRIES; attempt++) {
        let shotTaken = false;
        const started = Date.now();
        try {
          const detail = await s.run(page, async (name) => {
            await screenshot(name);
            if (!name || name === s.name) shotTaken = true;
          });
          if (!shotTaken) await screenshot();
          results.push({ name: s.name, ok: true, attempts: attempt });
          const flaky = attempt > 1 ? ` [flaky: passed on attempt ${attempt}]` : '';
          console.log(`ok   ${s.name}: ${s.title} (${((Date.now() - started) / 1000).toFixed(1)}s)${flaky}\n     ${detail}`);
          break;
        } catch (e) {
          if (interrupted) break;
          const shotName = attempt > 1 ? s.name : `${s.name}-attempt-${attempt}`;
          await screenshot(shotName).catch(() => {});
          const last = attempt === 1 + RETRIES;
          if (last) results.push({ name: s.name, ok: false });
          console.log(
            `${last ? 'FAIL' : 'RETRY'} ${s.name}: ${s.title} (attempt ${attempt} of ${1 + RETRIES})\n     ${e.message.split('\n').join('\n     ')}\n     screenshot: ${path.relative(repoRoot, path.join(RESULTS, `${shotName}.png`))}`,
          );
          // Leave the workbench in a neutral state for the next attempt or scenario.
          await page.keyboard.press('Escape').catch(() => {});
          await clearNotifications(page).catch(() => {});
        }
      }
    }
  }

  await cleanup();
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`e2e: screenshots and logs in ${path.relative(repoRoot, RESULTS)}/ (${since()})`);
  const flaky = results.filter((r) => r.ok && r.attempts > 1).map((r) => r.name);
  console.log(`${passed} passed, ${failed} failed${flaky.length ? ` (passed on a later attempt: ${flaky.join(', ')})` : ''}`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(e);
    await cleanup();
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
