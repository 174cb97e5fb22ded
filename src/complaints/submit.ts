import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '../http/errors.js';
import { uniqueViolation } from '../parties/common.js';
import { regionOf } from '../recalls/parties.js';
import { ownersOf } from '../recalls/targets.js';
import { identifierOf } from '../trace/service.js';
import type { ComplaintsDb } from './db.js';
import { sniffImage, type UploadedFile } from './multipart.js';

export const maxPhotos = 3;
export const maxPhotoBytes = 5 * 1024 * 1024;
const ticketAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
// 31^10 ≈ 8 × 10^14 tickets a day: the ticket page (60 reads a minute per address) cannot be walked.

export function newTicket(now = new Date()): string {
  const day = now.toISOString().slice(2, 10).replace(/-/g, '');
  const tail = Array.from({ length: 10 }, () => ticketAlphabet.charAt(randomInt(ticketAlphabet.length))).join(
    '',
  );
  return `TS${day}${tail}`;
}

export interface Photo {
  mediaType: 'image/jpeg' | 'image/png' | 'image/webp';
  data: Buffer;
}

/** Photos checked by their bytes: at most three, each ≤ 5 MB, JPEG, PNG or WebP. */
export function checkPhotos(files: UploadedFile[]): Photo[] {
  const photos = files.filter((f) => f.field === 'photos' || f.field === 'photo');
  const stray = files.find((f) => f.field !== 'photos' && f.field !== 'photo');
  if (stray)
    throw new DomainError('VALIDATION_FAILED', `Unexpected file field ${stray.field}`, [
      { pointer: `/${stray.field}`, message: 'only photos may be uploaded' },
    ]);
  if (photos.length > maxPhotos)
    throw new DomainError('VALIDATION_FAILED', `At most ${maxPhotos} photos`, [
      { pointer: '/photos', message: `at most ${maxPhotos} files` },
    ]);
  return photos.map((f, i) => {
    if (f.data.length > maxPhotoBytes)
      throw new DomainError('PAYLOAD_TOO_LARGE', `Photo ${f.filename} is larger than 5 MB`, [
        { pointer: `/photos/${i}`, message: 'at most 5 MB' },
      ]);
    const mediaType = sniffImage(f.data);
    if (!mediaType)
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        `Photo ${f.filename} is not a JPEG, PNG or WebP image`,
        [{ pointer: `/photos/${i}`, message: 'JPEG, PNG or WebP only (checked by content)' }],
      );
    return { mediaType, data: f.data };
  });
}

export interface Routing {
  code: string | null;
  uri: string | null;
  product: string | null;
  productName: string | null;
  enterprise: string | null;
  region: string | null;
}

/** Links a complaint to code, product and enterprise through the resolver's facts; a mistyped code is kept as given. */
export async function route(system: ComplaintsDb, code: string | undefined): Promise<Routing> {
  const empty: Routing = {
    code: code?.trim() || null,
    uri: null,
    product: null,
    productName: null,
    enterprise: null,
    region: null,
  };
  if (!empty.code) return empty;
  let uri: string;
  try {
    uri = identifierOf(empty.code);
  } catch {
    return empty;
  }
  const row = await system
    .selectFrom('codes')
    .select(['owner', 'product', 'product_name'])
    .where('uri', '=', uri)
    .executeTakeFirst();
  const enterprise = row?.owner ?? (await ownersOf(system, [uri])).get(uri) ?? null;
  let productName = row?.product_name ?? null;
  const product = row?.product ?? /^https:\/\/id\.gs1\.org\/01\/(\d{14})/.exec(uri)?.[1] ?? null;
  if (!productName && product) {
    const p = await system
      .selectFrom('products')
      .select('name')
      .where('gtin', '=', product)
      .executeTakeFirst();
    productName = p?.name ?? null;
  }
  return {
    code: empty.code,
    uri,
    product,
    productName,
    enterprise,
    region: enterprise ? await regionOf(system, enterprise) : null,
  };
}

/** The deadlines of the longest region prefix configured (default: acknowledge in 24 h, answer in 7 days). */
export async function deadlinesFor(db: ComplaintsDb, region: string | null, from: Date) {
  const { rows } = await sql<{ acknowledge_hours: number; answer_days: number }>`
    SELECT acknowledge_hours, answer_days FROM complaint_deadlines
    WHERE ${region ?? ''} LIKE region || '%' ORDER BY length(region) DESC LIMIT 1`.execute(db);
  const d = rows[0] ?? { acknowledge_hours: 24, answer_days: 7 };
  return {
    acknowledgeBy: new Date(from.getTime() + d.acknowledge_hours * 3_600_000),
    answerBy: new Date(from.getTime() + d.answer_days * 86_400_000),
  };
}

export interface NewComplaint {
  source: 'public' | 'api' | 'hotline';
  hotlineNo?: string;
  code?: string;
  contact: string;
  description: string;
  category?: string;
  reporter: string;
  photos?: Photo[];
  createdAt?: Date;
}

/**
 * Stores a complaint routed to its enterprise and region, with its deadlines and first timeline
 * entries. System work: anonymous reporters have no row rights; the service never returns the contact.
 */
export async function submitComplaint(system: ComplaintsDb, c: NewComplaint) {
  const routing = await route(system, c.code);
  const created = c.createdAt ?? new Date();
  const { acknowledgeBy, answerBy } = await deadlinesFor(system, routing.region, created);
  for (let attempt = 0; ; attempt++) {
    try {
      return await system.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('complaints')
          .values({
            ticket: newTicket(created),
            source: c.source,
            hotline_no: c.hotlineNo ?? null,
            category: c.category ?? 'other',
            code: routing.code,
            uri: routing.uri,
            product: routing.product,
            product_name: routing.productName,
            enterprise: routing.enterprise,
            region: routing.region,
            description: c.description,
            contact: c.contact.trim(),
            reporter: c.reporter,
            acknowledge_by: acknowledgeBy,
            answer_by: answerBy,
            created_at: created,
          })
          .returning(['id', 'ticket', 'status', 'created_at'])
          .executeTakeFirstOrThrow();
        for (const [i, p] of (c.photos ?? []).entries())
          await trx
            .insertInto('complaint_photos')
            .values({
              complaint_id: row.id,
              position: i + 1,
              media_type: p.mediaType,
              size: p.data.length,
              sha256: createHash('sha256').update(p.data).digest('hex'),
              data: p.data,
            })
            .execute();
        await trx
          .insertInto('complaint_events')
          .values([
            {
              complaint_id: row.id,
              at: created,
              actor: c.reporter,
              actor_kind: 'reporter',
              action: 'received',
              message: '已受理 received',
              public: true,
            },
            {
              complaint_id: row.id,
              at: created,
              actor: 'system',
              actor_kind: 'system',
              action: 'routed',
              message: routing.enterprise
                ? `转交企业及属地监管部门 routed to the enterprise and the regulators of ${routing.region ?? 'its region'}`
                : '转交监管部门 routed to the regulators',
              public: true,
            },
          ])
          .execute();
        return {
          ticket: row.ticket,
          status: row.status,
          createdAt: row.created_at.toISOString(),
          acknowledgeBy: acknowledgeBy.toISOString(),
          answerBy: answerBy.toISOString(),
          routed: routing.enterprise !== null,
          productName: routing.productName,
        };
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint?.includes('ticket') && attempt < 3) continue;
      if (constraint?.includes('hotline'))
        throw new DomainError('CONFLICT', `Hotline work order ${c.hotlineNo} was already imported`);
      throw error;
    }
  }
}
