import type { ServerFrame } from '../../../shared/realtime/frames.js';
import type { StreamFrame } from './bus.js';

/**
 * Each bus frame serialised and encoded once for every socket it goes to (a chat of 200 would
 * otherwise stringify and UTF-8-encode each message 200 times): the bus hands every listener the
 * same frame object.
 */
const wireCache = new WeakMap<StreamFrame, Buffer>();
export function wireOf(frame: StreamFrame): Buffer {
  let wire = wireCache.get(frame);
  if (wire === undefined) {
    wire = Buffer.from(JSON.stringify(toWire(frame)));
    wireCache.set(frame, wire);
  }
  return wire;
}

/** Frames are JSON text, also when handed over already encoded. */
export const asText = { binary: false } as const;

function toWire(frame: StreamFrame): ServerFrame {
  return frame.seq === undefined
    ? { type: frame.type, stream: frame.stream, data: frame.data }
    : { type: frame.type, stream: frame.stream, seq: frame.seq, data: frame.data };
}
