import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, List } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPage, type ListKind } from '../api/client.ts';
import type { Row } from '../api/types.ts';
import { Loading } from '../components/Loading.tsx';
import { dateTime } from '../format.ts';

const text = (row: Row, keys: string[]) => {
  for (const k of keys) {
    const v = row[k];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
};

/** Consumer alerts (消费提示), the quality blacklist (质量失信黑名单) and policy notices, from the API. */
export default function ListPage({ kind }: { kind: ListKind }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  // the previous list stays on screen while a search runs
  const page = useQuery({
    queryKey: ['list', kind, q],
    queryFn: () => fetchPage(kind, q),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t(`lists.${kind}`)} extra={page.data ? t('lists.total', { total: page.data.total }) : null}>
      <Input.Search
        allowClear
        maxLength={100}
        placeholder={t('lists.search')}
        onSearch={(value) => setQ(value.trim())}
        style={{ marginBottom: 12 }}
      />
      {page.isPending && <Loading />}
      {page.isError && <Alert type="error" message={page.error.message} />}
      {page.data && page.data.items.length === 0 && (
        <Empty description={t('lists.empty')} data-testid="empty" />
      )}
      {page.data && page.data.items.length > 0 && (
        <List
          dataSource={page.data.items}
          renderItem={(row, i) => {
            const title = text(row, ['title', 'name', 'enterpriseName', 'subject']) ?? `#${i + 1}`;
            const body = text(row, ['summary', 'body', 'content', 'reason', 'description', 'advice']);
            const date = text(row, ['publishedAt', 'listedAt', 'createdAt', 'issuedAt', 'date']);
            const code = text(row, ['creditCode']);
            const from = text(row, ['from']);
            return (
              <List.Item key={String(row.id ?? i)}>
                <List.Item.Meta
                  title={title}
                  description={
                    <>
                      {code && <div>{code}</div>}
                      {body && <div>{body}</div>}
                      {from && (
                        <div className="sy-muted">
                          {t('lists.period')}：{from} ~ {text(row, ['to']) ?? t('lists.untilFurther')}
                        </div>
                      )}
                      {date && <div className="sy-muted">{dateTime(date)}</div>}
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
