import { builtinTemplates } from './loader.js';
import { cteKey, parseTemplateRef, type Template, type TemplateField, templateKey } from './model.js';
import { cachedTemplate } from './repository.js';

type Json = Record<string, unknown>;

/** Field visibility classes a supply-chain partner may read. */
const partnerClasses = new Set(['public', 'partners']);
/** Field visibility classes a regulator may read: all but the owner's own. */
const regulatorClasses = new Set(['public', 'partners', 'regulators']);

function knownTemplate(ref: string): Template | undefined {
  const { id, version } = parseTemplateRef(ref);
  if (version === undefined) return undefined;
  return cachedTemplate(id, version) ?? builtinTemplates().find((t) => t.id === id && t.version === version);
}

const bare = (type: unknown) =>
  String(type ?? '').replace(/^(urn:epcglobal:cbv:(btt|sdt):|https:\/\/ref\.gs1\.org\/cbv\/(BTT|SDT)-)/, '');

/**
 * A template-bound event as a supply-chain partner may see it: the fields whose visibility class
 * is `regulators` or `owner` are taken out wherever the template put them (extensions, ILMD,
 * business transactions, sources and destinations, sensor reports, locations, quantities), and
 * extensions that are no field of the template are dropped as for any event. Undefined when the
 * event names no template this process knows (the caller then applies the coarse rule).
 */
export function partnerView(doc: Json): Json | undefined {
  return classView(doc, partnerClasses, true);
}

/**
 * A template-bound event as a regulator may see it: everything but the fields whose class is
 * `owner` (an enterprise's own commercial data, such as purchase prices). Extensions that are no
 * field of the template stay, as for any event a regulator reads. Undefined as for partnerView.
 */
export function regulatorView(doc: Json): Json | undefined {
  return classView(doc, regulatorClasses, false);
}

function classView(doc: Json, allowed: Set<string>, dropOtherExtensions: boolean): Json | undefined {
  const ref = doc[templateKey];
  if (typeof ref !== 'string') return undefined;
  const template = knownTemplate(ref);
  const cte = template?.ctes.find((c) => c.id === doc[cteKey]);
  if (!template || !cte) return undefined;
  const hidden = cte.fields.filter((f) => !allowed.has(f.visibility));
  const shown = new Set(cte.fields.filter((f) => allowed.has(f.visibility)).map((f) => `suyuan:${f.name}`));
  const hiddenKeys = new Set(hidden.map((f) => `suyuan:${f.name}`));
  const out: Json = {};
  for (const [key, value] of Object.entries(doc)) {
    const standard = key.startsWith('@') || !key.includes(':') || key === templateKey || key === cteKey;
    if (standard || shown.has(key) || (!dropOtherExtensions && !hiddenKeys.has(key))) out[key] = value;
  }
  for (const field of hidden) hide(out, field, cte.fields);
  return out;
}

function hide(out: Json, field: TemplateField, fields: TemplateField[]): void {
  const map = field.epcis ?? 'extension';
  const without = (key: string, keep: (entry: Json) => boolean) => {
    if (!Array.isArray(out[key])) return;
    const list = (out[key] as Json[]).filter(keep);
    if (list.length > 0) out[key] = list;
    else delete out[key];
  };
  if (typeof map === 'string') {
    if (map === 'readPoint' || map === 'bizLocation') delete out[map];
    if (map === 'ilmd' && out.ilmd && typeof out.ilmd === 'object') {
      const { [`suyuan:${field.name}`]: _, ...rest } = out.ilmd as Json;
      out.ilmd = rest;
    }
    return; // identifiers and time are what the event is about: never hidden
  }
  if ('ilmd' in map && out.ilmd && typeof out.ilmd === 'object') {
    const { [map.ilmd]: _, ...rest } = out.ilmd as Json;
    out.ilmd = rest;
  } else if ('bizTransaction' in map) {
    without('bizTransactionList', (b) => bare(b.type) !== map.bizTransaction);
  } else if ('source' in map) {
    without('sourceList', (s) => bare(s.type) !== map.source);
  } else if ('destination' in map) {
    without('destinationList', (d) => bare(d.type) !== map.destination);
  } else if ('sensor' in map && Array.isArray(out.sensorElementList)) {
    out.sensorElementList = (out.sensorElementList as Json[])
      .map((e) => ({
        ...e,
        sensorReport: ((e.sensorReport as Json[]) ?? []).filter((r) => r.type !== map.sensor),
      }))
      .filter((e) => (e.sensorReport as Json[]).length > 0);
    if ((out.sensorElementList as Json[]).length === 0) delete out.sensorElementList;
  } else if ('quantityOf' in map) {
    const targets = Array.isArray(map.quantityOf) ? map.quantityOf : [map.quantityOf];
    for (const name of targets) {
      const list = fields.find((f) => f.name === name)?.epcis;
      if (typeof list !== 'string' || !Array.isArray(out[list])) continue;
      out[list] = (out[list] as Json[]).map(({ quantity: _q, uom: _u, ...rest }) => rest);
    }
  }
}
