/**
 * Open311's two formats from one shape: JSON as the spec's examples give it, and XML with an XML
 * declaration, elements named as the spec names them (a list's items by the list: services →
 * service, service_requests → request, …) and `text/xml; charset=utf-8`.
 */
import type { Format } from '../cases/open311.ts';

/** The element of each list's items. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

/** Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const text = (s: string) => s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One element and everything inside it. */
export function xmlElement(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => xmlElement(ITEM[name] ?? 'item', v)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => xmlElement(k, v)).join('')}</${name}>`;
  return `<${name}>${text(String(value))}</${name}>`;
}

export type Open311Root = 'discovery' | 'services' | 'service_definition' | 'service_requests' | 'errors';

const TYPES: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

/** The body in the asked format, as a Response. JSON of a list root is the list itself, as the spec shows. */
export function open311Body(format: Format, root: Open311Root, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const payload = format === 'json' ? JSON.stringify(body) : `<?xml version="1.0" encoding="utf-8"?>\n${xmlElement(root, body)}`;
  return new Response(payload, { status, headers: { 'Content-Type': TYPES[format], ...headers } });
}

/** The spec's errors: `[{ code, description }]` or `<errors><error><code/><description/></error></errors>`. */
export function open311Errors(format: Format, status: number, descriptions: string[], headers: Record<string, string> = {}): Response {
  return open311Body(format, 'errors', descriptions.map((description) => ({ code: status, description })), status, headers);
}
