import { describe, expect, it } from 'vitest';
import type { RegisteredFunction } from '../../src/host/core/coreShim';
import { compileRoute } from '../../src/host/http/routeTemplate';
import { RouteTable } from '../../src/host/http/routeTable';

const match = (template: string, path: string, prefix = 'api'): Record<string, string> | undefined =>
  compileRoute(prefix, template, 'Function "f"').match(path);

describe('route templates', () => {
  it('matches literal segments case-insensitively, with or without a trailing slash', () => {
    expect(match('Orders/Open', '/api/orders/open/')).toEqual({});
    expect(match('orders/open', '/api/orders')).toBeUndefined();
    expect(match('', '/api', 'api')).toEqual({});
    expect(match('', '/', '')).toEqual({});
  });

  it('checks int, long, bool, alpha, guid, datetime and double constraints', () => {
    expect(match('n/{v:int}', '/api/n/-12')).toEqual({ v: '-12' });
    expect(match('n/{v:int}', '/api/n/2147483648')).toBeUndefined();
    expect(match('n/{v:long}', '/api/n/2147483648')).toEqual({ v: '2147483648' });
    expect(match('n/{v:bool}', '/api/n/True')).toEqual({ v: 'True' });
    expect(match('n/{v:alpha}', '/api/n/abc1')).toBeUndefined();
    expect(match('n/{v:guid}', '/api/n/0F8FAD5BD9CB469FA16570867728950E')).toEqual({ v: '0F8FAD5BD9CB469FA16570867728950E' });
    expect(match('n/{v:datetime}', '/api/n/2026-01-02')).toEqual({ v: '2026-01-02' });
    expect(match('n/{v:double}', '/api/n/1.5e3')).toEqual({ v: '1.5e3' });
  });

  it('checks constraints with arguments, including a regex with escaped braces', () => {
    expect(match('n/{v:int:min(10)}', '/api/n/9')).toBeUndefined();
    expect(match('n/{v:range(1,5)}', '/api/n/5')).toEqual({ v: '5' });
    expect(match('n/{v:length(2,3)}', '/api/n/abcd')).toBeUndefined();
    expect(match('n/{v:maxlength(3)}', '/api/n/abc')).toEqual({ v: 'abc' });
    expect(match('n/{code:regex(^[a-z]{{2}}-\\d+$)}', '/api/n/ab-12')).toEqual({ code: 'ab-12' });
    expect(match('n/{code:regex(^[a-z]{{2}}-\\d+$)}', '/api/n/abc-12')).toBeUndefined();
  });

  it('fills optional parameters, defaults and an empty catch-all', () => {
    expect(match('p/{page?}', '/api/p')).toEqual({});
    expect(match('p/{page=1}', '/api/p')).toEqual({ page: '1' });
    expect(match('p/{page:int?}', '/api/p/x')).toBeUndefined();
    expect(match('f/{*path}', '/api/f')).toEqual({});
    expect(match('f/{*path}', '/api/f/a/b%2Fc')).toEqual({ path: 'a/b/c' });
  });

  it('splits complex segments such as {name}.{ext}', () => {
    expect(match('f/{name}.{ext}', '/api/f/archive.tar.gz')).toEqual({ name: 'archive', ext: 'tar.gz' });
    expect(match('f/v{major:int}', '/api/f/v2')).toEqual({ major: '2' });
  });

  it('rejects invalid templates with a message naming the function, route and problem', () => {
    expect(() => match('a/{id:number}', '/')).toThrow('Function "f": route "a/{id:number}", parameter "id": unknown route constraint "number" (supported: int, long');
    expect(() => match('a/{*rest}/b', '/')).toThrow('catch-all "{*rest}" must be the last segment');
    expect(() => match('a/{x?}/b', '/')).toThrow('only trailing segments may be optional');
    expect(() => match('a/{x}/{X}', '/')).toThrow('parameter "X" appears twice');
    expect(() => match('a/{x', '/')).toThrow('unclosed "{"');
    expect(() => match('a//b', '/')).toThrow('empty segment');
    expect(() => match('a/{v:range(1)}', '/')).toThrow('expected 2 integer argument(s)');
  });
});

describe('route table', () => {
  const fn = (name: string): RegisteredFunction => ({ metadata: { name, bindings: {} }, callback: () => undefined });
  const add = (table: RouteTable, name: string, route: string, methods?: string[]): void => {
    table.add(fn(name), 'req', { type: 'httpTrigger', direction: 'in', route, ...(methods && { methods }) });
  };

  it('prefers literal segments, then constrained parameters, then plain ones, then catch-alls', () => {
    const table = new RouteTable('api');
    add(table, 'catchAll', 'items/{*rest}');
    add(table, 'plain', 'items/{id}');
    add(table, 'constrained', 'items/{id:int}');
    add(table, 'literal', 'items/new');
    const winner = (path: string): string | undefined => {
      const found = table.lookup('GET', path);
      return found.kind === 'found' ? found.route.fn.metadata.name : found.kind;
    };
    expect(winner('/api/items/new')).toBe('literal');
    expect(winner('/api/items/5')).toBe('constrained');
    expect(winner('/api/items/abc')).toBe('plain');
    expect(winner('/api/items/a/b')).toBe('catchAll');
  });

  it('accepts every method when none are listed and reports the allowed ones otherwise', () => {
    const table = new RouteTable('');
    add(table, 'any', 'any');
    add(table, 'onlyGet', 'get', ['get']);
    expect(table.lookup('PATCH', '/any').kind).toBe('found');
    expect(table.lookup('POST', '/get')).toEqual({ kind: 'method-not-allowed', allow: ['GET'] });
  });

  it('refuses an unknown authLevel', () => {
    const table = new RouteTable('api');
    expect(() => table.add(fn('f'), 'req', { type: 'httpTrigger', direction: 'in', authLevel: 'system' }))
      .toThrow('Function "f": authLevel "system" is not one of anonymous, function, admin.');
  });
});
