import { Alert, Button, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

// zxing-wasm's reader (ZXing C++ in WebAssembly), its .wasm served by this server, never a CDN. The
// JS and the .wasm come from the same package version (barcode-detector bundles another version of
// zxing-wasm, whose JS does not fit this .wasm).
prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
  },
  fireImmediately: false,
});

/** What labels carry: QR codes (resolver URLs, Digital Links), GS1 DataMatrix, EAN-13, GS1-128, DataBar. */
const formats = ['QRCode', 'DataMatrix', 'EAN13', 'Code128', 'DataBarExp'] as const;

/** Reads a code with the phone camera; calls onCode with the first one read. */
export default function Scanner({
  onCode,
  onClose,
}: {
  onCode: (code: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string>();
  // the latest callback, without restarting the camera when the parent renders again
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    let timer: number | undefined;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    async function start() {
      if (!navigator.mediaDevices?.getUserMedia || !context) {
        setError(t('scan.unsupported'));
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      } catch (e) {
        setError(t('scan.denied', { message: (e as Error).message }));
        return;
      }
      const element = video.current;
      if (!element || stopped) return;
      element.srcObject = stream;
      await element.play().catch(() => undefined);
      const tick = async () => {
        if (stopped || !context) return;
        if (element.videoWidth > 0) {
          canvas.width = element.videoWidth;
          canvas.height = element.videoHeight;
          context.drawImage(element, 0, 0);
          const frame = context.getImageData(0, 0, canvas.width, canvas.height);
          const found = await readBarcodes(frame, { formats: [...formats], maxNumberOfSymbols: 1 }).catch(
            () => [],
          );
          const value = found.find((r) => r.isValid)?.text;
          if (value && !stopped) {
            stopped = true;
            onCodeRef.current(value);
            return;
          }
        }
        timer = window.setTimeout(() => void tick(), 200);
      };
      void tick();
    }
    void start();
    return () => {
      stopped = true;
      if (timer) window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [t]);

  return (
    <Modal
      open
      title={t('scan.title')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('scan.cancel')}</Button>}
    >
      {error ? (
        <Alert type="warning" message={error} />
      ) : (
        <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />
      )}
    </Modal>
  );
}
