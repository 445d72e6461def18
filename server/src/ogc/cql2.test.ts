import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/errors.js';
import { cql2ToSql, type Queryable } from './cql2.js';

const Q: Queryable[] = [
  { name: 'status', sql: 't.status', type: 'string' },
  { name: 'id', sql: 't.id', type: 'integer' },
  { name: 'startsAt', sql: 't.starts_at', type: 'datetime' },
  { name: 'isDemo', sql: 't.is_demo', type: 'boolean' },
];
const messageOf = (text: string) => {
  try {
    cql2ToSql(text, Q);
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    return (e as HttpError).message;
  }
  throw new Error(`${text} was accepted`);
};

describe('cql2ToSql', () => {
  it('binds every literal and names only declared expressions', () => {
    const s = cql2ToSql(`status = 'it''s' AND id >= 3 AND startsAt < TIMESTAMP('2030-01-01T00:00:00Z')`, Q);
    expect(s.sql).toBe('((t.status) = ?::text AND (t.id) >= ?::bigint AND (t.starts_at) < ?::timestamptz)');
    expect(s.bindings).toEqual(["it's", 3, '2030-01-01T00:00:00.000Z']);
  });
  it('reads OR, NOT, parentheses, IS NULL and booleans, keywords in any case', () => {
    const s = cql2ToSql(`not (status <> 'done' or isDemo = TRUE) and startsAt is not null`, Q);
    expect(s.sql).toBe('((NOT ((t.status) <> ?::text OR (t.is_demo) = ?::boolean)) AND (t.starts_at) IS NOT NULL)');
    expect(s.bindings).toEqual(['done', true]);
  });
  it('keeps SQL in a literal a literal', () => {
    const s = cql2ToSql(`status = '1''; DROP TABLE users; --'`, Q);
    expect(s.sql).toBe('(t.status) = ?::text');
    expect(s.bindings).toEqual(["1'; DROP TABLE users; --"]);
  });
  it('answers what it cannot read with a message naming it', () => {
    expect(messageOf(`colour = 'red'`)).toMatch(/^filter: unknown property colour \(queryables: status, id/);
    expect(messageOf(`status = 'a' AND`)).toMatch(/^filter: a property name expected at the end/);
    expect(messageOf(`status LIKE 'a%'`)).toMatch(/^filter: a comparison .* expected at character 8/);
    expect(messageOf(`id = 'three'`)).toMatch(/^filter: id is a integer/);
    expect(messageOf(`status = 'open`)).toMatch(/^filter: unterminated string/);
    expect(messageOf(`(status = 'a'`)).toMatch(/^filter: "\)" expected/);
    expect(messageOf(`status = 'a' status = 'b'`)).toMatch(/^filter: unexpected "status"/);
    expect(messageOf(`status = 'a'; DELETE FROM users`)).toMatch(/^filter: unexpected ";" at character 13/);
    expect(messageOf(`t.status = 'a'`)).toMatch(/^filter: unknown property t\.status/);
    expect(messageOf(`startsAt > TIMESTAMP('soon')`)).toMatch(/RFC 3339/);
  });
});
