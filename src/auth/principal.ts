export type Scope = 'capture' | 'query' | 'admin';

/** Who is calling. Every stored event records the principal id that captured it. */
export interface Principal {
  id: string;
  kind: 'apikey' | 'anonymous';
  scopes: ReadonlySet<Scope>;
  /** The enterprise (统一社会信用代码) the principal acts for, if any. */
  enterprise?: string;
}

export const anonymous: Principal = { id: 'anonymous', kind: 'anonymous', scopes: new Set() };

/**
 * What a route requires. Every route declares one in its `config.access`; the auth hook refuses to
 * register a route without it, so nothing is reachable by accident.
 */
export type Access = 'public' | 'capture' | 'query' | 'admin';
