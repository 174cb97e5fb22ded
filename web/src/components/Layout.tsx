import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { setLanguage } from '../i18n/index.ts';
import './layout.css';

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <div className="sy-page">
      <header className="sy-header">
        <Link to="/" className="sy-brand">
          {t('app.title')}
        </Link>
        <Button size="small" data-testid="language" onClick={() => void setLanguage(other)}>
          {t('app.language')}
        </Button>
      </header>
      <main className="sy-main">{children}</main>
    </div>
  );
}
