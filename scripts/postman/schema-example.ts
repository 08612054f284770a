import type { SchemaObject } from './openapi-types.js';

/** Values for string formats: realistic enough that the API's own validation accepts them. */
const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2024-03-01T10:15:00Z',
  date: '2024-03-04',
  time: '10:15:00',
  email: 'customer@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '3f1c2a9e-8b7d-4c61-9f0e-2a5b6c7d8e9f',
  ipv4: '192.0.2.10',
};

// Patterned strings without an `example` get the first candidate their pattern accepts. The list covers
// the shapes our contracts use (codes, ISO country/currency/language, E.164 phone, Mongo ObjectId);
// anything else falls back to "string" and, when optional, is left out so the example body stays valid.
const PATTERN_CANDIDATES = ['SHOP-1001', 'US', 'USD', 'en', '+15551234567', '65f1a2b3c4d5e6f708192a3b', 'string', 'example'];

/** The schema's pattern as a RegExp; undefined when absent or not valid JavaScript regex syntax. */
function patternOf(schema: SchemaObject): RegExp | undefined {
  if (schema.pattern === undefined) return undefined;
  try {
    return new RegExp(schema.pattern);
  } catch {
    return undefined;
  }
}

/** Most nested `$ref`s followed before giving up: contracts are shallow, a deeper chain is a cycle. */
const MAX_DEPTH = 12;

/** Synthesizes example values from JSON Schemas, resolving `#/components/schemas/…` references. */
export class SchemaExampler {
  constructor(private readonly schemas: Readonly<Record<string, SchemaObject>> = {}) {}

  /** An example for `schema`: its `example`/`examples`/`const`/`default`/first enum value, else one built from its type. */
  example(schema: SchemaObject | undefined, depth = 0): unknown {
    if (schema === undefined || depth > MAX_DEPTH) return undefined;
    if (schema.$ref !== undefined) return this.example(this.resolve(schema.$ref), depth + 1);
    if (schema.example !== undefined) return schema.example;
    if (schema.examples !== undefined && schema.examples.length > 0) return schema.examples[0];
    if (schema.const !== undefined) return schema.const;
    if (schema.default !== undefined) return schema.default;
    if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum.find((v) => v !== null) ?? null;
    if (schema.allOf !== undefined) return this.merge(schema.allOf.map((s) => this.example(s, depth + 1)));
    const branches = schema.oneOf ?? schema.anyOf;
    if (branches !== undefined) {
      // The first branch that is not just `null`: an example should show the value, not its absence.
      const branch = branches.find((b) => b.type !== 'null') ?? branches[0];
      return this.example(branch, depth + 1);
    }
    return this.fromType(schema, depth);
  }

  /** True when {@link example} could only produce a placeholder that the schema's pattern rejects. */
  private unsatisfiable(schema: SchemaObject): boolean {
    const resolved = schema.$ref === undefined ? schema : this.resolve(schema.$ref);
    const pattern = resolved === undefined ? undefined : patternOf(resolved);
    if (resolved === undefined || pattern === undefined || resolved.example !== undefined) return false;
    const value = this.example(resolved);
    return typeof value !== 'string' || !pattern.test(value);
  }

  private resolve(ref: string): SchemaObject | undefined {
    const prefix = '#/components/schemas/';
    return ref.startsWith(prefix) ? this.schemas[ref.slice(prefix.length)] : undefined;
  }

  private merge(parts: unknown[]): unknown {
    const objects = parts.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && !Array.isArray(p));
    return objects.length > 0 ? Object.assign({}, ...objects) : parts[0];
  }

  private fromType(schema: SchemaObject, depth: number): unknown {
    const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
    const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : types[0]);
    switch (type) {
      case 'object':
        return this.object(schema, depth);
      case 'array': {
        const item = this.example(schema.items, depth + 1);
        return item === undefined ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
      }
      case 'string':
        return this.string(schema);
      case 'integer':
      case 'number': {
        const floor = schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : schema.exclusiveMinimum + 1);
        const value = floor ?? (schema.maximum !== undefined && schema.maximum < 0 ? schema.maximum : 0);
        return type === 'integer' ? Math.ceil(value) : value;
      }
      case 'boolean':
        return true;
      case 'null':
        return null;
      default:
        return undefined;
    }
  }

  private object(schema: SchemaObject, depth: number): Record<string, unknown> {
    const required = new Set(schema.required ?? []);
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      // Optional fields are shown (the collection documents the full shape) unless no valid value exists.
      if (!required.has(name) && this.unsatisfiable(property)) continue;
      const value = this.example(property, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private string(schema: SchemaObject): string {
    if (schema.format !== undefined && FORMAT_EXAMPLES[schema.format] !== undefined) return FORMAT_EXAMPLES[schema.format]!;
    const pattern = patternOf(schema);
    if (pattern !== undefined) {
      const match = PATTERN_CANDIDATES.find((candidate) => pattern.test(candidate));
      if (match !== undefined) return match;
    }
    return 'string'.padEnd(schema.minLength ?? 0, 'x');
  }
}
