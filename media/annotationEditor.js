// The annotation editor's page script (client/src/annotationEditor.ts sends it
// the model built by server/src/render/annotationEditor.ts). It draws the
// chunks of paragraphs that come into view, moves between marks, reads keys
// and mouse, and posts each decision to the extension; it decides nothing
// itself and never counts code points (the extension and the server do).
// Offsets are UTF-16 indices of the document's text, as the DOM counts.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const article = document.getElementById('document');
  const statusLine = document.getElementById('status');
  const orderLine = document.getElementById('order');
  const menu = document.getElementById('menu');

  let model = null;
  let sections = [];
  const filled = new Set();
  const wanted = new Set(); // chunks in view whose HTML has not come yet
  let shown = []; // the HTML each section shows
  let pxPerChar = 0.55;
  let current = null; // id of the focused mark
  let orderMode = 'document';
  let pending = null; // { start } to focus after the next model (after a decision)
  let picking = null; // { id, role, chosen: Set }
  let selection = null; // { anchor, focus } of a selection in the page
  let openedAt = null;
  let awaitingFocus = null;

  const marksById = new Map();
  const ui = () => (model && model.ui) || {};

  // ---- drawing ------------------------------------------------------------------
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) fill(Number(e.target.dataset.chunk));
  }, { rootMargin: '1500px 0px' });

  /** Draws chunk i; without its HTML yet, asks the extension for it (drawn when it comes). */
  function fill(i, force) {
    if ((filled.has(i) && !force) || !sections[i]) return;
    const html = model.chunks[i].html;
    if (html === undefined) {
      if (!wanted.has(i)) vscode.postMessage({ type: 'want', generation: model.generation, index: i });
      wanted.add(i);
      return;
    }
    wanted.delete(i);
    const s = sections[i];
    if (shown[i] === html) return;
    s.innerHTML = html;
    shown[i] = html;
    s.style.minHeight = '';
    filled.add(i);
    const chars = model.chunks[i].end - model.chunks[i].start;
    if (chars > 2000 && s.offsetHeight > 0) pxPerChar = s.offsetHeight / chars;
    decorate(s);
  }

  /** Marks of the focused annotation, and chosen entities while picking. */
  function decorate(root) {
    for (const el of root.querySelectorAll('.current, .chosen')) el.classList.remove('current', 'chosen');
    if (current) for (const el of root.querySelectorAll(`[data-id="${CSS.escape(current)}"]`)) el.classList.add('current');
    if (picking) for (const id of picking.chosen) for (const el of root.querySelectorAll(`[data-id="${CSS.escape(id)}"]`)) el.classList.add('chosen');
  }

  function sameChunks(a, b) {
    return a && a.chunks.length === b.chunks.length && a.chunks.every((c, i) => c.start === b.chunks[i].start && c.end === b.chunks[i].end);
  }

  function show(next) {
    const before = model;
    model = next;
    marksById.clear();
    for (const m of model.marks) marksById.set(m.id, m);
    if (sameChunks(before, next)) {
      // The same paragraphs: each drawn chunk is redrawn when its new HTML comes (now, or in an html message).
      wanted.clear();
      for (const i of filled) fill(i, true);
    } else {
      observer.disconnect();
      filled.clear();
      wanted.clear();
      shown = [];
      article.textContent = '';
      sections = model.chunks.map((c, i) => {
        const s = document.createElement('section');
        s.className = 'chunk';
        s.dataset.chunk = String(i);
        s.style.minHeight = `${Math.round((c.end - c.start) * pxPerChar)}px`;
        article.appendChild(s);
        return s;
      });
      // What is in view at once, the rest as it scrolls near.
      const firstScreen = Math.max(1, Math.ceil(window.innerHeight / Math.max(1, 12000 * pxPerChar)) + 1);
      for (let i = 0; i < Math.min(firstScreen, sections.length); i++) fill(i);
      for (const s of sections) observer.observe(s);
    }
    article.setAttribute('aria-busy', 'false');
    if (current && !marksById.has(current)) current = null;
    if (model.focus) focusSpan(model.focus.start, model.focus.end);
    else if (pending) focusAfter(pending.start);
    pending = null;
    decorateAll();
    statusLine.textContent = describe(current) || model.remaining;
    orderLine.textContent = orderMode === 'document' ? ui().orderDocument : ui().orderConfidence;
    if (openedAt && model.marks.length) {
      // The first marks drawn (the first chunk's, provisional, or the exact view's), for the report.
      const at = openedAt;
      requestAnimationFrame(() => {
        if (!article.dataset.marksMs) article.dataset.marksMs = String(Date.now() - at);
      });
    }
    if (openedAt) {
      // How long the view took to show the text, then its marks, since the editor was opened (for the report).
      const at = openedAt;
      const key = model.loading ? 'textMs' : 'openMs';
      if (!model.loading) openedAt = null;
      requestAnimationFrame(() => {
        if (!article.dataset[key]) article.dataset[key] = String(Date.now() - at);
      });
    }
  }

  function decorateAll() {
    for (const i of filled) decorate(sections[i]);
  }

  function chunkOf(offset) {
    let lo = 0;
    let hi = model.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (model.chunks[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function elementOf(id) {
    const m = marksById.get(id);
    if (!m) return null;
    fill(chunkOf(m.start));
    return article.querySelector(`[data-id="${CSS.escape(id)}"][tabindex]`);
  }

  // ---- focus and order ----------------------------------------------------------
  function describe(id) {
    const m = id && marksById.get(id);
    if (!m) return '';
    const el = elementOf(id);
    return `${el ? el.getAttribute('aria-label') : m.label} \u2066[${m.cpStart}, ${m.cpEnd})\u2069`;
  }

  function focusMark(id) {
    const el = elementOf(id);
    if (!el) {
      // Its chunk's HTML is on its way: focused when it comes.
      if (marksById.has(id)) awaitingFocus = id;
      return;
    }
    awaitingFocus = null;
    current = id;
    decorateAll();
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    statusLine.textContent = describe(id);
  }

  function focusSpan(start, end) {
    const m = model.marks.find((x) => x.start === start && x.end === end && x.kind === 'entity') || model.marks.find((x) => x.start === start && x.end === end);
    if (m) focusMark(m.id);
  }

  /** After a decision: the next undecided suggestion from where the decided one was, in the current order. */
  function focusAfter(start) {
    const order = model.order[orderMode];
    if (!order.length) {
      current = null;
      return;
    }
    const next = orderMode === 'document' ? order.find((id) => marksById.get(id).start >= start) || order[0] : order[0];
    focusMark(next);
  }

  function move(step) {
    const order = model.order[orderMode];
    if (!order.length) {
      statusLine.textContent = ui().none;
      return;
    }
    let i = current ? order.indexOf(current) : -1;
    if (i < 0 && current && orderMode === 'document') {
      const at = marksById.get(current).start;
      i = step > 0 ? order.findIndex((id) => marksById.get(id).start > at) - 1 : order.findIndex((id) => marksById.get(id).start >= at);
      if (i < -1) i = step > 0 ? order.length - 1 : 0;
    }
    const next = i < 0 ? (step > 0 ? 0 : order.length - 1) : (i + step + order.length) % order.length;
    focusMark(order[next]);
  }

  // ---- decisions ------------------------------------------------------------------
  function decide(message, advance) {
    const m = current && marksById.get(current);
    if (advance && m) pending = { start: m.start };
    closeMenu();
    vscode.postMessage(message);
  }

  function act(action, digit) {
    if (action === 'next' || action === 'previous') return move(action === 'next' ? 1 : -1);
    if (action === 'toggleOrder') {
      orderMode = orderMode === 'document' ? 'confidence' : 'document';
      orderLine.textContent = orderMode === 'document' ? ui().orderDocument : ui().orderConfidence;
      return;
    }
    if (action === 'close') {
      if (picking) {
        picking = null;
        decorateAll();
        statusLine.textContent = describe(current);
      }
      return closeMenu();
    }
    if (action === 'label' && selection) {
      const choice = model.labels[digit - 1];
      if (choice) annotate(choice.label);
      return;
    }
    if (action === 'accept' && picking) return finishPicking();
    const m = current && marksById.get(current);
    if (!m) return move(1);
    switch (action) {
      case 'accept': return decide({ type: 'decide', action: 'accept', id: m.id }, true);
      case 'reject': return decide({ type: 'decide', action: 'reject', id: m.id }, true);
      case 'delete': return decide({ type: 'decide', action: 'delete', id: m.id }, true);
      case 'label': {
        const choice = model.labels[digit - 1];
        if (choice && m.kind === 'entity' && !choice.commitment) decide({ type: 'relabel', id: m.id, label: choice.label }, m.status === 'suggested');
        return;
      }
      case 'growEnd': return decide({ type: 'resize', id: m.id, edge: 'end', grow: true }, false);
      case 'shrinkEnd': return decide({ type: 'resize', id: m.id, edge: 'end', grow: false }, false);
      case 'growStart': return decide({ type: 'resize', id: m.id, edge: 'start', grow: true }, false);
      case 'shrinkStart': return decide({ type: 'resize', id: m.id, edge: 'start', grow: false }, false);
      case 'note': return openMenu(m, 'note');
      case 'menu': return openMenu(m);
    }
  }

  function annotate(label) {
    const s = selection;
    selection = null;
    closeMenu();
    window.getSelection().removeAllRanges();
    vscode.postMessage({ type: 'annotate', anchor: s.anchor, focus: s.focus, label });
  }

  function finishPicking() {
    const p = picking;
    picking = null;
    decorateAll();
    vscode.postMessage({ type: 'arguments', id: p.id, role: p.role, ids: [...p.chosen] });
  }

  // ---- the menu -------------------------------------------------------------------
  function button(text, key, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (key) {
      const k = document.createElement('kbd');
      k.dir = 'ltr';
      k.textContent = key;
      b.appendChild(k);
    }
    b.addEventListener('click', onClick);
    menu.appendChild(b);
    return b;
  }

  function heading(text) {
    const h = document.createElement('h3');
    h.textContent = text;
    menu.appendChild(h);
  }

  function place(rect) {
    menu.classList.add('open');
    const top = Math.min(rect.bottom + 4, window.innerHeight - menu.offsetHeight - 4);
    const left = Math.max(4, Math.min(rect.right - menu.offsetWidth, window.innerWidth - menu.offsetWidth - 4));
    menu.style.top = `${Math.max(4, top)}px`;
    menu.style.left = `${left}px`;
    const first = menu.querySelector('button, textarea');
    if (first) first.focus();
  }

  function closeMenu() {
    if (!menu.classList.contains('open')) return;
    menu.classList.remove('open');
    menu.textContent = '';
    const el = current && elementOf(current);
    if (el) el.focus({ preventScroll: true });
  }

  function openMenu(m, only) {
    menu.textContent = '';
    menu.setAttribute('aria-label', ui().actions);
    const el = elementOf(m.id);
    heading(el ? el.getAttribute('aria-label') : m.label);
    if (only === 'note') return noteForm(m, el);
    button(ui().accept, 'A', () => decide({ type: 'decide', action: 'accept', id: m.id }, true));
    button(ui().reject, 'X', () => decide({ type: 'decide', action: 'reject', id: m.id }, true));
    if (m.kind === 'entity') {
      heading(ui().changeLabel);
      model.labels.forEach((l, i) => {
        if (l.label !== m.label && !l.commitment) button(l.name, i < 9 ? String(i + 1) : '', () => decide({ type: 'relabel', id: m.id, label: l.label }, m.status === 'suggested'));
      });
    } else {
      heading(ui().strength);
      for (const s of model.strengths) button(s.name, '', () => decide({ type: 'strength', id: m.id, strength: s.strength }, false));
      button(ui().chooseActors, '', () => startPicking(m, 'actors'));
      button(ui().choosePrinciples, '', () => startPicking(m, 'principles'));
    }
    button(ui().note, 'E', () => openMenu(m, 'note'));
    if (m.status !== 'suggested') button(ui().delete, 'Delete', () => decide({ type: 'decide', action: 'delete', id: m.id }, true));
    place(el ? el.getBoundingClientRect() : article.getBoundingClientRect());
  }

  function noteForm(m, el) {
    const area = document.createElement('textarea');
    area.rows = 3;
    area.dir = 'auto';
    area.setAttribute('aria-label', ui().note);
    menu.appendChild(area);
    button(ui().saveNote, 'Ctrl+Enter', () => decide({ type: 'note', id: m.id, note: area.value }, false));
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) decide({ type: 'note', id: m.id, note: area.value }, false);
      if (e.key === 'Escape') closeMenu();
      e.stopPropagation();
    });
    place(el ? el.getBoundingClientRect() : article.getBoundingClientRect());
  }

  function startPicking(m, role) {
    closeMenu();
    picking = { id: m.id, role, chosen: new Set(role === 'actors' ? m.actorIds || [] : m.principleIds || []) };
    decorateAll();
    statusLine.textContent = ui().picking;
  }

  function labelPicker(rect) {
    menu.textContent = '';
    menu.setAttribute('aria-label', ui().labelSelection);
    heading(ui().labelSelection);
    model.labels.forEach((l, i) => button(l.name, i < 9 ? String(i + 1) : '', () => annotate(l.label)));
    place(rect);
  }

  // ---- selections -------------------------------------------------------------------
  /** The document offset of a point in the page: the paragraph's start plus the text before it, labels and notes left out. */
  function offsetOf(node, offset) {
    const el = node.nodeType === 1 ? node : node.parentNode;
    const p = el && el.closest('p[data-p]');
    if (!p || !article.contains(p)) return null;
    const range = document.createRange();
    range.setStart(p, 0);
    range.setEnd(node, offset);
    const before = range.cloneContents();
    for (const skip of before.querySelectorAll('[data-skip]')) skip.remove();
    return Number(p.dataset.p) + before.textContent.length;
  }

  document.addEventListener('mouseup', (e) => {
    if (menu.contains(e.target) || !model) return;
    const s = window.getSelection();
    if (!s || s.isCollapsed) return;
    const anchor = offsetOf(s.anchorNode, s.anchorOffset);
    const focus = offsetOf(s.focusNode, s.focusOffset);
    if (anchor === null || focus === null || anchor === focus) return;
    selection = { anchor, focus };
    labelPicker(s.getRangeAt(0).getBoundingClientRect());
  });

  article.addEventListener('click', (e) => {
    const s = window.getSelection();
    if (s && !s.isCollapsed) return;
    const el = e.target.closest('[data-id]');
    if (!el) return;
    const id = el.dataset.id;
    const m = marksById.get(id);
    if (!m) return;
    if (picking) {
      if (m.kind !== 'entity') return;
      if (picking.chosen.has(id)) picking.chosen.delete(id);
      else picking.chosen.add(id);
      decorateAll();
      return;
    }
    focusMark(id);
    openMenu(m);
  });

  // ---- keys ---------------------------------------------------------------------------
  function matches(k, e, key) {
    if (!!k.shift !== e.shiftKey || !!k.alt !== e.altKey) return false;
    if (k.key === '1-9') return /^[1-9]$/.test(key) || /^(Digit|Numpad)[1-9]$/.test(e.code);
    if (k.key.length === 1) return key === k.key || e.code === `Key${k.key.toUpperCase()}`;
    return key === k.key;
  }

  function actionOf(e) {
    if (e.ctrlKey || e.metaKey || !model) return undefined;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    for (const { action, keys } of model.keys) {
      for (const k of keys) {
        if (!matches(k, e, key)) continue;
        const digit = k.key === '1-9' ? Number(/[1-9]/.exec(e.code)?.[0] || key) : undefined;
        return { action, digit };
      }
    }
    return undefined;
  }

  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLTextAreaElement) return;
    const found = actionOf(e);
    if (!found) return;
    // In the menu, Enter and Space press its buttons.
    if (menu.contains(e.target) && (e.key === 'Enter' || e.key === ' ')) return;
    if (found.action !== 'label' && selection && found.action !== 'close') selection = null;
    e.preventDefault();
    act(found.action, found.digit);
  });

  document.addEventListener('selectionchange', () => {
    const s = window.getSelection();
    if (s && s.isCollapsed && !menu.contains(document.activeElement)) selection = null;
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'model') {
      if (message.openedAt && !message.loading) article.dataset.modelMs = String(Date.now() - message.openedAt);
      // Whether the first marks shown were the first chunk's alone (provisional) or the whole view's (for the report).
      if (message.openedAt && message.marks.length && !article.dataset.firstMarks) article.dataset.firstMarks = message.loading ? 'provisional' : 'exact';
      if (message.openedAt) openedAt = message.openedAt;
      show(message);
    }
    if (message.type === 'html' && model && message.generation === model.generation) {
      model.chunks[message.index].html = message.html;
      if (filled.has(message.index) || wanted.has(message.index)) fill(message.index, true);
      if (awaitingFocus && marksById.has(awaitingFocus) && chunkOf(marksById.get(awaitingFocus).start) === message.index) focusMark(awaitingFocus);
    }
    if (message.type === 'act' && model) act(message.action, message.digit);
    if (message.type === 'notice') {
      statusLine.textContent = message.text;
      if (!model) article.setAttribute('aria-busy', 'false');
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
