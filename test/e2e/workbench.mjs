// Helpers that drive the VS Code workbench (code-server in headless chromium)
// the way a user does, and read what the user sees from the DOM.
// Every wait polls a condition until a deadline; there are no fixed sleeps.
import fs from 'node:fs';
import path from 'node:path';

/** Polls `fn` until it returns a truthy value; throws with `what` (and the last value) on timeout. */
export async function waitUntil(fn, { timeout = 30_000, interval = 200, what = 'condition' } = {}) {
  const t0 = Date.now();
  const deadline = t0 + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      if (last) {
        if (process.env.ILTIZAM_E2E_DEBUG) console.log(`     waited ${Date.now() - t0}ms for ${what}`);
        return last;
      }
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail = lastError ? ` (last error: ${lastError.message})` : last !== undefined ? ` (last value: ${JSON.stringify(last)})` : '';
      throw new Error(`timed out after ${timeout / 1000}s waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits until the workbench is rendered and the explorer lists the workspace files. */
export async function waitForWorkbench(page, { timeout = 120_000 } = {}) {
  await waitUntil(() => page.locator('.monaco-workbench').count(), { timeout, what: 'the workbench to render' });
  await waitUntil(() => page.locator('.explorer-folders-view .monaco-list-row').count(), {
    timeout,
    what: 'the Explorer to list the samples folder',
  });
}

/** Opens a file by clicking it in the Explorer and waits for its editor to show text. */
export async function openFileFromExplorer(page, name) {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"], .explorer-folders-view .monaco-list-row[aria-label^="${name} "]`).first();
  await waitUntil(() => row.count(), { what: `"${name}" in the Explorer` });
  await row.click();
  // A row that has just appeared may be drawn again under the click (the tree
  // refreshing after a file event): the click is then lost, so it is repeated
  // while the editor has not opened.
  let polls = 0;
  await waitUntil(
    async () => {
      const open = await page.evaluate((n) => {
        const tab = document.querySelector('.editor-group-container.active .tab.active');
        return !!tab && (tab.getAttribute('aria-label') || '').startsWith(n) && !!document.querySelector('.editor-group-container.active .monaco-editor .view-line');
      }, name);
      if (!open && ++polls % 15 === 0) await row.click({ timeout: 5_000 });
      return open;
    },
    { what: `the editor of ${name} to open` },
  );
}

/**
 * Reads the highlighting drawn in the active editor: decorations that
 * extensions add through TextEditorDecorationType are rendered by Monaco as
 * elements with generated `ced-…` class names (overlay divs in .view-overlays
 * for whole-range styles like a background, spans in .view-lines for inline
 * styles like colour and underline). Counts those whose computed style shows
 * an entity mark (background or own text colour) or a commitment mark
 * (underline, or a bottom border alone), and checks whether `needle` (text in the
 * first line) is covered by an entity mark.
 */
export function readHighlighting(page, needle) {
  return page.evaluate((needle) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    if (!editor) return { editor: false, entityMarks: 0, commitmentMarks: 0, needleMarked: false };
    const lines = editor.querySelector('.view-lines');
    const baseColor = getComputedStyle(lines).color;
    const transparent = (c) => !c || c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
    const entityRects = [];
    let entityMarks = 0;
    let commitmentMarks = 0;
    const classes = new Set();
    for (const el of editor.querySelectorAll('.view-overlays [class*="ced-"], .view-lines [class*="ced-"]')) {
      const cs = getComputedStyle(el);
      // An underline: text-decoration, or a bottom border alone (a box border around an entity is not one).
      const bottomOnly = cs.borderBottomStyle !== 'none' && parseFloat(cs.borderBottomWidth) > 0 && cs.borderTopStyle === 'none' && cs.borderLeftStyle === 'none';
      const underline = /underline/.test(cs.textDecorationLine) || bottomOnly;
      const background = !transparent(cs.backgroundColor);
      const coloured = lines.contains(el) && cs.color !== baseColor;
      for (const c of el.classList) if (c.startsWith('ced-')) classes.add(c);
      if (underline) commitmentMarks++;
      if (background || (coloured && !underline)) {
        entityMarks++;
        entityRects.push(el.getBoundingClientRect());
      }
    }
    const target = needle ? window.__iltizamE2E.firstLineRange(editor, needle)?.getBoundingClientRect() : null;
    const needleMarked =
      !!target &&
      entityRects.some((r) => r.width > 0 && r.left < target.right - 1 && r.right > target.left + 1 && r.top < target.bottom - 1 && r.bottom > target.top + 1);
    return { editor: true, entityMarks, commitmentMarks, needleMarked, decorationClasses: [...classes].sort() };

  }, needle);
}

/** The viewport rectangle of the first occurrence of `text` in the active editor's first line (null if absent). */
export function firstLineTextRect(page, text) {
  return page.evaluate((text) => {
    const ed = document.querySelector('.editor-group-container.active .monaco-editor');
    const range = ed && window.__iltizamE2E.firstLineRange(ed, text);
    if (!range) return null;
    const r = range.getClientRects()[0] || range.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  }, text);
}

/**
 * Installs in the page (before its scripts run) the DOM helpers the checks
 * share: `__iltizamE2E.firstLineRange(editor, text)` returns a DOM Range over
 * the first occurrence of `text` in the editor's first rendered line. Monaco
 * splits a line into spans (per token and decoration) and renders spaces as
 * U+00A0, so the text is searched across the line's text nodes.
 */
export async function installPageHelpers(page) {
  await page.addInitScript(() => {
    window.__iltizamE2E = {
      firstLineRange(editor, text) {
        const first = [...editor.querySelectorAll('.view-lines .view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))[0];
        if (!first) return null;
        const nodes = [];
        let all = '';
        const walker = document.createTreeWalker(first, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ n, start: all.length });
          all += n.data;
        }
        const norm = (s) => s.replace(/[\u00a0\s]/g, ' ');
        const at = norm(all).indexOf(norm(text));
        if (at < 0) return null;
        const locate = (pos) => {
          const i = nodes.findLastIndex((x) => x.start <= pos);
          return [nodes[i].n, Math.min(pos - nodes[i].start, nodes[i].n.data.length)];
        };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + text.length));
        return range;
      },
    };
  });
}

/** Texts of the visible hover widgets. */
export function hoverTexts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-hover')]
      .filter((h) => !h.classList.contains('hidden') && h.getBoundingClientRect().height > 0 && getComputedStyle(h).visibility !== 'hidden')
      .map((h) => h.innerText.trim())
      .filter(Boolean),
  );
}

/** Status bar item texts. */
export function statusBarTexts(page) {
  return page.evaluate(() => [...document.querySelectorAll('#workbench\\.parts\\.statusbar .statusbar-item')].map((e) => e.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
}

/** Texts of the notification toasts on screen. */
export function notificationTexts(page) {
  return page.evaluate(() => [...document.querySelectorAll('.notifications-toasts .notification-toast, .notification-list-item')].map((e) => e.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
}

/**
 * Runs a command from the command palette as a user does: F1, type the
 * title, click the matching entry (which must be there), and wait for the
 * palette to close (or to give way to a quick input the command opens).
 */
export async function runFromPalette(page, title) {
  // (page.evaluate, not a locator: a locator would wait for the widget to exist.)
  const visible = () =>
    page.evaluate(() => {
      const w = document.querySelector('.quick-input-widget');
      return !!w && getComputedStyle(w).display !== 'none' && w.getBoundingClientRect().height > 0;
    });
  if (await visible()) await page.keyboard.press('Escape');
  await waitUntil(async () => !(await visible()), { what: 'the quick input to close' });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // The palette closes when something else takes the focus (a webview that has just loaded does):
  // then the user opens it again.
  // A key pressed while the focus moves (into or out of a webview) can be lost: the user presses it again,
  // or uses the other shortcut.
  for (let attempt = 1; ; attempt++) {
    await page.locator('.monaco-workbench').focus().catch(() => {});
    await page.keyboard.press(attempt % 2 ? 'F1' : 'Control+Shift+P');
    try {
      await waitUntil(visible, { timeout: 5_000, what: 'the command palette to open' });
      await input.fill(`>${title}`, { timeout: 3_000 });
      break;
    } catch (e) {
      if (attempt === 6) throw e;
    }
  }
  const entry = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: title });
  let labels = [];
  await waitUntil(
    async () => {
      labels = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
      return labels.some((l) => l.replace(/\s+/g, ' ').includes(title));
    },
    { timeout: 15_000, what: `"${title}" in the command palette` },
  ).catch((e) => {
    throw new Error(`${e.message}; palette shows: ${JSON.stringify(labels.map((l) => l.replace(/\s+/g, ' ')))}`);
  });
  await entry.first().click();
  // Closed, or replaced by a quick input the command opened (a quick pick, the simple file dialog).
  await waitUntil(async () => !(await visible()) || !(await input.inputValue()).startsWith('>'), { what: 'the command palette to close after running the command' });
}

/** Rows of the Outline view: { label, level, expanded }. */
export function outlineRows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.outline-pane .monaco-list-row')]
      .map((r) => ({
        label: (r.querySelector('.monaco-icon-label .label-name, .monaco-highlighted-label') || r).innerText.replace(/\s+/g, ' ').trim(),
        aria: r.getAttribute('aria-label') || '',
        level: Number(r.getAttribute('aria-level') || 0),
        expanded: r.getAttribute('aria-expanded'),
        top: r.getBoundingClientRect().top,
      }))
      .sort((a, b) => a.top - b.top),
  );
}

/**
 * The quick input as the user sees it, or null when it is closed: its title,
 * placeholder, typed value, the rendered rows (the focused one marked with
 * `focused`) and the message under the box.
 */
export function quickInputState(page) {
  return page.evaluate(() => {
    const w = document.querySelector('.quick-input-widget');
    if (!w || getComputedStyle(w).display === 'none' || w.getBoundingClientRect().height === 0) return null;
    const input = w.querySelector('.quick-input-box input');
    return {
      title: w.querySelector('.quick-input-title')?.innerText.trim() ?? '',
      placeholder: input?.placeholder ?? '',
      value: input?.value ?? '',
      rows: [...w.querySelectorAll('.quick-input-list .monaco-list-row')]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((r) => ({ text: r.innerText.replace(/\s+/g, ' ').trim(), focused: r.classList.contains('focused') })),
      message: w.querySelector('.quick-input-message')?.innerText.trim() ?? '',
    };
  });
}

/**
 * Answers a quick pick from the keyboard: waits for the one whose placeholder
 * matches `prompt`, types `filter`, waits until the focused row matches
 * `expect` (default: `filter`), presses Enter and waits for the pick to go.
 * Returns the chosen row's text.
 */
export async function answerQuickPick(page, prompt, filter, expect = filter) {
  let state;
  await waitUntil(async () => (state = await quickInputState(page)) && prompt.test(state.placeholder), { what: `a quick pick asking ${prompt}` }).catch((e) => {
    throw new Error(`${e.message}; quick input: ${JSON.stringify(state)}`);
  });
  await page.keyboard.type(filter);
  const matches = (s) => s?.rows.find((r) => r.focused && (expect instanceof RegExp ? expect.test(r.text) : r.text.includes(expect)));
  await waitUntil(async () => matches((state = await quickInputState(page))), { what: `"${expect}" focused in the quick pick` }).catch((e) => {
    throw new Error(`${e.message}; rows: ${JSON.stringify(state?.rows)}`);
  });
  const chosen = matches(state).text;
  await page.keyboard.press('Enter');
  await waitUntil(async () => !prompt.test((await quickInputState(page))?.placeholder ?? ''), { what: `the quick pick asking ${prompt} to close` });
  return chosen;
}

/**
 * Chooses a folder or file in the file dialog VS Code shows in the browser
 * (the "simple file dialog", a quick input with the path in its box): waits
 * for the dialog whose title matches `title`, types the path (a folder with a
 * trailing slash), waits until the dialog lists it, and presses Enter.
 */
export async function chooseInFileDialog(page, title, target, { folder = true } = {}) {
  let state;
  await waitUntil(async () => (state = await quickInputState(page)) && title.test(state.title) && state.value.startsWith('/'), { what: `a file dialog titled ${title}` }).catch((e) => {
    throw new Error(`${e.message}; quick input: ${JSON.stringify(state)}`);
  });
  const value = folder ? `${target.replace(/\/$/, '')}/` : target;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(value);
  // Listed: a folder's own entries are shown (and nothing of the folder it was in); a file is the focused entry.
  const listed = (s) => {
    if (!s || s.value !== value || s.message.match(/not exist|invalid/i)) return false;
    const names = s.rows.map((r) => r.text).filter((t) => t !== '..');
    if (folder) {
      // A folder's listing starts with '..'; without it the list is still loading (and an empty
      // list would pass for an empty folder), so Enter could accept the folder shown before.
      if (path.dirname(target) !== target && !s.rows.some((r) => r.text === '..')) return false;
      const inside = new Set(fs.readdirSync(target));
      return names.every((n) => inside.has(n));
    }
    return s.rows.some((r) => r.focused && r.text === path.basename(target));
  };
  await waitUntil(
    async () => {
      state = await quickInputState(page);
      // The dialog can still be setting its own starting value when the path is typed, and end up
      // with both: the user then types the path again.
      if (state && state.value !== value) {
        await input.fill(value);
        return false;
      }
      return listed(state);
    },
    { what: `the file dialog to list ${value}` },
  ).catch((e) => {
    throw new Error(`${e.message}; quick input: ${JSON.stringify(state)}`);
  });
  await page.keyboard.press('Enter');
  await waitUntil(async () => !title.test((await quickInputState(page))?.title ?? ''), { what: `the file dialog titled ${title} to close` }).catch(async (e) => {
    throw new Error(`${e.message}; quick input: ${JSON.stringify(await quickInputState(page))}`);
  });
}

/** Right-clicks `name` in the Explorer and clicks the context menu entry `title`. */
export async function runFromExplorerContextMenu(page, name, title) {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"], .explorer-folders-view .monaco-list-row[aria-label^="${name} "]`).first();
  // A file a test has just written shows up when the file watcher reports it; early in a run it may
  // not yet, and then the user refreshes the Explorer.
  const shown = await waitUntil(() => row.count(), { timeout: 5_000, what: `"${name}" in the Explorer` }).catch(() => false);
  if (!shown) {
    await runFromPalette(page, 'Refresh Explorer');
    await waitUntil(() => row.count(), { what: `"${name}" in the Explorer after refreshing it` });
  }
  // The menu is drawn in a shadow root: playwright's locators see into it.
  const entry = page.locator('.context-view .monaco-menu .action-item .action-label').filter({ hasText: title });
  const isRow = (label) => label === name || (label ?? '').startsWith(`${name} `);
  // The Explorer re-renders (and reuses its row elements) when the file watcher reports a change, so a
  // right-click can land on the row that has just moved under the pointer. The list focuses the row
  // the menu was opened on: when that is another row, close the menu and right-click again.
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    let labels = [];
    await waitUntil(
      async () => {
        labels = await page.locator('.context-view .monaco-menu .action-item .action-label').allInnerTexts();
        return (await entry.count()) > 0;
      },
      { what: `"${title}" in the Explorer context menu of ${name}` },
    ).catch((e) => {
      throw new Error(`${e.message}; the menu shows: ${JSON.stringify(labels.filter(Boolean))}`);
    });
    const focused = await page.evaluate(() => document.querySelector('.explorer-folders-view .monaco-list-row.focused')?.getAttribute('aria-label') ?? null);
    if (isRow(focused)) break;
    await page.keyboard.press('Escape');
    await waitUntil(async () => (await entry.count()) === 0, { what: 'the misplaced context menu to close' });
    if (attempt === 3) throw new Error(`right-clicking "${name}" opened the context menu of ${JSON.stringify(focused)} three times`);
  }
  // A click that comes right after the menu opened can be ignored (the menu guards against the
  // release of the right button): click until the menu closes, which it does when it runs the entry.
  await waitUntil(
    async () => {
      if (!(await entry.count())) return true;
      await entry.first().click({ timeout: 2_000 }).catch(() => {});
      return false;
    },
    { interval: 500, what: `the context menu to run "${title}"` },
  );
}

/** Clicks the button `action` of the notification whose text matches `text`. */
export async function clickNotificationAction(page, text, action) {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  const button = toast.locator('.monaco-button').filter({ hasText: action });
  let seen = [];
  await waitUntil(async () => (seen = await notificationTexts(page)) && (await button.count()) > 0, { what: `a notification ${text} with the action "${action}"` }).catch((e) => {
    throw new Error(`${e.message}; notifications: ${JSON.stringify(seen)}`);
  });
  await button.first().click();
}
