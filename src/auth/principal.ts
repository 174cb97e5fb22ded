export type Scope = 'capture' | 'query' | 'admin';

export type Role = 'platform_admin' | 'regulator' | 'enterprise_admin' | 'enterprise_operator';

/** Who is calling. Every stored event records the principal id that captured it. */
export interface Principal {
  id: string;
  kind: 'apikey' | 'user' | 'anonymous';
  scopes: ReadonlySet<Scope>;
  /** The enterprise (统一社会信用代码) the principal acts for, if any. */
  enterprise?: string;
  /** People only. */
  role?: Role;
  /** Regulators: department, the GB/T 2260 prefix they oversee, and their industries. */
  department?: string;
  regionScope?: string;
  industries?: readonly string[];
}

export const anonymous: Principal = { id: 'anonymous', kind: 'anonymous', scopes: new Set() };

/** What each role may do, in the same terms as API-key scopes. */
export const roleScopes: Record<Role, readonly Scope[]> = {
  platform_admin: ['admin', 'query'],
  regulator: ['query'],
  enterprise_admin: ['capture', 'query'],
  enterprise_operator: ['capture', 'query'],
};

/**
 * What a route requires. Every route declares one in its `config.access`; the auth hook refuses to
 * register a route without it, so nothing is reachable by accident. `user` is any logged-in person
 * or key; `enterprise-admin` an enterprise's administrator (or the platform administrator).
 */
export type Access = 'public' | 'user' | 'capture' | 'query' | 'admin' | 'enterprise-admin';
