import type { Summary } from './summary.js';

// GS1 Digital Link resolver link types (GS1 Web Vocabulary, https://gs1.org/voc/), answered for
// every code: `?linkType=gs1:pip` (or the full https://gs1.org/voc/pip) redirects to that link,
// `?linkType=linkset` (or `all`) lists them as an RFC 9264 linkset, an unknown type falls back to
// the default link (the page itself), as GS1-conformant resolvers do.

const voc = 'https://gs1.org/voc/';

interface Link {
  type: string;
  href: string;
  title: string;
  media: string;
}

/** The links of one resolved code, relative to this node. */
export function linksOf(summary: Summary, path: string): Link[] {
  const page = path;
  return [
    { type: 'defaultLink', href: page, title: '产品追溯信息 Product traceability page', media: 'text/html' },
    { type: 'pip', href: page, title: '产品信息 Product information', media: 'text/html' },
    { type: 'traceability', href: summary.links.trace, title: '追溯链 Trace', media: 'application/json' },
    {
      type: 'epcis',
      href: summary.links.events,
      title: 'EPCIS 事件 EPCIS events',
      media: 'application/ld+json',
    },
    {
      type: 'recallStatus',
      href: `${page}?format=json`,
      title: summary.recalled ? '已召回 Recalled' : '未召回 Not recalled',
      media: 'application/json',
    },
  ];
}

/** The vocabulary term a linkType parameter names (gs1:pip, https://gs1.org/voc/pip), or 'linkset'. */
export function linkTypeTerm(linkType: string): string | undefined {
  if (linkType === 'linkset' || linkType === 'all') return 'linkset';
  const term = linkType.startsWith('gs1:')
    ? linkType.slice(4)
    : linkType.startsWith(voc)
      ? linkType.slice(voc.length)
      : undefined;
  return term && /^[A-Za-z]{1,40}$/.test(term) ? term : undefined;
}

/** RFC 9264 linkset of a code: one context object, its links keyed by GS1 link type. */
export function linkset(summary: Summary, path: string, base: string) {
  const context: Record<string, unknown> = { anchor: `${base}${path}` };
  for (const link of linksOf(summary, path)) {
    context[`${voc}${link.type}`] = [{ href: `${base}${link.href}`, title: link.title, type: link.media }];
  }
  return { linkset: [context] };
}
