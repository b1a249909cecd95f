// The operations of the server's own OpenAPI document, and a valid-looking example for each input, so that hostile
// cases are generated for every operation (a route added tomorrow is covered without touching the tests).

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
const METHODS: readonly Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  pattern?: string;
  format?: string | object;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  description?: string;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface RawOperation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Operation {
  /** "POST /api/sync/responses", as the document writes the path. */
  key: string;
  method: Method;
  /** The templated path, e.g. /api/responses/{id}. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON body's schema, when the operation declares one. */
  body?: JsonSchema;
  /** The content types the operation documents for each status ("404" → ["text/html"]). */
  responseTypes: Record<string, string[]>;
}

/** Every path × method of the document. Throws on anything the generators cannot exercise, so the suite fails loudly. */
export function listOperations(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, raw] of Object.entries(item)) {
      const method = m.toUpperCase() as Method;
      if (!METHODS.includes(method)) {
        if (m === 'parameters' || m === 'summary' || m === 'description')
          throw new Error(`${path}: path-level "${m}" is not handled by the hostile-input generators`);
        continue;
      }
      const params = raw.parameters ?? [];
      for (const p of params) {
        if (p.in !== 'path' && p.in !== 'query')
          throw new Error(`${method} ${path}: ${p.in} parameter "${p.name}" is not handled by the hostile-input generators`);
      }
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]);
      const pathParams = params.filter((p) => p.in === 'path');
      for (const name of templated) {
        if (!pathParams.some((p) => p.name === name)) throw new Error(`${method} ${path}: path parameter {${name}} is not declared`);
      }
      let body: JsonSchema | undefined;
      if (raw.requestBody) {
        const types = Object.keys(raw.requestBody.content ?? {});
        const other = types.filter((t) => t !== 'application/json');
        if (other.length > 0)
          throw new Error(`${method} ${path}: request body type ${other.join(', ')} is not handled by the hostile-input generators`);
        body = raw.requestBody.content?.['application/json']?.schema ?? {};
      }
      const responseTypes = Object.fromEntries(
        Object.entries(raw.responses ?? {}).map(([status, r]) => [status, Object.keys(r.content ?? {})]),
      );
      ops.push({
        key: `${method} ${path}`,
        method,
        path,
        pathParams,
        queryParams: params.filter((p) => p.in === 'query'),
        body,
        responseTypes,
      });
    }
  }
  return ops;
}

/** Fills a templated path with raw (already encoded) segments. */
export function fillPath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${op.key}: no value for {${name}}`);
    return v;
  });
}

/** The route as Fastify registered it ("/api/responses/:id"). */
export const fastifyPath = (op: Operation): string => op.path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * Valid-looking examples from JSON schemas. Strings with a pattern take the first candidate that matches it
 * (known ids of the test data first), so that hostile values replace one field of an otherwise acceptable input.
 */
export class Examples {
  constructor(
    private readonly doc: OpenApiDoc,
    private readonly candidates: readonly string[],
  ) {}

  private resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? this.doc.components?.schemas?.[name] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
    return this.resolve(target);
  }

  /** An example value for `schema`; `where` names it in errors. */
  value(input: JsonSchema, where: string, depth = 0): unknown {
    if (depth > 20) throw new Error(`${where}: schema nested too deeply for an example`);
    const schema = this.resolve(input);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum && schema.enum.length > 0) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
    const options = schema.anyOf ?? schema.oneOf;
    if (options) {
      const first = options.find((o) => this.resolve(o).type !== 'null');
      if (!first) throw new Error(`${where}: anyOf/oneOf without a non-null option`);
      return this.value(first, where, depth + 1);
    }
    if (schema.allOf) {
      if (schema.allOf.length === 1 && schema.allOf[0]) return this.value(schema.allOf[0], where, depth + 1);
      throw new Error(`${where}: allOf of several schemas is not handled`);
    }
    const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : schema.type ? [schema.type] : [];
    const type = types[0] ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
    switch (type) {
      case undefined:
        // An unconstrained schema ({}): any value is acceptable; a string gives the hostile cases a field to replace.
        return 'x';
      case 'string':
        return this.string(schema, where);
      case 'integer':
      case 'number': {
        const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
        const v = Math.max(min, Math.min(1, typeof schema.maximum === 'number' ? schema.maximum : 1));
        return type === 'integer' ? Math.ceil(v) : v;
      }
      case 'boolean':
        return false;
      case 'array': {
        const n = Math.min(Math.max(schema.minItems ?? 1, 1), schema.maxItems ?? 1);
        return Array.from({ length: n }, (_, i) => this.value(schema.items ?? {}, `${where}[${i}]`, depth + 1));
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = this.value(s, `${where}.${k}`, depth + 1);
        return out;
      }
      default:
        throw new Error(`${where}: schema type "${type}" is not handled by the hostile-input generators`);
    }
  }

  private string(schema: JsonSchema, where: string): string {
    const format = typeof schema.format === 'string' ? schema.format : undefined;
    const fits = (s: string) =>
      s.length >= (schema.minLength ?? 0) &&
      s.length <= (schema.maxLength ?? Infinity) &&
      (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
    const byFormat: Record<string, string> = {
      uuid: '00000000-0000-4000-8000-000000000000',
      date: '2030-12-31',
      'date-time': '2030-12-31T08:00:00+07:00',
      email: 'a@example.org',
      uri: 'https://example.org/',
    };
    const pool = [
      ...(format && byFormat[format] ? [byFormat[format]] : []),
      ...this.candidates,
      'x'.repeat(Math.max(1, schema.minLength ?? 1)),
    ];
    const found = pool.find(fits);
    if (found === undefined) throw new Error(`${where}: no example string fits ${JSON.stringify(schema)}; add one to the candidates`);
    return found;
  }
}

export type JsonPath = (string | number)[];

/** Paths of every string inside `value` (through objects and arrays). */
export function stringLeaves(value: unknown, at: JsonPath = []): JsonPath[] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...at, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
  return [];
}

/** A deep copy of `value` with the string at `path` passed through `f`. */
export function replaceAt(value: unknown, path: JsonPath, f: (s: string) => string): unknown {
  if (path.length === 0) return typeof value === 'string' ? f(value) : value;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, f) : v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === head ? replaceAt(v, rest, f) : v;
    return out;
  }
  return value;
}

/** A deep copy of `value` with every string passed through `f`. */
export function replaceAll(value: unknown, f: (s: string, i: number) => string): unknown {
  let i = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return f(v, i++);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}
