import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, fetchTicket } from '../api/client.ts';
import { Loading } from '../components/Loading.tsx';
import { dateTime } from '../format.ts';

export default function TicketLookup() {
  const { t } = useTranslation();
  const { ticket } = useParams();
  const navigate = useNavigate();
  const [value, setValue] = useState(ticket ?? '');
  const found = useQuery({
    queryKey: ['ticket', ticket],
    queryFn: () => fetchTicket(ticket as string),
    enabled: Boolean(ticket),
    retry: false,
  });
  const data = found.data;
  return (
    <Card title={t('ticket.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) void navigate(`/complaints/${encodeURIComponent(value.trim())}`);
        }}
      >
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={value}
            maxLength={64}
            placeholder={t('ticket.placeholder')}
            aria-label={t('ticket.placeholder')}
            onChange={(e) => setValue(e.target.value)}
          />
          <Button type="primary" htmlType="submit">
            {t('ticket.search')}
          </Button>
        </Space.Compact>
      </form>
      {ticket && found.isPending && <Loading />}
      {found.isError && (
        <Alert
          style={{ marginTop: 12 }}
          type={found.error instanceof ApiError && found.error.status === 404 ? 'warning' : 'error'}
          message={
            found.error instanceof ApiError && found.error.status === 404
              ? t('ticket.notFound')
              : found.error.message
          }
        />
      )}
      {data && (
        <dl className="sy-facts" style={{ marginTop: 16 }} data-testid="ticket-status">
          <dt>{t('ticket.placeholder')}</dt>
          <dd>{data.ticket}</dd>
          <dt>{t('ticket.status')}</dt>
          <dd>{t(`ticket.statuses.${data.status}`, { defaultValue: data.status })}</dd>
          <dt>{t('ticket.createdAt')}</dt>
          <dd>{dateTime(data.createdAt)}</dd>
          {data.productName && (
            <>
              <dt>{t('ticket.product')}</dt>
              <dd>{data.productName}</dd>
            </>
          )}
          {data.answerBy && data.status !== 'answered' && data.status !== 'closed' && (
            <>
              <dt>{t('ticket.answerBy')}</dt>
              <dd>{dateTime(data.answerBy)}</dd>
            </>
          )}
          {data.timeline
            ?.filter((e) => e.message)
            .map((e) => (
              <div key={`${e.at}-${e.action}`} style={{ display: 'contents' }}>
                <dt>{dateTime(e.at)}</dt>
                <dd>{e.message}</dd>
              </div>
            ))}
        </dl>
      )}
    </Card>
  );
}
