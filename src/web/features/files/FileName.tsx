import { displayName } from './file-format.js';

/**
 * A file or folder name as text: control and bidi characters stripped again in the browser, and
 * isolated (`<bdi>`) so a right-to-left name cannot reorder the words around it.
 */
export function FileName({ name }: { name: string }) {
  return <bdi>{displayName(name)}</bdi>;
}
