import { createHash } from 'node:crypto';

/**
 * The CSP of a page the server writes whole, with no script: nothing may load, and its one inline style sheet is
 * allowed by its hash, so an injected tag could neither run nor restyle the page.
 */
export function styleOnlyCsp(style: string): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
