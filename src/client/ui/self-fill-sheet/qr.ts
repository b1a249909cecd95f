/**
 * The QR codes of a batch come from the server as SVG documents, to be drawn inline on the sheet and in the saved
 * file. Only what a QR drawing needs is kept (svg, g, path, rect; their geometry and colours), rebuilt as text from the
 * parsed tree: no script, link, style, event handler or foreign element can reach the page whatever the answer holds.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const ELEMENTS = new Set(['svg', 'g', 'path', 'rect']);
const ATTRIBUTES = new Set([
  'viewBox',
  'width',
  'height',
  'x',
  'y',
  'd',
  'fill',
  'stroke',
  'stroke-width',
  'shape-rendering',
  'transform',
  'version',
]);
/** Numbers, path commands, colours (#000000, black) and transforms: nothing that could name a URL or a script. */
const SAFE_VALUE = /^[-#.,()\w\s]*$/;

/** The server's QR drawing as clean SVG markup sized by its container (no width or height of its own), or null when it is not one. */
export function cleanQrSvg(svg: string): string | null {
  let root: Element;
  try {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    root = doc.documentElement;
    if (doc.getElementsByTagName('parsererror').length > 0) return null;
  } catch {
    return null;
  }
  if (root.localName !== 'svg' || root.namespaceURI !== SVG_NS) return null;
  return element(root, true);
}

function element(el: Element, isRoot: boolean): string | null {
  if (!ELEMENTS.has(el.localName) || el.namespaceURI !== SVG_NS || (el.localName === 'svg') !== isRoot) return null;
  const attrs: string[] = isRoot ? [`xmlns="${SVG_NS}"`] : [];
  for (const a of Array.from(el.attributes)) {
    if (a.name === 'xmlns') continue;
    if (!ATTRIBUTES.has(a.name) || !SAFE_VALUE.test(a.value)) return null;
    if (isRoot && (a.name === 'width' || a.name === 'height')) continue;
    attrs.push(`${a.name}="${a.value}"`);
  }
  if (isRoot && !el.hasAttribute('viewBox')) return null;
  if (isRoot) attrs.push('aria-hidden="true"', 'focusable="false"');
  const children: string[] = [];
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === node.ELEMENT_NODE) {
      const child = element(node as Element, false);
      if (child === null) return null;
      children.push(child);
    } else if (node.nodeType === node.TEXT_NODE) {
      if (node.textContent?.trim()) return null;
    } else if (node.nodeType !== node.COMMENT_NODE) return null;
  }
  return `<${el.localName} ${attrs.join(' ')}>${children.join('')}</${el.localName}>`;
}
