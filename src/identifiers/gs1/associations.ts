import { aiDefinition } from './ai.js';
import type { AiElement } from './digital-link.js';

// The syntax dictionary's `req=` and `ex=` attributes. A token such as `35nn` stands for any digits at `n`;
// `01+21` means both AIs.
function matches(token: string, ai: string): boolean {
  return token.length === ai.length && [...token].every((char, index) => char === 'n' || char === ai[index]);
}

function present(token: string, ais: string[]): boolean {
  return ais.some((ai) => matches(token, ai));
}

function list(tokens: string[]): string {
  const names = tokens.map((token) => `(${token.replace(/\+/g, ') with (')})`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

/** Missing mandatory AIs and forbidden pairs in one set of elements (one barcode, or one Digital Link). */
export function associationErrors(elements: AiElement[]): string[] {
  const ais = elements.map((element) => element.ai);
  const errors: string[] = [];
  for (const ai of new Set(ais)) {
    const definition = aiDefinition(ai);
    if (!definition) continue;
    for (const requirement of definition.requires) {
      const alternatives = requirement.split(',');
      const met = alternatives.some((alternative) =>
        alternative.split('+').every((token) => present(token, ais)),
      );
      if (!met) errors.push(`AI (${ai}) needs AI ${list(alternatives)}`);
    }
    for (const exclusion of definition.excludes) {
      const clash = ais.find(
        (other) => other !== ai && exclusion.split(',').some((token) => matches(token, other)),
      );
      if (clash) errors.push(`AI (${ai}) cannot appear with AI (${clash})`);
    }
  }
  return errors;
}
