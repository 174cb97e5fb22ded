import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ComplaintFields, fileComplaint } from '../api/client.ts';

export const maxPhotoBytes = 5 * 1024 * 1024;
const maxPhotos = 3;

type Fields = ComplaintFields;
const categories = [
  'quality',
  'safety',
  'counterfeit',
  'label',
  'expired',
  'price',
  'service',
  'other',
] as const;

/** The complaint form: contact, description, up to three photos of at most 5 MB; answered with a ticket. */
export default function Complaint() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoError, setPhotoError] = useState<string>();
  const file = useMutation({
    mutationFn: (fields: Fields) => fileComplaint(fields, photos),
  });

  if (file.data) {
    return (
      <Result
        status="success"
        title={t('complaint.done')}
        subTitle={
          <>
            <span data-testid="ticket">{t('complaint.ticket', { ticket: file.data.ticket })}</span>
            <br />
            {t('complaint.keep')}
          </>
        }
        extra={
          <Link to={`/complaints/${encodeURIComponent(file.data.ticket)}`}>
            <Button type="primary">{t('complaint.lookup')}</Button>
          </Link>
        }
      />
    );
  }

  return (
    <Card title={t('complaint.title')}>
      <Form<Fields>
        layout="vertical"
        initialValues={{ code: params.get('code') ?? '' }}
        onFinish={(fields) => file.mutate(fields)}
      >
        <Form.Item name="code" label={t('complaint.code')}>
          <Input maxLength={512} />
        </Form.Item>
        <Form.Item name="category" label={t('complaint.category')}>
          <Select
            allowClear
            options={categories.map((value) => ({ value, label: t(`complaint.categories.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('complaint.contact')}
          extra={t('complaint.contactHint')}
          rules={[{ required: true, message: t('complaint.required') }]}
        >
          <Input maxLength={100} autoComplete="tel" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('complaint.description')}
          rules={[{ required: true, message: t('complaint.required') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('complaint.descriptionHint')} />
        </Form.Item>
        <Form.Item label={t('complaint.photos')}>
          <input
            type="file"
            accept="image/*"
            multiple
            data-testid="photos"
            aria-label={t('complaint.addPhoto')}
            onChange={(e) => {
              const chosen = [...(e.target.files ?? [])].slice(0, maxPhotos);
              const big = chosen.find((f) => f.size > maxPhotoBytes);
              setPhotoError(big ? t('complaint.tooLarge', { name: big.name }) : undefined);
              setPhotos(chosen.filter((f) => f.size <= maxPhotoBytes));
            }}
          />
          {photoError && <Alert type="warning" message={photoError} style={{ marginTop: 8 }} />}
          {photos.length > 0 && <p className="sy-muted">{photos.map((p) => p.name).join('、')}</p>}
        </Form.Item>
        {file.error && <Alert type="error" message={file.error.message} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block size="large" loading={file.isPending}>
          {t('complaint.submit')}
        </Button>
      </Form>
    </Card>
  );
}
