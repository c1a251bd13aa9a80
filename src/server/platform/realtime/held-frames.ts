import type { StreamFrame } from './bus.js';

/** Frames held per stream before the wait is cut short and the log is read. */
const maxHeldFrames = 256;

/**
 * Live frames of one stream that arrived ahead of their turn, by seq, held for a moment while
 * the ones between are on their way: with several nodes a frame published here usually
 * overtakes an earlier one committed on another node and still crossing Redis. Reading the gap
 * from the database at once — for every member of a busy chat — made those reads the nodes' main
 * work. When the wait is over, `onWaitOver` runs once; the socket then reads what is still
 * missing from the log (connection.ts).
 */
export class HeldFrames {
  private readonly frames = new Map<number, StreamFrame>();
  private readonly timer: NodeJS.Timeout;

  constructor(waitMs: number, onWaitOver: () => void) {
    this.timer = setTimeout(onWaitOver, waitMs);
  }

  /** Holds `frame`; false when too many are held and the wait should end now. */
  add(frame: StreamFrame): boolean {
    this.frames.set(frame.seq!, frame);
    return this.frames.size <= maxHeldFrames;
  }

  /** The held frame that follows `last`, if any; frames at or below `last` are let go. */
  next(last: number): StreamFrame | undefined {
    for (const seq of this.frames.keys()) if (seq <= last) this.frames.delete(seq);
    return this.frames.get(last + 1);
  }

  remove(seq: number): void {
    this.frames.delete(seq);
  }

  get empty(): boolean {
    return this.frames.size === 0;
  }

  /** Ends the wait and hands over every held frame, oldest first. */
  takeAll(): StreamFrame[] {
    clearTimeout(this.timer);
    const frames = [...this.frames.values()].sort((a, b) => a.seq! - b.seq!);
    this.frames.clear();
    return frames;
  }
}
