import { describe, expect, it } from 'vitest';
import { parseListQuery } from '../../src/api/jobQuery';

const request = (query: string, headers: Record<string, string> = {}) => ({
  url: `http://host/api/jobs?${query}`,
  params: {},
  headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
});

describe('the query of GET /api/jobs', () => {
  it('reads statuses from comma lists and repeats, case-insensitively, and every other filter', () => {
    const parsed = parseListQuery(request('status=running,Queued&status=FAILED&type=command&experiment=exp&tag=team%3Dvision&tag=stage%3Ddev%3D2&top=5&counts=false'));
    expect(parsed).toEqual({
      query: { status: ['Running', 'Queued', 'Failed'], type: 'command', experimentName: 'exp', tags: { team: 'vision', stage: 'dev=2' }, top: 5 },
      counts: false,
    });
  });

  it('takes the continuation token from the query or the x-ms-continuation-token header', () => {
    expect(parseListQuery(request('continuationToken=abc')).query.continuationToken).toBe('abc');
    expect(parseListQuery(request('', { 'x-ms-continuation-token': 'def' })).query.continuationToken).toBe('def');
    expect(() => parseListQuery(request('continuationToken=abc', { 'x-ms-continuation-token': 'def' }))).toThrow(/different tokens/);
  });

  it('refuses unknown statuses with a suggestion and the twelve it knows', () => {
    expect(() => parseListQuery(request('status=Runing'))).toThrow(/"Runing" is not a job status — did you mean "Running"\?; expected any of NotStarted, Starting, .*NotResponding/);
  });

  it('refuses bad types, tags, page sizes and unknown parameters, and lets the function key through', () => {
    expect(() => parseListQuery(request('type=pipeline'))).toThrow(/"pipeline" is not a job type; expected command, parallel/);
    expect(() => parseListQuery(request('tag=team'))).toThrow(/expected key=value/);
    expect(() => parseListQuery(request('tag=a%3D1&tag=a%3D2'))).toThrow(/given twice with different values/);
    expect(() => parseListQuery(request('top=0'))).toThrow(/expected an integer from 1 to 1000, got "0"/);
    expect(() => parseListQuery(request('top=1001'))).toThrow(/from 1 to 1000/);
    expect(() => parseListQuery(request('statuss=Running'))).toThrow(/unknown query parameter "statuss" — did you mean "status"\?/);
    expect(parseListQuery(request('code=secret')).query).toEqual({});
  });
});
