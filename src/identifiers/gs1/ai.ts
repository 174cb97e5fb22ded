import type { AiDefinition } from './ai-definition.js';
import { AI_DEFINITIONS } from './ai-table.js';
import { lintComponent } from './linters.js';

const BY_AI = new Map<string, AiDefinition>();
for (const definition of AI_DEFINITIONS) {
  const width = definition.ai.length;
  for (let n = Number(definition.ai); n <= Number(definition.last); n++) {
    BY_AI.set(String(n).padStart(width, '0'), definition);
  }
}

/** The dictionary entry of an Application Identifier, e.g. aiDefinition('3103'). */
export function aiDefinition(ai: string): AiDefinition | undefined {
  return BY_AI.get(ai);
}

/** The AI at the start of an element string body: AIs are prefix-free, so at most one of 2, 3, 4 digits fits. */
export function aiAtStart(text: string): string | undefined {
  for (const width of [2, 3, 4]) {
    const candidate = text.slice(0, width);
    if (candidate.length === width && BY_AI.has(candidate)) return candidate;
  }
  return undefined;
}

export const CHARSET_PATTERNS = {
  N: /^[0-9]*$/,
  X: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/,
  Y: /^[#\-/0-9A-Z]*$/,
  Z: /^[-0-9A-Z_a-z]*$/,
} as const;

const CHARSET_NAMES = { N: 'digits', X: 'GS1 characters (CSET 82)', Y: 'CSET 39 characters', Z: 'base64url' };

/** The reason `value` is not a valid data field for `ai`, or undefined; `lint: false` checks only shape. */
export function aiValueError(ai: string, value: string, lint = true): string | undefined {
  const definition = BY_AI.get(ai);
  if (!definition) return `AI (${ai}) is unknown`;
  const label = `AI (${ai}) ${definition.title}`.trim();
  let rest = value;
  for (const component of definition.components) {
    if (rest === '') {
      if (component.optional) break;
      return value === '' ? `${label} is empty` : `${label} is too short`;
    }
    const taken = rest.slice(0, component.max);
    if (taken.length < component.min) return `${label} is too short`;
    if (!CHARSET_PATTERNS[component.charset].test(taken)) {
      return `${label} may only contain ${CHARSET_NAMES[component.charset]}`;
    }
    const lintError = lint ? lintComponent(ai, component.linters, taken, label) : undefined;
    if (lintError) return lintError;
    rest = rest.slice(taken.length);
  }
  if (rest !== '') return `${label} is too long`;
  return undefined;
}

/** Total maximum length of an AI's data field. */
export function aiMaxLength(definition: AiDefinition): number {
  return definition.components.reduce((sum, component) => sum + component.max, 0);
}
