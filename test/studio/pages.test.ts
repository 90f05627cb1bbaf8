import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/studio/html';
import { pageLocation, studioHtml } from '../../src/studio/pages';

describe('the studio page shells', () => {
  it('know where the studio and the API are from the path they were asked for', () => {
    expect(pageLocation('/api/studio/jobs/train-1')).toEqual({ studioPath: '/api/studio', apiPath: '/api' });
    expect(pageLocation('/api/studio')).toEqual({ studioPath: '/api/studio', apiPath: '/api' });
    expect(pageLocation('/studio/jobs/x')).toEqual({ studioPath: '/studio', apiPath: '' });
    expect(pageLocation('/v1/api/studio/')).toEqual({ studioPath: '/v1/api/studio', apiPath: '/v1/api' });
  });

  it('load only the app\'s own script and style files, with every attribute value escaped', () => {
    const html = studioHtml('job', { studioPath: '/x"><script>alert(1)</script>', apiPath: '/api' });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('content="/x&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])).toEqual([
      '<script src="/x&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;/assets/common.js" defer>',
      '<script src="/x&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;/assets/job.js" defer>',
    ]);
  });

  it('escape the five characters that could end text or an attribute', () => {
    expect(escapeHtml(`<a href='x'>"&"</a>`)).toBe('&#60;a href=&#39;x&#39;&#62;&#34;&#38;&#34;&#60;/a&#62;');
  });
});
