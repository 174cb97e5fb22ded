// Small factories for trace tests: supply-chain events on top of test/factories.ts.

import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { epcisDocument, gln, gtin, objectEvent } from '../../test/factories.js';
import { gs1CheckDigit } from '../identifiers/gs1/check-digit.js';

type Json = Record<string, unknown>;
/** The part of test/app.ts's TestContext these helpers use (a type import of it would pull the
 * vitest-only test setup into the build, which compiles this file). */
type TestContext = { app: FastifyInstance; auth: { authorization: string } };

const base = Date.UTC(2026, 6, 1, 0, 0, 0);
/** An instant `minutes` after a fixed origin, so tests can place events in time. */
export const minute = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

/** A namespace of identifiers no other test uses. */
export function chainIds(item = 1) {
  const tag = Math.random().toString(36).slice(2, 10).toUpperCase();
  const serial = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  return {
    tag,
    lot: (name: string | number) => `https://id.gs1.org/01/${gtin(item)}/10/${tag}${name}`,
    item: (serial: string | number) => `https://id.gs1.org/01/${gtin(item)}/21/${tag}${serial}`,
    sscc: (ref: number) => {
      const body = `06901234${serial}${String(ref % 100).padStart(2, '0')}`;
      return `https://id.gs1.org/00/${body}${gs1CheckDigit(body)}`;
    },
  };
}

export const party = (n: number) => `https://id.gs1.org/417/${gln(n)}`;

export interface Flow {
  epc: string;
  quantity?: number;
}

const quantityList = (flows: Flow[]) =>
  flows
    .filter((f) => f.quantity !== undefined)
    .map((f) => ({ epcClass: f.epc, quantity: f.quantity, uom: 'KGM' }));
const epcList = (flows: Flow[]) => flows.filter((f) => f.quantity === undefined).map((f) => f.epc);
const flows = (list: (string | Flow)[]) => list.map((f) => (typeof f === 'string' ? { epc: f } : f));

function parties(source?: string, destination?: string): Json {
  return {
    ...(source ? { sourceList: [{ type: 'owning_party', source }] } : {}),
    ...(destination ? { destinationList: [{ type: 'owning_party', destination }] } : {}),
  };
}

export function transformation(
  inputs: (string | Flow)[],
  outputs: (string | Flow)[],
  o: { at?: string; source?: string; destination?: string; bizStep?: string; id?: string } = {},
): Json {
  const i = flows(inputs);
  const out = flows(outputs);
  return objectEvent({
    type: 'TransformationEvent',
    action: undefined,
    epcList: undefined,
    eventID: o.id,
    bizStep: o.bizStep ?? 'commissioning',
    disposition: 'active',
    ...(o.at ? { eventTime: o.at } : {}),
    inputEPCList: epcList(i),
    inputQuantityList: quantityList(i),
    outputEPCList: epcList(out),
    outputQuantityList: quantityList(out),
    ...parties(o.source, o.destination),
  });
}

/** An ObjectEvent moving (or producing, selling, destroying) goods between parties. */
export function move(
  bizStep: 'commissioning' | 'shipping' | 'receiving' | 'retail_selling' | 'destroying',
  goods: (string | Flow)[],
  o: { at?: string; source?: string; destination?: string; id?: string; ilmd?: Json } = {},
): Json {
  const f = flows(goods);
  return objectEvent({
    action: bizStep === 'commissioning' ? 'ADD' : bizStep === 'destroying' ? 'DELETE' : 'OBSERVE',
    bizStep,
    disposition:
      { shipping: 'in_transit', receiving: 'in_progress', retail_selling: 'retail_sold' }[
        bizStep as string
      ] ?? 'active',
    eventID: o.id,
    ...(o.at ? { eventTime: o.at } : {}),
    epcList: epcList(f),
    quantityList: quantityList(f),
    ...(o.ilmd ? { ilmd: o.ilmd } : {}),
    ...parties(o.source, o.destination),
  });
}

export function pack(
  parent: string,
  children: string[],
  action: 'ADD' | 'DELETE',
  at: string,
  id?: string,
): Json {
  return objectEvent({
    type: 'AggregationEvent',
    action,
    bizStep: action === 'ADD' ? 'packing' : 'unpacking',
    disposition: 'in_progress',
    epcList: undefined,
    parentID: parent,
    childEPCs: children,
    eventTime: at,
    eventID: id,
  });
}

/** Captures events through POST /epcis/capture and runs the worker; fails the test if any was refused. */
export async function capture(ctx: TestContext, events: Json[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: ctx.auth,
      payload: epcisDocument(events.slice(i, i + 5000)),
    });
    expect(response.statusCode, response.body).toBe(202);
    await ctx.app.captureWorker.drain();
    const job = await ctx.app.inject({ url: response.headers.location as string, headers: ctx.auth });
    expect(job.json(), job.body).toMatchObject({ success: true });
  }
}

/** Identifiers reached by a trace, without the start. */
export async function reached(
  ctx: TestContext,
  code: string,
  direction: 'back' | 'forward',
  query = '',
): Promise<string[]> {
  const response = await ctx.app.inject({
    url: `/api/trace/${encodeURIComponent(code)}?direction=${direction}${query}`,
    headers: ctx.auth,
  });
  expect(response.statusCode, response.body).toBe(200);
  const objects = response.json().objects as { uri: string }[];
  return objects
    .map((o) => o.uri)
    .filter((u) => u !== code)
    .sort();
}
