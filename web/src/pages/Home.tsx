import { Alert, Button, Card, Input, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';

// The camera scanner (barcode-detector with its zxing-wasm polyfill) loads only when asked for.
const Scanner = lazy(() => import('../components/Scanner.tsx'));

function CameraIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" style={{ verticalAlign: '-3px' }}>
      <path
        fill="currentColor"
        d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"
      />
    </svg>
  );
}

/** Identifiers the platform checks but does not resolve to a trace page. */
const notResolved = new Set(['credit-code', 'region-code', 'drug-trace-code', 'vet-drug-code', 'unknown']);

/** GS1 Digital Link primary keys and the resolver's /t/ path. */
const resolverPathPattern = /^\/(t|00|01|253|255|401|402|414|415|417|8003|8004|8006|8010|8013|8017|8018)\/./;

/**
 * A label's QR code holds a resolver URL (https://node/t/CODE) or a GS1 Digital Link
 * (https://id.gs1.org/01/…/21/…): both are answered here by their path.
 */
export function resolverPath(value: string): string | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    const { pathname } = new URL(value);
    return resolverPathPattern.test(pathname) ? pathname : undefined;
  } catch {
    return undefined;
  }
}

/** The server's /search works out what the value is and redirects to the resolver. */
export function openCode(value: string): void {
  const q = value.trim();
  if (q) window.location.assign(`/search?q=${encodeURIComponent(q)}`);
}

interface Detection {
  scheme: string;
  valid: boolean;
  errors: string[];
}

/** Checks the value first (GET /api/identifiers/check) so a mistyped code is explained here. */
async function problemWith(value: string): Promise<Detection | undefined> {
  const { data, response } = await api.GET('/api/identifiers/check', { params: { query: { value } } });
  if (!response.ok) return undefined; // e.g. rate limited: let the resolver answer
  const detection = data as Detection;
  return !detection.valid || notResolved.has(detection.scheme) ? detection : undefined;
}

export default function Home() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<Detection>();
  const submit = async (raw: string) => {
    const q = raw.trim();
    if (!q) return;
    const path = resolverPath(q);
    if (path) {
      window.location.assign(path);
      return;
    }
    const found = await problemWith(q).catch(() => undefined);
    setProblem(found);
    if (!found) openCode(q);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <p>{t('home.intro')}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit(value);
          }}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Input
              name="q"
              size="large"
              maxLength={512}
              autoComplete="off"
              value={value}
              placeholder={t('home.placeholder')}
              aria-label={t('home.placeholder')}
              onChange={(e) => setValue(e.target.value)}
            />
            <Button size="large" type="primary" htmlType="submit">
              {t('home.search')}
            </Button>
          </Space.Compact>
        </form>
        {problem && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="code-problem"
            message={
              problem.valid
                ? t('home.unsupported', {
                    scheme: t(`home.schemes.${problem.scheme}`, { defaultValue: problem.scheme }),
                  })
                : t('home.invalid', { reason: problem.errors[0] ?? '' })
            }
          />
        )}
        <Button block size="large" style={{ marginTop: 12 }} onClick={() => setScanning(true)}>
          <CameraIcon /> {t('home.scan')}
        </Button>
        {scanning && (
          <Suspense fallback={<p>{t('scan.starting')}</p>}>
            <Scanner onCode={(code) => void submit(code)} onClose={() => setScanning(false)} />
          </Suspense>
        )}
      </Card>
      <Card title={t('home.services')}>
        <nav className="sy-links">
          <Link to="/alerts">{t('home.alerts')}</Link>
          <Link to="/blacklist">{t('home.blacklist')}</Link>
          <Link to="/notices">{t('home.notices')}</Link>
          <Link to="/complaints">{t('home.ticket')}</Link>
        </nav>
        <p className="sy-muted" style={{ marginTop: 12, marginBottom: 0 }}>
          <a href="/docs">{t('home.api')}</a>
        </p>
      </Card>
    </Space>
  );
}
