/** A small EPCIS 2.0 REST client used by the conformance check (works against any server). */
export class EpcisClient {
  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.key}`, ...extra };
  }

  /** Captures a document (an XML document when given as a string) and waits for its job to finish. */
  async capture(
    document: unknown,
    behaviour: 'rollback' | 'proceed' = 'rollback',
  ): Promise<{ status: number; job?: Record<string, unknown>; body?: unknown }> {
    const xml = typeof document === 'string';
    const response = await fetch(`${this.baseUrl}/epcis/capture`, {
      method: 'POST',
      headers: this.headers({
        'content-type': xml ? 'application/xml' : 'application/ld+json',
        'GS1-Capture-Error-Behaviour': behaviour,
      }),
      body: xml ? document : JSON.stringify(document),
    });
    if (response.status !== 202)
      return { status: response.status, body: await response.json().catch(() => null) };
    const location = response.headers.get('location') ?? '';
    for (let i = 0; i < 600; i++) {
      const job = (await (
        await fetch(`${this.baseUrl}${location}`, { headers: this.headers() })
      ).json()) as Record<string, unknown>;
      if (job.running === false) return { status: 202, job };
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      status: 202,
      job: { running: true, success: false, errors: [{ message: 'capture job did not finish in 30 s' }] },
    };
  }

  async events(
    query: string,
    format?: 'urn',
  ): Promise<{ status: number; events: Record<string, unknown>[] }> {
    const response = await fetch(`${this.baseUrl}/epcis/events?${query}`, {
      headers: this.headers(format === 'urn' ? { 'GS1-EPC-Format': 'Always_EPC_URN' } : {}),
    });
    if (response.status !== 200) return { status: response.status, events: [] };
    const body = (await response.json()) as {
      epcisBody?: { queryResults?: { resultsBody?: { eventList?: Record<string, unknown>[] } } };
    };
    return { status: 200, events: body.epcisBody?.queryResults?.resultsBody?.eventList ?? [] };
  }

  async event(eventId: string, format?: 'urn'): Promise<Record<string, unknown> | undefined> {
    const response = await fetch(`${this.baseUrl}/epcis/events/${encodeURIComponent(eventId)}`, {
      headers: this.headers(format === 'urn' ? { 'GS1-EPC-Format': 'Always_EPC_URN' } : {}),
    });
    if (response.status !== 200) return undefined;
    const body = (await response.json()) as {
      epcisBody: { queryResults: { resultsBody: { eventList: Record<string, unknown>[] } } };
    };
    return body.epcisBody.queryResults.resultsBody.eventList[0];
  }
}
