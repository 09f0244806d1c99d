// Small DOM helpers shared by the page's tools. Text always goes in as text, never as HTML.

/** `el('p', { class: 'hint', id }, 'text', child)`: an element with attributes and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

/** Replaces the children of `node`. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c != null && c !== false));
}

/** JSON for people: two-space indent, as an API reference shows it. */
export const pretty = (value) => JSON.stringify(value, null, 2);

/** Text with `[start, end)` wrapped in <mark> (an empty range marks the position with a caret). */
export function marked(text, start, end = start + 1) {
  const before = text.slice(0, start);
  const inside = text.slice(start, Math.max(end, start));
  const after = text.slice(Math.max(end, start));
  // An empty range or a line break would be an invisible mark: show a symbol for it.
  const shown = inside === '' ? '\u2038' : inside === '\n' ? '\u21b5\n' : inside;
  const mark = el('mark', {}, shown);
  return [before, mark, after];
}

/** Copies text to the clipboard, falling back to a hidden textarea where the API is refused. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', { class: 'sr-only', 'aria-hidden': 'true', tabindex: '-1' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
