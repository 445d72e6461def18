import { and, join, raw, sql, type Sql } from '../collections/sql.js';
import { CQL2_MAX_LENGTH } from '../contracts/ogc.js';
import { badField } from '../http/errors.js';

/**
 * A property a collection may be filtered on (OGC API – Features Part 3 queryables): its name in
 * the features, the SQL expression it reads (from the declaration, never from a request) and its type.
 */
export interface Queryable {
  name: string;
  sql: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
  description?: string;
  enum?: readonly string[];
}

/** The queryables of a collection as the JSON Schema /queryables answers. */
export function queryablesSchema(id: string, title: string, queryables: readonly Queryable[]) {
  const typeOf = (q: Queryable) =>
    q.type === 'datetime' ? { type: 'string', format: 'date-time' } : { type: q.type === 'number' ? 'number' : q.type };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    type: 'object',
    title,
    properties: Object.fromEntries(
      queryables.map((q) => [
        q.name,
        {
          title: q.name,
          ...typeOf(q),
          ...(q.enum ? { enum: q.enum } : {}),
          ...(q.description ? { description: q.description } : {}),
        },
      ]),
    ),
    additionalProperties: false,
  };
}

type Token =
  | { kind: 'name'; value: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'paren'; value: '(' | ')'; at: number };

const fail = (message: string) => badField('filter', message);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ kind: 'paren', value: ch, at: i++ });
    } else if (ch === "'") {
      // A string literal; '' is a quote inside it.
      let value = '';
      const at = i++;
      for (;;) {
        if (i >= text.length) throw fail(`unterminated string starting at character ${at + 1}`);
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") break;
        else value += text[i++];
      }
      i++;
      out.push({ kind: 'string', value, at });
    } else if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw fail(`unterminated quoted property name at character ${i + 1}`);
      out.push({ kind: 'name', value: text.slice(i + 1, end), at: i });
      i = end + 1;
    } else {
      const m = /^(<>|<=|>=|=|<|>)/.exec(text.slice(i)) ?? /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
      if (m && /[<>=]/.test(m[0][0])) out.push({ kind: 'op', value: m[0], at: i });
      else if (m) out.push({ kind: 'number', value: Number(m[0]), at: i });
      else {
        const w = /^[A-Za-z_][A-Za-z0-9_.:-]*/.exec(text.slice(i));
        if (!w) throw fail(`unexpected "${ch}" at character ${i + 1}`);
        out.push({ kind: 'name', value: w[0], at: i });
        i += w[0].length;
        continue;
      }
      i += m[0].length;
    }
  }
  return out;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IS', 'NULL', 'TRUE', 'FALSE', 'TIMESTAMP', 'DATE']);

/**
 * A CQL2 text filter (https://docs.ogc.org/is/21-065r2/21-065r2.html) of the basic comparisons
 * (=, <>, <, <=, >, >=, IS [NOT] NULL) joined with AND, OR, NOT and parentheses, on the queryables
 * only, as bound SQL: literals become bindings, property names their declared expressions. Anything
 * else is a 400 naming what is wrong.
 */
export function cql2ToSql(text: string, queryables: readonly Queryable[]): Sql {
  if (text.length > CQL2_MAX_LENGTH) throw fail(`at most ${CQL2_MAX_LENGTH} characters`);
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const word = (t: Token | undefined, w: string) => t?.kind === 'name' && t.value.toUpperCase() === w;
  const where = (t: Token | undefined) => (t ? `at character ${t.at + 1}` : 'at the end');

  const or = (): Sql => {
    const parts = [andExpr()];
    while (word(peek(), 'OR')) {
      pos++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? parts[0] : sql`(${join(parts, ' OR ')})`;
  };
  const andExpr = (): Sql => {
    const parts = [term()];
    while (word(peek(), 'AND')) {
      pos++;
      parts.push(term());
    }
    return parts.length === 1 ? parts[0] : sql`(${and(parts)})`;
  };
  const term = (): Sql => {
    const t = peek();
    if (word(t, 'NOT')) {
      pos++;
      return sql`(NOT ${term()})`;
    }
    if (t?.kind === 'paren' && t.value === '(') {
      pos++;
      const inner = or();
      const close = tokens[pos++];
      if (close?.kind !== 'paren' || close.value !== ')') throw fail(`")" expected ${where(close)}`);
      return inner;
    }
    return comparison();
  };
  const comparison = (): Sql => {
    const t = tokens[pos++];
    if (t?.kind !== 'name' || KEYWORDS.has(t.value.toUpperCase()))
      throw fail(`a property name expected ${where(t)} (queryables: ${queryables.map((q) => q.name).join(', ')})`);
    const q = queryables.find((x) => x.name === t.value);
    if (!q) throw fail(`unknown property ${t.value} (queryables: ${queryables.map((x) => x.name).join(', ')})`);
    if (word(peek(), 'IS')) {
      pos++;
      const not = word(peek(), 'NOT') ? (pos++, true) : false;
      if (!word(tokens[pos++], 'NULL')) throw fail(`NULL expected after IS ${where(tokens[pos - 1])}`);
      return raw(`(${q.sql}) IS ${not ? 'NOT ' : ''}NULL`);
    }
    const op = tokens[pos++];
    if (op?.kind !== 'op') throw fail(`a comparison (=, <>, <, <=, >, >=) expected ${where(op)}`);
    return sql`(${raw(q.sql)}) ${raw(op.value)} ${literal(q)}`;
  };
  /** The value compared with `q`, bound and cast to its type; a value of another type is a 400 naming it. */
  const literal = (q: Queryable): Sql => {
    const t = tokens[pos++];
    const wrong = () =>
      fail(`${q.name} is ${q.type === 'datetime' ? 'a timestamp' : `a ${q.type}`}: ${where(t)} is no such value`);
    if (q.type === 'string' && t?.kind === 'string') return sql`${t.value}::text`;
    if ((q.type === 'integer' || q.type === 'number') && t?.kind === 'number') {
      if (q.type === 'integer' && !Number.isSafeInteger(t.value)) throw wrong();
      return sql`${t.value}::${raw(q.type === 'integer' ? 'bigint' : 'float8')}`;
    }
    if (q.type === 'boolean' && (word(t, 'TRUE') || word(t, 'FALSE'))) return sql`${word(t, 'TRUE')}::boolean`;
    if (q.type === 'datetime' && (word(t, 'TIMESTAMP') || word(t, 'DATE'))) {
      const open = tokens[pos++];
      const s = tokens[pos++];
      const close = tokens[pos++];
      if (open?.value !== '(' || s?.kind !== 'string' || close?.value !== ')' || Number.isNaN(Date.parse(s.value)))
        throw fail(`${String(t?.value).toUpperCase()}('…') with an RFC 3339 value expected ${where(open)}`);
      return sql`${new Date(s.value).toISOString()}::timestamptz`;
    }
    throw wrong();
  };

  const out = or();
  if (pos < tokens.length) throw fail(`unexpected "${String(tokens[pos].value)}" ${where(tokens[pos])}`);
  return out;
}
