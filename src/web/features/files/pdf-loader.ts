import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
// The worker is one of our own built assets (served from /assets like every script): the CSP
// allows scripts and workers from our origin only.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Opens a PDF from its bytes with pdf.js, configured for our strict CSP and for untrusted files:
 * no `eval`/`new Function` (fonts are drawn by the interpreter), no WebAssembly decoders, no
 * XFA forms, no fonts or maps fetched from anywhere; nothing in the document is ever executed
 * (pdf.js runs no PDF JavaScript without its scripting sandbox, which is not loaded).
 */
export function openPdf(data: Uint8Array): {
  promise: Promise<PDFDocumentProxy>;
  destroy: () => Promise<void>;
} {
  const task = getDocument({
    data,
    isEvalSupported: false,
    useWasm: false,
    enableXfa: false,
  });
  return { promise: task.promise, destroy: () => task.destroy() };
}
