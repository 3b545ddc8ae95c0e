// End-to-end scenarios of the reviewers' features: the corpus view in its
// own activity-bar container, and the right-to-left reading view that moves
// the editor's cursor when a span is clicked.
import fs from 'node:fs';
import path from 'node:path';
import { openFileFromExplorer, runFromPalette, statusBarTexts, waitUntil } from './workbench.mjs';

const SAMPLE = 'iom-onsa-agreement.txt';
const ENTITY_AR = 'المنظمة الدولية للهجرة';
const ENTITY_EN = 'International Organization for Migration';
// The second entity of the sample's first line: clicking it must move the cursor there.
const SECOND_ENTITY = 'مستشار الأمن القومي';
// A suggestion on a line the shipped .ann leaves unreviewed.
const SUGGESTION = 'جيغاوري';

/** Rows of the corpus tree: label, description, level, expanded. */
function corpusRows(page) {
  return page.evaluate(() => {
    const pane = [...document.querySelectorAll('.pane')].find((p) => /Corpus/.test(p.querySelector('.pane-header')?.getAttribute('aria-label') || ''));
    if (!pane) return null;
    return [...pane.querySelectorAll('.monaco-list-row')]
      .map((r) => ({
        label: (r.querySelector('.label-name') || r).innerText.replace(/\s+/g, ' ').trim(),
        description: (r.querySelector('.label-description') || { innerText: '' }).innerText.replace(/\s+/g, ' ').trim(),
        level: Number(r.getAttribute('aria-level') || 0),
        expanded: r.getAttribute('aria-expanded'),
        top: r.getBoundingClientRect().top,
      }))
      .sort((a, b) => a.top - b.top);
  });
}

/** Clicks the twistie of the corpus row whose label is `label` (expanding it). */
async function expandCorpusRow(page, label) {
  const row = page.locator('.pane .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
}

/** The first frame in which `test` holds (webviews nest two iframes deep); a frame is found by what it shows. */
async function frameWhere(page, test) {
  for (const frame of page.frames()) if (await frame.evaluate(test).catch(() => false)) return frame;
  return undefined;
}

/** The frame that holds the reading view's document. */
function readingFrame(page) {
  return frameWhere(page, () => !!document.querySelector('article#document mark'));
}

/** Shows the Iltizam container (its corpus view) from the activity bar. */
function showIltizamContainer(page) {
  return page.locator('.part.activitybar .action-item a[aria-label^="Iltizam"], .part.activitybar .action-item[aria-label^="Iltizam"]').first().click();
}

/** The reviewers' scenarios; `workspace()` is the folder VS Code has open. */
export const reviewingScenarios = (workspace) => [
  {
    name: 'corpus-view',
    title: 'the corpus view in its activity-bar container lists the samples\' entities, down to their mentions',
    async run(page, shot) {
      await showIltizamContainer(page);
      let rows = null;
      await waitUntil(async () => (rows = await corpusRows(page)) && rows.some((r) => r.label === 'Organization'), { timeout: 60_000, what: 'an "Organization" group in the corpus view' }).catch((e) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(rows)}`);
      });
      await expandCorpusRow(page, 'Organization');
      await waitUntil(async () => (rows = await corpusRows(page)).some((r) => r.label === ENTITY_AR && r.description.includes(ENTITY_EN)), { what: `${ENTITY_AR} with its English name in the corpus view` }).catch((e) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(rows.map((r) => `${r.label} | ${r.description}`))}`);
      });
      await expandCorpusRow(page, ENTITY_AR);
      await waitUntil(async () => (rows = await corpusRows(page)).some((r) => r.label.startsWith(`${SAMPLE}:`)), { what: `mentions of ${ENTITY_AR} in ${SAMPLE}` });
      await shot();
      const entity = rows.find((r) => r.label === ENTITY_AR);
      const mentions = rows.filter((r) => r.label.startsWith(`${SAMPLE}:`) || r.label.startsWith('ngo-pve-working-group.txt:'));
      return `${entity.label} — ${entity.description}; ${mentions.length} mention rows, e.g. "${mentions[0].label} ${mentions[0].description}"`;
    },
  },
  {
    name: 'corpus-filter',
    title: 'filtering the corpus view by label keeps only that label, and the filter still offers every label of the corpus',
    async run(page, shot) {
      // The corpus view is open (corpus-view); shown again if a scenario before closed it. Its labels
      // are the second level, under Entities.
      let rows = await corpusRows(page);
      if (!rows?.some((r) => r.level === 2)) await showIltizamContainer(page);
      await waitUntil(async () => (rows = await corpusRows(page)) && rows.some((r) => r.label === 'Organization' && r.level === 2), { timeout: 60_000, what: 'the corpus view with its Organization group' });
      /** The rows of the label picker: text and whether ticked. */
      const pickerRows = () =>
        page.evaluate(() =>
          [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].map((r) => ({
            text: (r.querySelector('.label-name') || r).innerText.replace(/\s+/g, ' ').trim(),
            ticked: r.getAttribute('aria-checked') === 'true' || !!r.querySelector('input[type=checkbox]:checked'),
          })),
        );
      const openPicker = async () => {
        await runFromPalette(page, 'Iltizam: Filter the Corpus View by Label');
        let seen = [];
        await waitUntil(async () => (seen = await pickerRows()).some((r) => r.text === 'Location'), { what: 'the label picker' }).catch((e) => {
          throw new Error(`${e.message}; rows: ${JSON.stringify(seen)}`);
        });
        return seen;
      };
      await openPicker();
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: /^\s*Location\s*$/ }).first().click();
      await waitUntil(async () => (await pickerRows()).some((r) => r.text === 'Location' && r.ticked), { what: 'Location ticked' });
      await page.keyboard.press('Enter');
      await waitUntil(async () => {
        rows = await corpusRows(page);
        const top = rows.filter((r) => r.level === 2).map((r) => r.label);
        return top.includes('Location') && !top.includes('Organization');
      }, { what: 'only the Location group in the corpus view' }).catch((e) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(rows?.filter((r) => r.level === 2).map((r) => r.label))}`);
      });
      await shot();
      // Filtered to one label, the picker still offers the others, with the filter ticked.
      const offered = await openPicker();
      const labels = offered.map((r) => r.text);
      if (!labels.includes('Organization') || !offered.find((r) => r.text === 'Location')?.ticked || offered.find((r) => r.text === 'Organization')?.ticked) {
        throw new Error(`the picker should offer every label with Location alone ticked: ${JSON.stringify(offered)}`);
      }
      await page.keyboard.press('Escape');
      await runFromPalette(page, "Iltizam: Clear the Corpus View's Filters");
      await waitUntil(async () => (rows = await corpusRows(page)).some((r) => r.label === 'Organization' && r.level === 2), { what: 'every group back after clearing the filters' });
      return `filtered to Location; the picker then offered ${labels.length} labels (${labels.join(', ')}) with Location ticked`;
    },
  },
  {
    name: 'reading-view',
    title: 'the reading view opens right-to-left, clicking a span moves the editor\'s cursor to it, and it follows decisions',
    async run(page, shot) {
      // Open the sample from the Explorer, then the reading view beside it.
      // Show the Explorer (clicking its icon while it is shown would hide the side bar), its section expanded.
      const explorerShown = await page.evaluate(() => (document.querySelector('.explorer-folders-view')?.getBoundingClientRect().width ?? 0) > 0);
      if (!explorerShown) await page.locator('.part.activitybar .action-item a[aria-label^="Explorer"], .part.activitybar .action-item[aria-label^="Explorer"]').first().click();
      const section = page.locator('.pane-header[aria-label^="Explorer Section"]');
      await waitUntil(() => section.count(), { what: 'the Explorer section' });
      if ((await section.getAttribute('aria-expanded')) === 'false') await section.click();
      await openFileFromExplorer(page, SAMPLE);
      await runFromPalette(page, 'Iltizam: Open the Reading View');
      let frame;
      await waitUntil(async () => (frame = await readingFrame(page)), { timeout: 30_000, what: 'the reading view with marked spans' });
      const layout = await frame.evaluate(() => ({
        dir: document.documentElement.dir,
        direction: getComputedStyle(document.querySelector('article#document p')).direction,
        marks: document.querySelectorAll('mark.entity').length,
        notes: document.querySelectorAll('.note').length,
      }));
      if (layout.dir !== 'rtl' || layout.direction !== 'rtl') throw new Error(`the reading view is not right-to-left: ${JSON.stringify(layout)}`);
      if (!layout.marks || !layout.notes) throw new Error(`no entity marks or commitment notes: ${JSON.stringify(layout)}`);
      const target = await frame.evaluate((text) => {
        const mark = [...document.querySelectorAll('mark.entity')].find((m) => m.firstChild?.textContent === text);
        return mark && { start: Number(mark.dataset.start) };
      }, SECOND_ENTITY);
      if (!target) throw new Error(`no mark for ${SECOND_ENTITY} in the reading view`);
      await frame.locator('mark.entity', { hasText: SECOND_ENTITY }).first().click();
      // The sample's first line starts at offset 0: the cursor goes to column start + 1.
      const expected = `Ln 1, Col ${target.start + 1}`;
      let texts = [];
      await waitUntil(async () => (texts = await statusBarTexts(page)).some((t) => t.includes(expected)), { what: `the cursor at ${expected} after the click` }).catch((e) => {
        throw new Error(`${e.message}; status bar: ${JSON.stringify(texts)}`);
      });
      // And the view follows the cursor: the clicked span is highlighted.
      await waitUntil(() => frame.evaluate((text) => [...document.querySelectorAll('mark.current')].some((m) => m.textContent.startsWith(text)), SECOND_ENTITY), { what: 'the span at the cursor highlighted in the view' });
      await shot();
      // It updates as the annotations change: accept a suggestion from the view, then undo it.
      const suggestedMark = () =>
        frame.evaluate((text) => {
          const mark = [...document.querySelectorAll('mark.entity')].find((m) => m.firstChild?.textContent === text);
          return mark ? mark.classList.contains('suggested') : null;
        }, SUGGESTION);
      if ((await suggestedMark()) !== true) throw new Error(`${SUGGESTION} is not a suggestion in the reading view`);
      await frame.locator('mark.entity.suggested', { hasText: SUGGESTION }).first().click();
      await runFromPalette(page, 'Iltizam: Accept the Suggestion at the Cursor');
      await waitUntil(async () => (await suggestedMark()) === false, { what: `${SUGGESTION} drawn as stored in the reading view after accepting it` });
      await runFromPalette(page, 'Iltizam: Undo the Last Annotation Decision');
      await waitUntil(async () => (await suggestedMark()) === true, { what: `${SUGGESTION} a suggestion again in the reading view after the undo` });
      return `dir=${layout.dir}, ${layout.marks} entity marks, ${layout.notes} commitment notes; clicking ${SECOND_ENTITY} put the cursor at ${expected}; accepting ${SUGGESTION} and undoing it updated the view`;
    },
  },
  {
    name: 'reading-view-waits',
    title: 'the reading view of a text not annotated yet says so, then shows the document in Noto Naskh Arabic once it is Arabic',
    async run(page, shot) {
      const name = 'draft-notes.txt';
      const file = path.join(workspace(), name);
      fs.writeFileSync(file, 'Draft notes for the meeting.\n');
      try {
        await openFileFromExplorer(page, name);
        await runFromPalette(page, 'Iltizam: Open the Reading View');
        // Frames are found by what they show: the sample's reading view may still be open beside it.
        await waitUntil(
          () => frameWhere(page, () => /draft-notes\.txt is not annotated yet/.test(document.querySelector('article#document .placeholder')?.textContent ?? '')),
          { what: 'the reading view saying draft-notes.txt is not annotated yet' },
        );
        // The annotator replaces the notes with Arabic text: the same view fills in.
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText('مسودة: وقعت المنظمة الدولية للهجرة اتفاقية تعاون مع وزارة الهجرة والمهجرين في بغداد.');
        let frame;
        await waitUntil(
          async () =>
            (frame = await frameWhere(page, () => /مسودة/.test(document.querySelector('article#document')?.textContent ?? '') && !!document.querySelector('article#document mark.entity'))),
          { what: 'the reading view to show the Arabic text with its entities' },
        );
        // The bundled font, not whatever the machine has.
        let fonts;
        await waitUntil(
          async () =>
            (fonts = await frame.evaluate(async () => {
              await document.fonts.ready;
              return [...document.fonts].map((f) => `${f.family.replace(/"/g, '')}:${f.status}`);
            })).includes('Noto Naskh Arabic:loaded'),
          { what: 'Noto Naskh Arabic loaded in the reading view' },
        ).catch((e) => {
          throw new Error(`${e.message}; fonts: ${JSON.stringify(fonts)}`);
        });
        const marks = await frame.evaluate(() => [...document.querySelectorAll('article#document mark.entity')].map((m) => m.firstChild?.textContent));
        await shot();
        await runFromPalette(page, 'File: Revert File');
        await runFromPalette(page, 'View: Close All Editors');
        return `placeholder first; then ${marks.length} entity marks (${marks.slice(0, 3).join('، ')}) in Noto Naskh Arabic`;
      } finally {
        fs.rmSync(file, { force: true });
      }
    },
  },
];
