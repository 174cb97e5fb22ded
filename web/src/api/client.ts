import createClient from 'openapi-fetch';
import type { paths } from './openapi.ts';
import type { EmbeddedState, Page, Row, Summary, Ticket, TraceGraph } from './types.ts';

/** The typed client: paths, parameters and bodies come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string } | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

async function fail(response: Response): Promise<never> {
  const problem = await response.json().catch(() => null);
  throw new ApiError(response.status, problem);
}

/** The state the server embedded in this page, read once: the first render needs no round trip. */
let embedded: EmbeddedState | undefined | null = null;
export function embeddedState(): EmbeddedState | undefined {
  if (embedded === null) {
    const node = document.getElementById('suyuan-state');
    embedded = node?.textContent ? (JSON.parse(node.textContent) as EmbeddedState) : undefined;
  }
  return embedded;
}

/** The resolver's public summary of a code (`/t/{code}` or a Digital Link path), as JSON. */
export async function fetchSummary(path: string): Promise<Summary> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) await fail(response);
  return (await response.json()) as Summary;
}

export async function fetchTrace(code: string): Promise<TraceGraph> {
  const { data, response } = await api.GET('/api/trace/{code}', {
    params: { path: { code } },
  });
  if (!response.ok) await fail(response);
  return data as TraceGraph;
}

export type ListKind = 'alerts' | 'blacklist' | 'notices';

/** The producer's public facts, typed straight from the OpenAPI document; null for an unfiled producer. */
export type Producer =
  paths['/api/portal/producers/{creditCode}']['get']['responses'][200]['content']['application/json'];

export async function fetchProducer(creditCode: string, product: string | null): Promise<Producer | null> {
  const { data, response } = await api.GET('/api/portal/producers/{creditCode}', {
    params: { path: { creditCode }, query: product ? { product } : {} },
  });
  if (response.status === 404 || response.status === 400) return null;
  if (!data) return fail(response);
  return data;
}

/** A public list (alerts, blacklist, notices); a server without that module reads as an empty list. */
export async function fetchPage(kind: ListKind, q?: string): Promise<Page<Row>> {
  const query = { query: q ? { q } : {} };
  const { data, response } =
    kind === 'alerts'
      ? await api.GET('/api/alerts', { params: query })
      : kind === 'blacklist'
        ? await api.GET('/api/blacklist', { params: query })
        : await api.GET('/api/notices', { params: query });
  if (response.status === 404) return { items: [], total: 0 };
  if (!response.ok) await fail(response);
  const body = data as Partial<Page<Row>>;
  return { items: body.items ?? [], total: body.total ?? body.items?.length ?? 0 };
}

/** The complaint's fields as the OpenAPI document gives them; sent as multipart to carry photos. */
export type ComplaintFields = paths['/api/complaints']['post']['requestBody']['content']['application/json'];

export async function fileComplaint(fields: ComplaintFields, photos: File[]): Promise<Ticket> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, String(value));
  for (const photo of photos) form.append('photos', photo, photo.name);
  const response = await fetch('/api/complaints', { method: 'POST', body: form });
  if (!response.ok) await fail(response);
  return (await response.json()) as Ticket;
}

export async function fetchTicket(ticket: string): Promise<Ticket> {
  const { data, response } = await api.GET('/api/complaints/{ticket}', { params: { path: { ticket } } });
  if (!response.ok) await fail(response);
  return data as Ticket;
}
