import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Every environment variable suyuan reads, parsed once at start-up. Nothing else reads
 * process.env. The README's configuration table mirrors this schema (a test checks it).
 */
const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'HTTP port' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'HTTP listen address' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'PostgreSQL server URL; unset means the embedded PGlite database',
    }),
  ),
  SUYUAN_DATA_DIR: Type.String({
    minLength: 1,
    default: './data',
    description: 'Folder of the embedded PGlite database',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino log level' },
  ),
  SUYUAN_CAPTURE_LIMIT: Type.Integer({
    minimum: 1,
    maximum: 100000,
    default: 10000,
    description: 'Most events in one capture document (GS1-EPCIS-Capture-Limit)',
  }),
  SUYUAN_CAPTURE_FILE_SIZE_LIMIT: Type.Integer({
    minimum: 1024,
    maximum: 1073741824,
    default: 20971520,
    description: 'Largest capture body in bytes (GS1-EPCIS-Capture-File-Size-Limit)',
  }),
  SUYUAN_IMPORT_FILE_SIZE_LIMIT: Type.Integer({
    minimum: 1024,
    maximum: 1073741824,
    default: 52428800,
    description: 'Largest Excel or CSV file accepted by POST /api/imports, in bytes',
  }),
  SUYUAN_CAPTURE_WORKERS: Type.Integer({
    minimum: 1,
    maximum: 32,
    default: 2,
    description: 'Capture jobs processed at once by this process on PostgreSQL (PGlite: always 1)',
  }),
  SUYUAN_RESOLVER_LEASE_MS: Type.Integer({
    minimum: 0,
    maximum: 60000,
    default: 3000,
    description:
      'PostgreSQL: lease of a server process on the resolver cache epoch, in ms (0: read the epoch per request); writes wait at most this long for a silent process',
  }),
  SUYUAN_GCP_LENGTHS: Type.String({
    default: '',
    pattern: '^(\\d{1,12}=\\d{1,2}(,\\d{1,12}=\\d{1,2})*)?$',
    description: 'GS1 Company Prefix lengths for URN output, e.g. 690123=6,6901234=7 (longest match wins)',
  }),
  SUYUAN_NODE_PREFIX: Type.String({
    pattern: '^[A-HJKMNP-TV-Z]{2}[0-9]{0,4}$',
    default: 'CN',
    description: 'Prefix of the trace codes this node issues: 2 letters and up to 4 digits (e.g. HN, CN46)',
  }),
  SUYUAN_MASTER_KEY: Type.Optional(
    Type.String({
      pattern: '^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$',
      description:
        'Optional 32-byte key (64 hex characters or base64) wrapping the database secrets that protect ID numbers; keep it out of the database and the repository',
    }),
  ),
  SUYUAN_PUBLIC_URL: Type.String({
    default: 'http://localhost:8080',
    description: 'Base URL of this node, used in Location headers and links',
  }),
  SUYUAN_DEMO: Type.Union([Type.Literal('auto'), Type.Literal('0'), Type.Literal('1')], {
    default: 'auto',
    description:
      'Demo data on the first start of an empty database: auto = embedded PGlite only, 1 = also PostgreSQL, 0 = never',
  }),
  SUYUAN_TRUST_PROXY: Type.String({
    default: '',
    pattern: '^(|true|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$',
    description:
      'Reverse proxies whose X-Forwarded-For is believed: their addresses or CIDRs, comma-separated, or true (any peer). Empty: none, the client is the connection peer',
  }),
  SUYUAN_WEBHOOK_PRIVATE: Type.Union([Type.Literal('0'), Type.Literal('1')], {
    default: '0',
    description: 'Let webhooks call private, loopback and link-local addresses (1: tests, closed networks)',
  }),
});

export type Config = Readonly<Static<typeof ConfigSchema>>;
export const configSchema = ConfigSchema;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const integerKeys = new Set(
  Object.entries(ConfigSchema.properties)
    .filter(([, s]) => (s as { type?: string }).type === 'integer')
    .map(([k]) => k),
);

/** Parses the environment (or the given overrides) into a frozen Config; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = integerKeys.has(key) && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  }
  const withDefaults = Value.Default(ConfigSchema, raw);
  const problems = [...Value.Errors(ConfigSchema, withDefaults)].map((e) => {
    const name =
      e.instancePath.replace(/^\//, '') ||
      String((e.params as { requiredProperties?: string[] }).requiredProperties?.[0] ?? '');
    return `${name}=${JSON.stringify(env[name] ?? '')}: ${e.message}`;
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(withDefaults as Static<typeof ConfigSchema>);
}

/** Parses SUYUAN_GCP_LENGTHS ("690123=6,6901234=7") into a prefix -> length map. */
export function gcpLengths(config: Config): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of config.SUYUAN_GCP_LENGTHS.split(',')) {
    const [prefix, length] = part.split('=').map((s) => s.trim());
    if (prefix && length) out[prefix] = Number(length);
  }
  return out;
}
