// End-to-end scenarios of the right-to-left annotation editor (issue 15): a
// custom editor over the text document whose decisions land in the .ann.
// Each scenario writes its own text into the workspace and removes it after.
import fs from 'node:fs';
import path from 'node:path';
import { openFileFromExplorer, runFromPalette, waitUntil } from './workbench.mjs';

const OPEN_COMMAND = 'Iltizam: Open the Annotation Editor (Right to Left)';
// A name after an emoji: the emoji is two UTF-16 units and one code point, so the .ann's offsets are one less than the editor's.
const EMOJI_TEXT = '🌍 كريمة العبيدي تحدثت أمام المنظمة الدولية للهجرة في بغداد عن حماية المهاجرين.\n';
const NAME = 'كريمة العبيدي';
// A text with several suggestions (organisations, places, dates, principles), for reviewing by keys.
const REVIEW_TEXT = [
  'وقعت المنظمة الدولية للهجرة ومفوضية الأمم المتحدة لشؤون اللاجئين في 12 مارس 2024 مذكرة تفاهم في بغداد.',
  'تلتزم وزارة الهجرة والمهجرين بحماية حقوق الإنسان ومبدأ عدم الإضرار في الموصل والبصرة وأربيل.',
  'ويدعو الاتحاد الأوروبي إلى مكافحة الاتجار بالبشر في العراق.',
  '',
].join('\n');
const EDIT_TEXT = 'وقعت المنظمة الدولية للهجرة اتفاقية مع وزارة الهجرة والمهجرين في بغداد.\n';
const ORG = 'المنظمة الدولية للهجرة';

/** The first frame in which `test(arg)` holds (webviews nest two iframes deep). */
async function frameWhere(page, test, arg) {
  for (const frame of page.frames()) if (await frame.evaluate(test, arg).catch(() => false)) return frame;
  return undefined;
}

/** The annotation editor's frame of a file, once it shows marks. */
async function editorFrame(page, name, what = `the annotation editor of ${name} with its marks`) {
  let frame;
  await waitUntil(async () => (frame = await frameWhere(page, (n) => document.title === n && !!document.querySelector('article#document [data-id][tabindex]'), name)), { timeout: 45_000, what });
  return frame;
}

async function quickOpen(page, name) {
  await page.locator('.monaco-workbench').focus().catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await waitUntil(() => input.isVisible(), { what: 'Quick Open' });
  await input.fill(name);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: name });
  await waitUntil(() => row.count(), { what: `${name} in Quick Open` });
  await row.first().click();
  await waitUntil(() => page.evaluate((n) => (document.querySelector('.editor-group-container.active .tab.active')?.getAttribute('aria-label') || '').startsWith(n), name), { what: `the editor of ${name}` });
}

/** Opens a file of the workspace in the text editor, then in the annotation editor by the command. */
async function openInAnnotationEditor(page, name) {
  // A file written just after the workbench started may not be listed in the Explorer (its watcher
  // starting): the user opens it by name with Quick Open, which searches the folder.
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`);
  if (await waitUntil(() => row.count(), { timeout: 10_000, what: name }).catch(() => false)) await openFileFromExplorer(page, name);
  else await quickOpen(page, name);
  await runFromPalette(page, OPEN_COMMAND);
  return editorFrame(page, name);
}

function annLines(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** The T line of a text in a .ann: { id, label, start, end }. */
function tLineOf(lines, text) {
  for (const line of lines) {
    const m = /^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$/.exec(line);
    if (m && m[5] === text) return { id: m[1], label: m[2], start: Number(m[3]), end: Number(m[4]) };
  }
  return undefined;
}

/** The review status of a T id; a commitment's is on its event (E line). */
function reviewOf(lines, id) {
  const event = lines.map((l) => /^(E\d+)\t\S+:(T\d+)/.exec(l)).find((m) => m && m[2] === id);
  if (event) id = event[1];
  for (const line of lines) {
    const m = /^A\d+\tReview ([TE]\d+) (\S+)$/.exec(line);
    if (m && m[1] === id) return m[2];
  }
  return undefined;
}

/** The focused mark of the view: its id, text (without the label), label class and whether it is a suggestion. */
function focused(frame) {
  return frame.evaluate(() => {
    const el = document.querySelector('[data-id].current[tabindex]');
    if (!el) return null;
    const copy = el.cloneNode(true);
    for (const skip of copy.querySelectorAll('[data-skip]')) skip.remove();
    return { id: el.dataset.id, start: Number(el.dataset.start), end: Number(el.dataset.end), text: copy.textContent, suggested: el.classList.contains('suggested'), entity: el.classList.contains('entity') };
  });
}

/** Drags the mouse across `needle` in the view (right to left) and returns the text then selected. */
async function dragAcross(page, frame, needle) {
  const rect = await frame.evaluate((n) => {
    const p = document.querySelector('article#document p[data-p]');
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const i = t.data.indexOf(n);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i);
      r.setEnd(t, i + n.length);
      const b = r.getBoundingClientRect();
      return { left: b.left, right: b.right, top: b.top, height: b.height };
    }
    return null;
  }, needle);
  if (!rect) throw new Error(`${needle} is not one run of text in the view`);
  const box = await (await frame.frameElement()).boundingBox();
  const y = box.y + rect.top + rect.height / 2;
  await page.mouse.move(box.x + rect.right - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + (rect.left + rect.right) / 2, y, { steps: 4 });
  await page.mouse.move(box.x + rect.left + 1, y, { steps: 4 });
  await page.mouse.up();
  return frame.evaluate(() => window.getSelection().toString());
}

async function closeAndRemove(page, files) {
  await runFromPalette(page, 'View: Close All Editors');
  for (const f of files) fs.rmSync(f, { force: true });
}

export const annotationEditorScenarios = (workspace) => [
  {
    name: 'annotation-editor-emoji',
    title: 'the annotation editor: a name after an emoji, selected with the mouse and labelled from the picker, is stored with code-point offsets',
    async run(page, shot) {
      const name = 'emoji-note.txt';
      const file = path.join(workspace(), name);
      const ann = file.replace(/\.txt$/, '.ann');
      fs.writeFileSync(file, EMOJI_TEXT);
      try {
        const frame = await openInAnnotationEditor(page, name);
        const layout = await frame.evaluate(() => ({ dir: document.querySelector('article#document p[data-p]')?.getAttribute('dir'), direction: getComputedStyle(document.querySelector('article#document p[data-p]')).direction }));
        if (layout.dir !== 'rtl' || layout.direction !== 'rtl') throw new Error(`the paragraphs are not right-to-left: ${JSON.stringify(layout)}`);
        // The bundled font loaded first: its glyphs are wider than the fallback's, and the text moves when it comes.
        await waitUntil(() => frame.evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Noto Naskh Arabic' && f.status === 'loaded');
        }), { what: 'Noto Naskh Arabic loaded in the annotation editor' });
        // Drag across the name, as a user does: from its right edge (where it starts) to its left edge; a drag that
        // did not select exactly the name (the layout moved under the mouse) is made again.
        let selected = '';
        await waitUntil(async () => {
          await page.keyboard.press('Escape');
          selected = await dragAcross(page, frame, NAME);
          return selected === NAME;
        }, { timeout: 30_000, interval: 500, what: `a drag selecting exactly ${NAME}` }).catch((e) => {
          throw new Error(`${e.message}; selected: ${JSON.stringify(selected)}`);
        });
        await waitUntil(() => frame.evaluate(() => [...document.querySelectorAll('#menu.open button')].some((b) => b.textContent.includes('Person'))), { what: 'the label picker with Person' });
        await shot('annotation-editor-picker');
        await frame.locator('#menu.open button', { hasText: 'Person' }).click();
        let t;
        await waitUntil(() => (t = tLineOf(annLines(ann), NAME)), { what: `a T line for ${NAME} in ${path.basename(ann)}` }).catch((e) => {
          throw new Error(`${e.message}; .ann: ${JSON.stringify(annLines(ann))}`);
        });
        // 🌍 and a space before it: code points 0 and 1, the name from 2 to 2 + its length.
        const expected = { label: 'Person', start: 2, end: 2 + [...NAME].length };
        if (t.label !== expected.label || t.start !== expected.start || t.end !== expected.end) throw new Error(`the T line is ${JSON.stringify(t)}, expected ${JSON.stringify(expected)}`);
        await waitUntil(() => frame.evaluate((n) => [...document.querySelectorAll('mark.entity.l-Person:not(.suggested)')].some((m) => m.firstChild?.textContent === n), NAME), { what: `${NAME} drawn as a stored Person in the view` });
        await shot();
        return `selected ${NAME} after 🌍 with the mouse, chose Person: "${t.id}\tPerson ${t.start} ${t.end}\t${NAME}" (UTF-16 ${t.start + 1}–${t.end + 1})`;
      } finally {
        await closeAndRemove(page, [file, ann]);
      }
    },
  },
  {
    name: 'annotation-editor-keys',
    title: 'the annotation editor: five suggestions reviewed with keys alone (accept, reject, relabel), each decision one key, land in the .ann',
    async run(page, shot) {
      const name = 'review-keys.txt';
      const file = path.join(workspace(), name);
      const ann = file.replace(/\.txt$/, '.ann');
      fs.writeFileSync(file, REVIEW_TEXT);
      try {
        const frame = await openInAnnotationEditor(page, name);
        const openMs = await frame.evaluate(() => document.querySelector('article#document').dataset.openMs);
        await frame.locator('#bar').click();
        await page.keyboard.press('n');
        let mark;
        await waitUntil(async () => (mark = await focused(frame))?.suggested, { what: 'the first undecided suggestion focused after N' });
        // Enter accepts, X rejects, a digit relabels (2: Person); each moves on to the next suggestion.
        const keys = ['Enter', 'x', 'Enter', '2', 'Enter'];
        const decided = [];
        for (const key of keys) {
          // A commitment has no other label: it is accepted instead.
          const pressed = !mark.entity && key === '2' ? 'Enter' : key;
          await page.keyboard.press(pressed);
          decided.push({ key: pressed, ...mark });
          const before = mark;
          await waitUntil(async () => (mark = await focused(frame)) && mark.suggested && mark.start > before.start, { what: `the next suggestion focused after pressing ${key} on ${before.text}` }).catch((e) => {
            throw new Error(`${e.message}; focused: ${JSON.stringify(mark)}`);
          });
        }
        await shot();
        const expectStatus = { Enter: 'accepted', x: 'rejected', 2: 'corrected' };
        let problems = [];
        await waitUntil(() => {
          const lines = annLines(ann);
          problems = decided.flatMap((d) => {
            const t = tLineOf(lines, d.text);
            if (!t) return [`no T line for ${d.text}`];
            const status = reviewOf(lines, t.id);
            const wanted = d.key === '2' ? ['corrected', 'accepted'] : [expectStatus[d.key]];
            if (!wanted.includes(status)) return [`${d.text}: ${status}, expected ${wanted.join(' or ')}`];
            if (d.key === '2' && t.label !== 'Person') return [`${d.text} labelled ${t.label}, expected Person`];
            return [];
          });
          return problems.length === 0;
        }, { what: 'the five decisions in the .ann' }).catch((e) => {
          throw new Error(`${e.message}; ${problems.join('; ')}; .ann: ${JSON.stringify(annLines(ann))}`);
        });
        return `N, then ${keys.join(', ')}: one key per decision (${decided.map((d) => `${d.text} → ${d.key}`).join('; ')}); opened in ${openMs} ms`;
      } finally {
        await closeAndRemove(page, [file, ann]);
      }
    },
  },
  {
    name: 'annotation-editor-follows-edits',
    title: 'the annotation editor follows an edit made in the text editor: the marks move with the text',
    async run(page, shot) {
      const name = 'edit-follow.txt';
      const file = path.join(workspace(), name);
      fs.writeFileSync(file, EDIT_TEXT);
      try {
        const frame = await openInAnnotationEditor(page, name);
        const startOf = () => frame.evaluate((org) => {
          const m = [...document.querySelectorAll('mark.entity[tabindex]')].find((x) => x.firstChild?.textContent === org);
          return m ? Number(m.dataset.start) : null;
        }, ORG);
        let before;
        await waitUntil(async () => (before = await startOf()) !== null, { what: `${ORG} marked in the annotation editor` });
        // The text editor's tab (opened first; the annotation editor has its own tab beside it): type at the start.
        const tabs = page.locator('.editor-group-container.active .tab').filter({ hasText: name });
        await waitUntil(async () => (await tabs.count()) === 2, { what: 'the text editor and the annotation editor of the file in two tabs' });
        await tabs.nth(0).click();
        const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
        await waitUntil(() => lines.count(), { what: 'the text editor of the file' });
        await lines.first().click();
        await page.keyboard.press('Control+Home');
        const inserted = 'تمهيد: ';
        await page.keyboard.insertText(inserted);
        let after;
        await waitUntil(async () => (after = await startOf()) === before + inserted.length, { what: `${ORG} moved by ${inserted.length} in the annotation editor` }).catch((e) => {
          throw new Error(`${e.message}; before ${before}, now ${after}`);
        });
        await tabs.nth(1).click();
        await shot();
        await tabs.nth(0).click();
        await runFromPalette(page, 'File: Revert File');
        return `${ORG} at ${before}, after typing «${inserted}» in the text editor at ${after} in the annotation editor`;
      } finally {
        await closeAndRemove(page, [file]);
      }
    },
  },
  {
    name: 'annotation-editor-undo',
    title: 'the annotation editor: Ctrl+Z undoes a decision made with a key, in the view and in the .ann',
    async run(page, shot) {
      const name = 'undo-note.txt';
      const file = path.join(workspace(), name);
      const ann = file.replace(/\.txt$/, '.ann');
      fs.writeFileSync(file, EDIT_TEXT);
      try {
        const frame = await openInAnnotationEditor(page, name);
        await frame.locator('#bar').click();
        await page.keyboard.press('n');
        let mark;
        await waitUntil(async () => (mark = await focused(frame))?.suggested, { what: 'a suggestion focused after N' });
        const chosen = mark;
        await page.keyboard.press('Enter');
        await waitUntil(() => reviewOf(annLines(ann), tLineOf(annLines(ann), chosen.text)?.id) === 'accepted', { what: `${chosen.text} accepted in the .ann` });
        const isSuggested = () => frame.evaluate((start) => document.querySelector(`[data-start="${start}"][tabindex]`)?.classList.contains('suggested'), chosen.start);
        await waitUntil(async () => (await isSuggested()) === false, { what: `${chosen.text} drawn as stored` });
        await page.keyboard.press('Control+z');
        await waitUntil(() => !tLineOf(annLines(ann), chosen.text), { what: `the decision on ${chosen.text} gone from the .ann after Ctrl+Z` }).catch((e) => {
          throw new Error(`${e.message}; .ann: ${JSON.stringify(annLines(ann))}`);
        });
        await waitUntil(async () => (await isSuggested()) === true, { what: `${chosen.text} a suggestion again in the view` });
        await shot();
        return `accepted ${chosen.text} with Enter, Ctrl+Z made it a suggestion again (view and .ann)`;
      } finally {
        await closeAndRemove(page, [file, ann]);
      }
    },
  },
  {
    name: 'annotation-editor-1mb',
    title: 'the annotation editor opens a 1 MB text: the text at once, the first chunk\'s marks, then all its marks; scrolling to the end draws the last paragraph with its marks',
    async run(page, shot) {
      const name = 'large-1mb.txt';
      const file = path.join(workspace(), name);
      const lines = REVIEW_TEXT.trimEnd().split('\n');
      const out = [];
      let bytes = 0;
      for (let i = 0; bytes < 1_000_000; i++) {
        const line = `${i + 1}. ${lines[i % lines.length]}`;
        out.push(line);
        bytes += Buffer.byteLength(line, 'utf8') + 1;
      }
      fs.writeFileSync(file, out.join('\n') + '\n');
      try {
        const frame = await openInAnnotationEditor(page, name);
        let times;
        await waitUntil(async () => (times = await frame.evaluate(() => ({ ...document.querySelector('article#document').dataset }))).openMs, { timeout: 60_000, what: 'the marks drawn' });
        const sections = await frame.evaluate(() => ({ all: document.querySelectorAll('section.chunk').length, drawn: document.querySelectorAll('section.chunk p').length > 0 ? [...document.querySelectorAll('section.chunk')].filter((s) => s.firstChild).length : 0 }));
        if (sections.drawn >= sections.all) throw new Error(`every chunk was drawn at once: ${JSON.stringify(sections)}`);
        // The end of the document: its last paragraph, drawn with its marks once scrolled to.
        await frame.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        const last = out.length;
        await waitUntil(() => frame.evaluate((n) => [...document.querySelectorAll('section.chunk p[data-p]')].some((p) => p.textContent.startsWith(`${n}. `) && !!p.querySelector('mark.entity')), last), { timeout: 30_000, what: `paragraph ${last} drawn with its marks after scrolling to the end` });
        await shot();
        return `${(bytes / 1e6).toFixed(2)} MB, ${out.length} paragraphs in ${sections.all} chunks (${sections.drawn} drawn at first): the text after ${times.textMs ?? '?'} ms, the first marks (${times.firstMarks ?? '?'}) drawn after ${times.marksMs ?? '?'} ms, the whole model received after ${times.modelMs} ms and its marks drawn after ${times.openMs} ms (from the editor's opening)`;
      } finally {
        await closeAndRemove(page, [file]);
      }
    },
  },
  {
    name: 'annotation-editor-span-actors',
    title: 'the annotation editor: Shift+← extends a suggestion by a word; the actor of a commitment is chosen by clicking the entity',
    async run(page, shot) {
      const name = 'span-actors.txt';
      const file = path.join(workspace(), name);
      const ann = file.replace(/\.txt$/, '.ann');
      const ministry = 'وزارة الهجرة والمهجرين';
      fs.writeFileSync(file, EDIT_TEXT);
      try {
        const frame = await openInAnnotationEditor(page, name);
        await frame.locator('#bar').click();
        // N until the organisation (a suggestion) has the focus.
        let mark;
        await waitUntil(async () => {
          mark = await focused(frame);
          if (mark?.text === ORG) return true;
          await page.keyboard.press('n');
          return false;
        }, { what: `${ORG} focused by N` });
        // Right to left, Shift+← takes the next word into the span: accepted, then moved.
        await page.keyboard.press('Shift+ArrowLeft');
        const longer = `${ORG} اتفاقية`;
        await waitUntil(() => tLineOf(annLines(ann), longer)?.label === 'Organization', { what: `«${longer}» stored as an Organization` }).catch((e) => {
          throw new Error(`${e.message}; .ann: ${JSON.stringify(annLines(ann))}`);
        });
        await waitUntil(async () => (mark = await focused(frame))?.text === longer, { what: `the longer span focused in the view` });
        // The commitment: P back to it, M for its menu, choose who commits, click the ministry, Enter.
        await waitUntil(async () => {
          mark = await focused(frame);
          if (mark && !mark.entity) return true;
          await page.keyboard.press('p');
          return false;
        }, { what: 'the commitment focused by P' });
        await page.keyboard.press('m');
        await frame.locator('#menu.open button', { hasText: 'Choose who commits' }).click();
        // The current actors are shown chosen; a click on the ministry adds it, or takes it out if it was one.
        const chosen = () => frame.evaluate((m) => [...document.querySelectorAll('mark.entity.chosen')].some((x) => x.textContent.startsWith(m)), ministry);
        const wasActor = await chosen();
        await frame.locator('mark.entity[tabindex]', { hasText: ministry }).first().click();
        await waitUntil(async () => (await chosen()) === !wasActor, { what: `${ministry} ${wasActor ? 'no longer' : ''} chosen` });
        await page.keyboard.press('Enter');
        let args = '';
        await waitUntil(() => {
          const lines = annLines(ann);
          const t = tLineOf(lines, ministry);
          args = lines.find((l) => /^E\d+\t/.test(l)) ?? '';
          const actor = !!t && new RegExp(`Actor\\d*:${t.id}(\\s|$)`).test(args);
          return /^E\d+\t/.test(args) && actor === !wasActor;
        }, { what: `${ministry} ${wasActor ? 'no longer' : 'now'} an actor of the commitment in the .ann` }).catch((e) => {
          throw new Error(`${e.message}; .ann: ${JSON.stringify(annLines(ann))}`);
        });
        await shot();
        return `Shift+← stored «${longer}»; a click on ${ministry} ${wasActor ? 'took it out of' : 'added it to'} the actors: ${args.replace(/\t/g, ' ')}`;
      } finally {
        await closeAndRemove(page, [file, ann]);
      }
    },
  },
];
