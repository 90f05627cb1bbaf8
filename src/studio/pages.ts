import { escapeHtml } from './html';

/**
 * The studio's pages are shells: a header, empty regions, and the scripts that fill them from the
 * job API in the browser. They hold no job data (the HTML routes are anonymous; the data is behind
 * the API's function keys), only where the studio and the API are (`<meta>`), so the same page
 * works under any route prefix.
 */

export type StudioPage = 'jobs' | 'job';

export interface PageLocation {
  /** The studio's path, e.g. `/api/studio`. */
  readonly studioPath: string;
  /** The job API's path, e.g. `/api`. */
  readonly apiPath: string;
}

const TITLES: Record<StudioPage, string> = { jobs: 'Jobs', job: 'Job' };

export function studioHtml(page: StudioPage, where: PageLocation): string {
  const asset = (file: string) => escapeHtml(`${where.studioPath}/assets/${file}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="dj-studio" content="${escapeHtml(where.studioPath)}">
<meta name="dj-api" content="${escapeHtml(where.apiPath)}">
<title>${TITLES[page]} · durable-jobs studio</title>
<link rel="stylesheet" href="${asset('studio.css')}">
<script src="${asset('common.js')}" defer></script>
<script src="${asset(`${page}.js`)}" defer></script>
</head>
<body data-page="${page}">
<header class="bar"><a class="brand" href="${escapeHtml(where.studioPath)}" data-keep-key>durable-jobs studio</a><nav id="crumbs"></nav></header>
<div id="key-prompt" hidden></div>
<div id="notice" role="status" hidden></div>
<main id="main"><p class="muted" id="loading">Loading…</p></main>
<noscript><p>The studio needs JavaScript; the same data is in the job API (<code>GET /api/jobs</code>).</p></noscript>
</body>
</html>
`;
}

/** Where the studio and the API are, from the path a page was asked for (`…/studio` or `…/studio/jobs/<name>`). */
export function pageLocation(requestPath: string): PageLocation {
  const index = requestPath.search(/\/studio(\/|$)/);
  const prefix = index < 0 ? '' : requestPath.slice(0, index);
  return { studioPath: `${prefix}/studio`, apiPath: prefix === '' ? '' : prefix };
}
