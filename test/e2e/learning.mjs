// The end-to-end scenario of learning from decisions (issue 14): the only one
// run with iltizam.learning.enabled (the others keep it off, since learning
// changes the suggestions a little after each decision). It turns learning on
// in the workspace folder's settings, and off again at the end, after
// "Forget What the Tagger Learnt".
import fs from 'node:fs';
import path from 'node:path';
import { openFileFromExplorer, runFromPalette, waitUntil } from './workbench.mjs';

// Made-up sentences (not from any corpus): the shipped analysis suggests the name in A (after «السيد»)
// and misses it in B, where only «بغداد» is found.
const NAME = 'زيدوني الكرماني';
const NAME_WORD = 'زيدوني';
const A = { file: 'learning-a.txt', text: `وصرح السيد ${NAME} بأن الخطة جاهزة.\n` };
const B = { file: 'learning-b.txt', text: `واجتمع ${NAME} مع الوزراء في بغداد.\n`, context: 'واجتمع زيدوني' };

/** `helpers`: markBorders, panelText and closeEditorTab of run.mjs. */
export const learningScenarios = (workspace, { markBorders, panelText, closeEditorTab }) => [
  {
    name: 'learning',
    title: 'with learning on, a name accepted in one document is suggested in another where the shipped model missed it',
    async run(page, shot) {
      const root = workspace();
      const settingsDir = path.join(root, '.vscode');
      const settingsFile = path.join(settingsDir, 'settings.json');
      const learnt = ['tagger-adaptation.json', 'learnt-lexicon.json'].map((f) => path.join(root, '.iltizam', f));
      const annA = path.join(root, A.file.replace(/\.txt$/, '.ann'));
      // A retried attempt starts from nothing its first attempt wrote.
      for (const f of [annA, ...learnt]) fs.rmSync(f, { force: true });
      for (const d of [A, B]) fs.writeFileSync(path.join(root, d.file), d.text);
      fs.mkdirSync(settingsDir, { recursive: true });
      fs.writeFileSync(settingsFile, JSON.stringify({ 'iltizam.learning.enabled': true }, null, 2));
      const opened = [];
      let borders;
      try {
        await runFromPalette(page, 'View: Show Explorer');
        // B first: the shipped model finds «بغداد» there, not the name.
        await openFileFromExplorer(page, B.file);
        opened.push(B.file);
        await waitUntil(async () => (borders = await markBorders(page, 'في بغداد', 'بغداد'))?.length > 0, { timeout: 90_000, what: `a mark over «بغداد» in ${B.file}` });
        borders = await markBorders(page, B.context, NAME_WORD);
        if (borders?.length) throw new Error(`the shipped model already suggests «${NAME}» in ${B.file}: ${JSON.stringify(borders)}`);
        // The server has read the folder's setting: its output says so.
        await runFromPalette(page, 'Iltizam: Show Language Server Output');
        let text = '';
        await waitUntil(async () => /Learning from the decisions in .* is on\./.test((text = await panelText(page))), { timeout: 60_000, what: 'the output to say that learning is on' }).catch((e) => {
          throw new Error(`${e.message}; the panel shows: ${JSON.stringify(text.slice(-600))}`);
        });
        await runFromPalette(page, 'View: Toggle Panel Visibility');
        await waitUntil(() => page.evaluate(() => !(document.querySelector('.part.panel')?.getBoundingClientRect().height > 0)), { what: 'the panel to close' });

        // A: the name is a suggestion; accept it at the cursor.
        await openFileFromExplorer(page, A.file);
        opened.push(A.file);
        await waitUntil(async () => (borders = await markBorders(page, 'السيد', NAME_WORD))?.includes('dashed'), { timeout: 60_000, what: `a dashed (suggested) mark over «${NAME_WORD}» in ${A.file}` });
        await runFromPalette(page, 'View: Focus Active Editor Group');
        await page.keyboard.press('Control+g');
        await page.keyboard.type(`1:${A.text.indexOf(NAME_WORD) + 3}`);
        await page.keyboard.press('Enter');
        await runFromPalette(page, 'Iltizam: Accept the Suggestion at the Cursor');
        const accepted = () => fs.existsSync(annA) && fs.readFileSync(annA, 'utf8').split('\n').some((l) => /^T\d+\tPerson /.test(l) && l.endsWith(`\t${NAME}`));
        await waitUntil(accepted, { what: `a Person T line for «${NAME}» in ${path.basename(annA)}` });

        // B again: a little after the decision, the name is suggested there.
        await openFileFromExplorer(page, B.file);
        await waitUntil(async () => (borders = await markBorders(page, B.context, NAME_WORD))?.includes('dashed'), { timeout: 90_000, what: `a dashed (suggested) mark over «${NAME_WORD}» in ${B.file} after the decision in ${A.file}` }).catch((e) => {
          throw new Error(`${e.message}; borders seen: ${JSON.stringify(borders)}; learnt files: ${JSON.stringify(learnt.filter((f) => fs.existsSync(f)).map((f) => path.basename(f)))}`);
        });
        await shot();
        const files = learnt.filter((f) => fs.existsSync(f)).map((f) => path.basename(f));
        return `«${NAME}» accepted in ${A.file}; suggested (dashed) in ${B.file}, where the shipped model missed it; kept in .iltizam/: ${files.join(', ')}`;
      } finally {
        // Learning forgotten and off again, the documents gone: the other scenarios see the samples as they were.
        await runFromPalette(page, 'Iltizam: Forget What the Tagger Learnt from the Decisions').catch(() => {});
        await waitUntil(() => learnt.every((f) => !fs.existsSync(f)), { what: 'the learnt files to be deleted' }).catch(() => {});
        fs.rmSync(settingsDir, { recursive: true, force: true });
        for (const name of opened.reverse()) await closeEditorTab(page, name).catch(() => {});
        for (const f of [A.file, B.file, path.basename(annA)]) fs.rmSync(path.join(root, f), { force: true });
      }
    },
  },
];
