import { Box, Button, Center, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { PageLoader } from '../../ui/PageLoader.js';

/** Pages drawn at first; "Show more pages" adds this many more. */
const pageStep = 5;

/**
 * A PDF drawn page by page onto canvases by pdf.js, from the bytes fetched with the viewer's
 * session (the server never serves a PDF inline). pdf.js and its worker load only here, the
 * first time a PDF is shown.
 */
export function PdfPreview({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState(pageStep);
  const { ref, width } = useElementSize();

  useEffect(() => {
    let destroy: (() => Promise<void>) | undefined;
    let cancelled = false;
    setDoc(null);
    setError(null);
    (async () => {
      const [{ openPdf }, response] = await Promise.all([
        import('./pdf-loader.js'),
        fetch(url, { credentials: 'same-origin' }),
      ]);
      if (!response.ok) throw new ApiError(response.status, {}, t('files.preview.failed'));
      const data = new Uint8Array(await response.arrayBuffer());
      if (cancelled) return;
      const task = openPdf(data);
      destroy = task.destroy;
      const opened = await task.promise;
      if (!cancelled) setDoc(opened);
    })().catch((cause: unknown) => {
      if (!cancelled) setError(cause instanceof ApiError ? cause : new Error(t('files.preview.pdfFailed')));
    });
    return () => {
      cancelled = true;
      void destroy?.();
    };
  }, [url, t]);

  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack
      gap="sm"
      ref={ref}
      maw={880}
      mx="auto"
      aria-label={t('files.preview.pdfLabel', { name })}
      role="document"
    >
      {!doc || width === 0 ? (
        <PageLoader />
      ) : (
        <>
          {pageNumbers(Math.min(shown, doc.numPages)).map((number) => (
            <PdfPage key={number} doc={doc} number={number} width={width} />
          ))}
          <Text size="xs" c="dimmed" ta="center">
            {t('files.preview.pages', { shown: Math.min(shown, doc.numPages), count: doc.numPages })}
          </Text>
          {shown < doc.numPages ? (
            <Center>
              <Button variant="default" onClick={() => setShown((n) => n + pageStep)}>
                {t('files.preview.morePages')}
              </Button>
            </Center>
          ) : null}
        </>
      )}
    </Stack>
  );
}

/** 1, 2, …, count. */
const pageNumbers = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

/** One page, drawn at the container's width and the screen's pixel density. */
function PdfPage({ doc, number, width }: { doc: PDFDocumentProxy; number: number; width: number }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let cancelRender: (() => void) | undefined;
    (async () => {
      const page = await doc.getPage(number);
      if (cancelled || !canvas.current) return;
      const natural = page.getViewport({ scale: 1 });
      const scale = width / natural.width;
      const density = Math.min(window.devicePixelRatio || 1, 2);
      const viewport = page.getViewport({ scale: scale * density });
      const target = canvas.current;
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      const task = page.render({ canvas: target, viewport });
      cancelRender = () => task.cancel();
      await task.promise;
    })().catch((cause: unknown) => {
      // A render cancelled by a resize or by leaving the page is not a failure.
      if (!cancelled && !(cause instanceof Error && cause.name === 'RenderingCancelledException'))
        setFailed(true);
    });
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [doc, number, width]);

  if (failed) {
    return (
      <Text size="sm" c="red" role="alert">
        {t('files.preview.pageFailed', { number })}
      </Text>
    );
  }
  return (
    <Box
      style={{ boxShadow: 'var(--mantine-shadow-sm)', background: 'white', lineHeight: 0, maxWidth: '100%' }}
      data-testid="pdf-page"
    >
      {/* Always the container's width (its pixels follow it): a resize never makes it stick out. */}
      <canvas
        ref={canvas}
        aria-label={t('files.preview.page', { number })}
        role="img"
        style={{ display: 'block', width: '100%', height: 'auto' }}
      />
    </Box>
  );
}
