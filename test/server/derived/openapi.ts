// The read operations of the OpenAPI document, and their URLs with every combination of path parameter values.

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
}

export interface Operation {
  /** "GET /api/…/{param}", as the document spells the path. */
  key: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
}

/** Every operation of `method` in the document, sorted by key. */
export function operations(doc: OpenApiDocument, method = 'get'): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    const op = ops[method];
    if (!op) continue;
    out.push({
      key: `${method.toUpperCase()} ${path}`,
      path,
      pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** The path with every combination of the values given for its parameters (throws for a parameter with none). */
export function fillPath(path: string, values: Record<string, readonly string[]>): string[] {
  let urls = [path];
  for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')) {
    const options = values[name];
    if (!options || options.length === 0) throw new Error(`no value for path parameter {${name}} of ${path}`);
    urls = urls.flatMap((u) => options.map((v) => u.replace(`{${name}}`, encodeURIComponent(v))));
  }
  return urls;
}

/** The query parameter names of a query string ("?a=1&b=2" → a, b). */
export const queryNames = (query: string): string[] => [...new URLSearchParams(query.replace(/^\?/, '')).keys()];
