import { JobName } from '../model';
import { pageLocation, studioHtml } from './pages';
import { studioAsset } from './assets';

/**
 * The studio's HTTP answers (anonymous routes; the pages fetch their data from the job API, which
 * needs a function key — see common.js). Every answer forbids framing, sniffing and referrers, and
 * the pages' Content-Security-Policy allows scripts and styles from the app only: no inline code,
 * so text that slipped into markup could still not run.
 */

export interface StudioRequest {
  readonly url: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface StudioResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `GET studio`: the job list. */
export function studioJobsPage(request: StudioRequest): StudioResponse {
  return page(studioHtml('jobs', pageLocation(new URL(request.url).pathname)));
}

/** `GET studio/jobs/{name}`: one job's page (404 for a name no job can have). */
export function studioJobPage(request: StudioRequest): StudioResponse {
  if (!JobName.safeParse(request.params['name'] ?? '').success) return notFound('no job can have that name');
  return page(studioHtml('job', pageLocation(new URL(request.url).pathname)));
}

/** `GET studio/assets/{file}`: a script or style sheet of the studio. */
export async function studioAssetFile(request: StudioRequest): Promise<StudioResponse> {
  const asset = studioAsset(request.params['file'] ?? '');
  if (asset === undefined) return notFound('no such studio asset');
  const { body, contentType } = await asset;
  return { status: 200, body, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' } };
}

function page(html: string): StudioResponse {
  return { status: 200, body: html, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': PAGE_POLICY } };
}

function notFound(message: string): StudioResponse {
  return { status: 404, body: `${message}\n`, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } };
}
