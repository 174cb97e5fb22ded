import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/Loading.tsx';

// Every page is its own chunk: the scan page (/t/…) loads only what it needs.
const Home = lazy(() => import('./pages/Home.tsx'));
const Trace = lazy(() => import('./pages/Trace.tsx'));
const Complaint = lazy(() => import('./pages/Complaint.tsx'));
const TicketLookup = lazy(() => import('./pages/TicketLookup.tsx'));
const ListPage = lazy(() => import('./pages/ListPage.tsx'));
const NotFound = lazy(() => import('./pages/NotFound.tsx'));

/** GS1 Digital Link paths the resolver answers (/01/{gtin}/21/{serial} …). */
const digitalLink = /^\/(00|01|253|255|401|402|414|415|417|8003|8004|8006|8010|8013|8017|8018)\/./;

function Fallback() {
  const { pathname } = useLocation();
  return digitalLink.test(pathname) ? <Trace /> : <NotFound />;
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff' } }}
    >
      <Layout>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/t/:code" element={<Trace />} />
            <Route path="/complaints/new" element={<Complaint />} />
            <Route path="/complaints" element={<TicketLookup />} />
            <Route path="/complaints/:ticket" element={<TicketLookup />} />
            <Route path="/alerts" element={<ListPage kind="alerts" />} />
            <Route path="/blacklist" element={<ListPage kind="blacklist" />} />
            <Route path="/notices" element={<ListPage kind="notices" />} />
            <Route path="*" element={<Fallback />} />
          </Routes>
        </Suspense>
      </Layout>
    </ConfigProvider>
  );
}
