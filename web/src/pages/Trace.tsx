import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import {
  ApiError,
  embeddedState,
  fetchProducer,
  fetchSummary,
  fetchTrace,
  type Producer,
} from '../api/client.ts';
import type { Lang, PartyInfo, Summary, TraceEvent, TraceGraph } from '../api/types.ts';
import { Banners, isCopyWarning } from '../components/Banners.tsx';
import { Loading } from '../components/Loading.tsx';
import { Muted, Section } from '../components/Section.tsx';
import { dateTime, vocabularyWord } from '../format.ts';

// ECharts is large: the route chart loads after the page has shown its content.
const RouteChart = lazy(() => import('../components/RouteChart.tsx'));

function useSummary(path: string) {
  const state = embeddedState();
  const fromServer = state?.path === path ? state : undefined;
  return useQuery({
    queryKey: ['summary', path],
    queryFn: () => fetchSummary(path),
    // The server embedded the summary (or said the code is unknown) in this page: no round trip.
    initialData: fromServer?.summary,
    enabled: fromServer?.notFound === undefined && fromServer?.invalid === undefined,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export default function Trace() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const state = embeddedState();
  const summary = useSummary(pathname);
  const raw = decodeURIComponent(pathname.replace(/^\/t\//, ''));
  if (state?.path === pathname && state.notFound !== undefined) return <Unknown code={state.notFound} />;
  if (state?.path === pathname && state.invalid !== undefined) return <Invalid detail={state.invalid} />;
  if (summary.isPending) return <Loading />;
  if (summary.isError) {
    const error = summary.error;
    if (error instanceof ApiError && error.status === 404) return <Unknown code={raw} />;
    if (error instanceof ApiError && error.status === 400) return <Invalid detail={error.message} />;
    return (
      <div className="sy-alert error" role="alert" data-testid="trace-error">
        <strong>{t('trace.errorTitle')}</strong>
        {error.message}
      </div>
    );
  }
  return <TraceView summary={summary.data} />;
}

function Invalid({ detail }: { detail: string }) {
  const { t } = useTranslation();
  return (
    <div className="sy-alert error" role="alert" data-testid="invalid-code">
      <strong>{t('trace.invalidTitle')}</strong>
      <p>{detail}</p>
      <Link to="/">{t('common.back')}</Link>
    </div>
  );
}

function Unknown({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <div className="sy-alert error" role="alert" data-testid="unknown-code">
      <strong>{t('trace.unknownTitle')}</strong>
      <p>{t('trace.unknown', { code })}</p>
      <Link to="/">{t('common.back')}</Link>
    </div>
  );
}

function TraceView({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const trace = useQuery({
    queryKey: ['trace', summary.code],
    queryFn: () => fetchTrace(summary.code),
    retry: false,
  });
  // The producer's licences and certifications, in parallel with the trace.
  const producer = useQuery({
    queryKey: ['producer', summary.producer, summary.product],
    queryFn: () => fetchProducer(summary.producer as string, summary.product),
    enabled: Boolean(summary.producer),
    retry: false,
  });
  const graph = trace.data;
  const route = useMemo(() => (graph ? routeOf(graph) : []), [graph]);
  return (
    <div data-testid="trace">
      <Banners summary={summary} />
      <ProductCard summary={summary} graph={graph} filed={producer.data ?? undefined} />
      <ScanCounter summary={summary} />
      <Section title={t('trace.chain')} testId="chain">
        {trace.isPending ? <Loading /> : <Chain events={graph?.events ?? []} />}
      </Section>
      <Section title={t('trace.route')} testId="route">
        {graph && (
          <Suspense fallback={<Loading />}>
            <RouteChart regions={route} empty={t('trace.routeEmpty')} />
          </Suspense>
        )}
      </Section>
      <Reports producer={producer.data ?? undefined} />
      <Link
        to={`/complaints/new?code=${encodeURIComponent(summary.code)}`}
        className="sy-button danger sy-section"
        data-testid="complain"
      >
        {t('trace.complain')}
      </Link>
    </div>
  );
}

function producerOf(summary: Summary, graph: TraceGraph | undefined): PartyInfo | undefined {
  const producers = graph?.parties.filter((p) => p.role === 'producer' && p.enterprise) ?? [];
  return (
    producers.find((p) => p.enterprise?.creditCode === summary.producer)?.enterprise ??
    producers[0]?.enterprise
  );
}

/** Lot master data the card already shows from the code itself. */
const shownElsewhere = new Set([
  'lotNumber',
  'itemExpirationDate',
  'bestBeforeDate',
  'productionDate',
  'lot',
]);

/** Lot master data that reads as text: origin, harvest date … (from the ilmd of the production event). */
function originOf(graph: TraceGraph | undefined, label: (key: string) => string): [string, string][] {
  const origin =
    graph?.objects.find((o) => o.depth === 0)?.origin ?? graph?.objects.find((o) => o.origin)?.origin;
  if (!origin) return [];
  return Object.entries(origin)
    .map(([k, v]) => [k.replace(/^.*[:#]/, ''), v] as const)
    .filter(([k, v]) => !shownElsewhere.has(k) && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => [label(k), String(v)]);
}

function ProductCard({
  summary,
  graph,
  filed,
}: {
  summary: Summary;
  graph: TraceGraph | undefined;
  filed: Producer | undefined;
}) {
  const { t } = useTranslation();
  const producer = filed ?? producerOf(summary, graph);
  const image = filed?.product?.image ?? (summary as Summary & { image?: string }).image;
  const spec = filed?.product?.specification ?? filed?.product?.unit;
  const lotData = originOf(graph, (key) => t(`ilmd.${key}`, { defaultValue: key }));
  const rows: [string, string | null | undefined][] = [
    [t('trace.name'), summary.productName ?? filed?.product?.name ?? summary.product],
    [t('trace.spec'), spec],
    [t('trace.producer'), producer?.name],
    [t('trace.licence'), summary.producer ?? producer?.creditCode],
    // the producer's region stands for the origin unless the lot's master data names one
    [t('trace.origin'), lotData.some(([k]) => k === t('ilmd.origin')) ? null : producer?.regionName],
    [t('trace.lot'), summary.lot],
    [t('trace.productionDate'), summary.productionDate],
    [t('trace.expiryDate'), summary.expiryDate],
    [t('trace.state'), t(`states.${summary.state}`, { defaultValue: summary.state })],
    [t('trace.code'), summary.code],
    ...lotData,
  ];
  return (
    <Section title={t('trace.product')} testId="product">
      {image && (
        <img src={image} alt={summary.productName ?? ''} style={{ maxWidth: '100%', borderRadius: 8 }} />
      )}
      <dl className="sy-facts">
        {rows
          // a lot's master data may repeat a row above (规格 of the registered product and of the lot)
          .filter(([k, v], i) => v && rows.findIndex(([k2, v2]) => k2 === k && v2 === v) === i)
          .map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </Section>
  );
}

function ScanCounter({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const copied = summary.warnings.filter(isCopyWarning);
  return (
    <Section testId="scans">
      <span>{t('trace.scans', { count: summary.scans.count, since: dateTime(summary.scans.since) })}</span>
      {copied.length > 0 && (
        <div className="sy-alert" role="alert" data-testid="copy-warning">
          ⚠ {t('trace.copyWarning')}
        </div>
      )}
    </Section>
  );
}

function Chain({ events }: { events: TraceEvent[] }) {
  const { t, i18n } = useTranslation();
  const say = (text: Lang) => (i18n.language === 'en' ? text.en : text.zh);
  if (events.length === 0) return <Muted>{t('trace.chainEmpty')}</Muted>;
  return (
    <ol className="sy-timeline">
      {events.map((event, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: a static list; two steps may share time and step
          key={`${event.eventTime}-${i}`}
          className={event.disposition?.endsWith('recalled') ? 'danger' : undefined}
          data-testid="step"
        >
          <div className="sy-step-title">
            {event.activity
              ? say(event.activity)
              : t(`steps.${vocabularyWord(event.bizStep)}`, { defaultValue: vocabularyWord(event.bizStep) })}
          </div>
          <div className="sy-step-meta">
            {t('trace.when')}：{dateTime(event.eventTime)}
          </div>
          {event.where?.regionName && (
            <div className="sy-step-meta">
              {t('trace.where')}：{event.where.regionName}
              {event.where.location ? ` · ${event.where.location}` : ''}
            </div>
          )}
          {event.where?.name && (
            <div className="sy-step-meta">
              {t('trace.who')}：{event.where.name}
            </div>
          )}
          {event.elements?.map((e) => (
            <div key={e.name} className="sy-step-meta" data-testid="element">
              {say(e.label)}：{say(e.text)}
            </div>
          ))}
        </li>
      ))}
    </ol>
  );
}

/** Regions in the order the goods passed through them (consecutive repeats merged). */
export function routeOf(graph: TraceGraph): string[] {
  const route: string[] = [];
  for (const e of graph.events) {
    const name = e.where?.regionName;
    if (name && route[route.length - 1] !== name) route.push(name);
  }
  return route;
}

function Reports({ producer }: { producer: Producer | undefined }) {
  const { t } = useTranslation();
  const credentials = producer?.credentials ?? [];
  const approvals = producer?.product?.approvals ?? [];
  return (
    <Section title={t('trace.reports')} testId="reports">
      {credentials.length === 0 && approvals.length === 0 ? (
        <Muted>{t('trace.reportsEmpty')}</Muted>
      ) : (
        <ul className="sy-credentials">
          {credentials.map((c) => (
            <li key={`${c.kind}-${c.type}-${c.number}`} data-testid="credential">
              <strong>
                {t(`trace.kinds.${c.kind}`)} · {c.typeName ?? c.type}
              </strong>{' '}
              <span className={`sy-tag ${c.valid ? 'ok' : 'bad'}`}>
                {c.valid
                  ? c.validTo
                    ? t('trace.validUntil', { date: c.validTo })
                    : t('trace.validForever')
                  : t('trace.invalid')}
              </span>
              <div className="sy-step-meta">
                {c.number} · {c.issuer}
                {c.scope ? ` · ${c.scope}` : ''}
              </div>
            </li>
          ))}
          {approvals.map((a) => (
            <li key={`approval-${a.type}-${a.number}`}>
              <strong>
                {t('trace.kinds.approval')} · {a.typeName ?? a.type}
              </strong>
              <div className="sy-step-meta">{a.number}</div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
