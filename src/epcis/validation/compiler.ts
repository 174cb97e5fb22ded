import { createRequire } from 'node:module';
import type { TSchema } from 'typebox';
import Compile from 'typebox/compile';

/** A validation error as both Ajv 8 and the TypeBox compiler report it. */
export interface RawError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Returns the errors of a value (empty when valid). */
export type Check = (value: unknown) => readonly RawError[];

export type Engine = 'ajv' | 'typebox';

interface AjvValidate {
  (data: unknown): boolean;
  errors?: RawError[] | null;
}
interface AjvInstance {
  compile(schema: object): AjvValidate;
}
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;
type AddFormats = (ajv: AjvInstance, formats: string[]) => unknown;

const NONE: readonly RawError[] = Object.freeze([]);

const defaultOf = <T>(module: T | { default: T }): T =>
  typeof module === 'object' && module !== null && 'default' in module ? module.default : (module as T);

/** Ajv 8 (as used by fastify) with ajv-formats, when both are installed. */
function loadAjv(): AjvInstance | undefined {
  const require = createRequire(import.meta.url);
  try {
    const Ajv = defaultOf<AjvConstructor>(require('ajv'));
    const addFormats = defaultOf<AddFormats>(require('ajv-formats'));
    const ajv = new Ajv({ allErrors: true, strict: true, allowMatchingProperties: true, messages: false });
    addFormats(ajv, ['uri', 'date-time']);
    return ajv;
  } catch {
    return undefined;
  }
}

const ajv = loadAjv();

/** The compiler in use: Ajv when available, else TypeBox's own. */
export const defaultEngine: Engine = ajv ? 'ajv' : 'typebox';

/** Compiles a schema once; call at module load, never per request. */
export function compileSchema(schema: TSchema, engine: Engine = defaultEngine): Check {
  if (engine === 'ajv') {
    if (!ajv) throw new Error('Ajv with ajv-formats is not installed');
    const validate = ajv.compile(schema);
    return (value) => (validate(value) ? NONE : (validate.errors ?? NONE));
  }
  const validator = Compile(schema);
  return (value) => (validator.Check(value) ? NONE : (validator.Errors(value) as unknown as RawError[]));
}
