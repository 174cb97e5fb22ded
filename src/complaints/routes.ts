import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../http/errors.js';
import { refuseUnlessRegulator } from '../recalls/rights.js';
import { excelType } from '../trace/excel.js';
import { complaintsDb, withComplaintsDb } from './db.js';
import { gridOf, importHotline } from './hotline.js';
import { parseMultipart, type UploadedFile } from './multipart.js';
import { flagOverdue, overdueCron, overdueQueue } from './overdue.js';
import {
  ActBody,
  ComplaintBody,
  ComplaintListQuery,
  DeadlineBody,
  PhotoParams,
  TicketParams,
  TicketQuery,
} from './schema.js';
import {
  act,
  complaintStats,
  listComplaints,
  listDeadlines,
  photo,
  publicTicket,
  setDeadlines,
  staffTicket,
} from './service.js';
import { checkPhotos, maxPhotoBytes, maxPhotos, submitComplaint } from './submit.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart complaint form (the fields are the body). */
    uploads?: UploadedFile[];
  }
}

const tags = ['Complaints'];
const security = [{ apiKey: [] }];
type Ticket = { ticket: string };
const maxJsonBytes = 65_536;

/** Complaints (投诉举报) under /api: public submission and ticket page, handling, statistics, 12345 import. */
export async function complaintRoutes(app: FastifyInstance): Promise<void> {
  const system = complaintsDb(app.database.db);
  await app.jobs.define(overdueQueue, { policy: 'singleton', cron: overdueCron }, async () => {
    await flagOverdue(system);
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      const form = parseMultipart(body as Buffer, String(request.headers['content-type']), {
        maxParts: 12,
        maxFieldBytes: 16384,
      });
      request.uploads = form.files;
      done(null, form.fields);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(['text/csv', excelType], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  await app.register(async (limited) => {
    await limited.register(rateLimit, { max: 10, timeWindow: '1 minute' });
    // Only the multipart form may be large (its photos); a JSON complaint is a few kilobytes.
    limited.addHook('onRequest', async (request) => {
      const type = String(request.headers['content-type'] ?? '');
      const length = Number(request.headers['content-length'] ?? 0);
      // A chunked body has no length to check up front: only the multipart form may send one.
      const chunked =
        request.headers['content-length'] === undefined && 'transfer-encoding' in request.headers;
      if (!type.startsWith('multipart/form-data') && (length > maxJsonBytes || chunked))
        throw new DomainError(
          'PAYLOAD_TOO_LARGE',
          `A complaint without photos is at most ${maxJsonBytes} bytes`,
        );
    });
    limited.post(
      '/complaints',
      {
        config: { access: 'public' },
        bodyLimit: maxPhotos * maxPhotoBytes + 262_144,
        schema: {
          tags,
          summary:
            'Submit a complaint (投诉举报): JSON, or multipart/form-data with up to 3 photos (≤ 5 MB, JPEG/PNG/WebP)',
          description:
            'Anonymous allowed and rate limited. Answers the ticket to follow it at GET /api/complaints/{ticket}.',
          body: ComplaintBody,
        },
      },
      async (request, reply) => {
        const body = request.body as ComplaintBody;
        const photos = checkPhotos(request.uploads ?? []);
        const saved = await submitComplaint(system, {
          source: request.principal.kind === 'anonymous' ? 'public' : 'api',
          code: body.code,
          contact: body.contact,
          description: body.description,
          category: body.category,
          reporter: request.principal.id,
          photos,
        });
        return reply.status(201).header('location', `/api/complaints/${saved.ticket}`).send(saved);
      },
    );
  });

  app.get(
    '/complaints',
    {
      config: { access: 'user' },
      schema: {
        tags,
        security,
        summary: 'Complaints routed to your enterprise, or in your region (regulators), filtered and paged',
        querystring: ComplaintListQuery,
      },
    },
    async (request) =>
      withComplaintsDb(request, (db) =>
        listComplaints(db, request.principal, request.query as ComplaintListQuery),
      ),
  );

  app.get(
    '/complaints/stats',
    {
      config: { access: 'user' },
      schema: { tags, security, summary: 'Complaint statistics within your scope' },
    },
    async (request) => withComplaintsDb(request, (db) => complaintStats(db)),
  );

  app.get(
    '/complaints/deadlines',
    { config: { access: 'user' }, schema: { tags, security, summary: 'Handling deadlines by region' } },
    async (request) => withComplaintsDb(request, (db) => listDeadlines(db)),
  );

  app.put(
    '/complaints/deadlines',
    {
      config: { access: 'user' },
      bodyLimit: 4096,
      schema: {
        tags,
        security,
        summary: 'Set the deadlines of a region (regulators of it)',
        body: DeadlineBody,
      },
    },
    async (request) => {
      refuseUnlessRegulator(request.principal);
      return withComplaintsDb(request, (db) =>
        setDeadlines(db, request.principal, request.body as DeadlineBody),
      );
    },
  );

  app.post(
    '/complaints/imports',
    {
      config: { access: 'user' },
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags,
        security,
        summary: 'Import 12345 hotline work orders (CSV as text/csv, or Excel .xlsx)',
        description:
          'Columns 工单编号, 来电时间, 诉求内容, 联系电话, 追溯码, 诉求类型 (or English: workOrder, time, description, contact, code, category). A work order already imported is counted as a duplicate.',
      },
    },
    async (request) => {
      refuseUnlessRegulator(request.principal);
      const type = String(request.headers['content-type'] ?? '');
      if (!Buffer.isBuffer(request.body))
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv or as an .xlsx workbook');
      return importHotline(system, await gridOf(request.body, type), request.principal.id);
    },
  );

  await app.register(async (limited) => {
    await limited.register(rateLimit, { max: 60, timeWindow: '1 minute' });
    ticketRoute(limited);
  });

  app.get(
    '/complaints/:ticket/photos/:n',
    {
      config: { access: 'user' },
      schema: { tags, security, summary: 'A photo of a complaint', params: PhotoParams },
    },
    async (request, reply) => {
      const { ticket, n } = request.params as { ticket: string; n: number };
      const p = await withComplaintsDb(request, (db) => photo(db, ticket, n));
      // Uploaded bytes: never let a browser read them as anything but the image type they were checked as.
      return reply
        .type(p.media_type)
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(p.data);
    },
  );

  for (const [path, action, summary] of [
    ['acknowledge', 'acknowledged', 'Acknowledge (受理) a complaint'],
    [
      'answer',
      'answered',
      'Answer (答复) a complaint; the message shows on the ticket page unless public is false',
    ],
    ['close', 'closed', 'Close (办结) a complaint'],
  ] as const) {
    app.post(
      `/complaints/:ticket/${path}`,
      {
        config: { access: 'user' },
        bodyLimit: 16384,
        schema: { tags, security, summary, params: TicketParams, body: ActBody },
      },
      async (request) =>
        withComplaintsDb(request, (db) =>
          act(
            db,
            request.principal,
            (request.params as Ticket).ticket,
            action,
            (request.body ?? {}) as ActBody,
          ),
        ),
    );
  }
}

/** The reporter proves a ticket is its own with the contact it gave, preferably in this header. */
export const contactHeader = 'x-complaint-contact';

/** The ticket page, rate limited apart from the handlers' routes. */
function ticketRoute(app: FastifyInstance): void {
  const system = complaintsDb(app.database.db);
  app.get(
    '/complaints/:ticket',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: `Follow a complaint: status and public replies (the reporter adds its contact, in the ${contactHeader} header or ?contact=, for more)`,
        description: 'Handlers (the enterprise, regulators of its region) get the whole complaint.',
        params: TicketParams,
        querystring: TicketQuery,
      },
    },
    async (request) => {
      const { ticket } = request.params as Ticket;
      if (request.principal.kind !== 'anonymous') {
        const full = await withComplaintsDb(request, (db) => staffTicket(db, request.principal, ticket));
        if (full) return full;
      }
      // The header keeps the reporter's phone number out of URLs (and so out of access logs).
      const header = request.headers[contactHeader];
      const contact =
        (typeof header === 'string' ? header.slice(0, 100) : undefined) ??
        (request.query as { contact?: string }).contact;
      return publicTicket(system, ticket, contact);
    },
  );
}
