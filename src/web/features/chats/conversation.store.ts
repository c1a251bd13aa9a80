import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Message, MessageAttachment, SendMessageBody, Sticker } from '../../../shared/api/chats.js';
import type { EventFrame } from '../../../shared/realtime/frames.js';
import { ApiError } from '../../lib/api.js';
import { i18n } from '../../lib/i18n.js';
import { getRealtime, SendRefusedError } from '../../lib/realtime.js';
import { fetchMessages, sendOverHttp } from './chats.api.js';
import { retryDelayMs } from './send-retry.js';

/** A message of the viewer's on its way: shown at once, replaced by the server's when it arrives. */
export interface PendingMessage {
  clientId: string;
  request: SendMessageBody;
  replyTo: Message['replyTo'];
  sticker: Sticker | null;
  attachments: MessageAttachment[];
  createdAt: string;
  status: 'sending' | 'failed';
  error?: string;
}

export interface TypingPerson {
  userId: string;
  name: string;
}

export interface ConversationSnapshot {
  messages: Message[];
  pending: PendingMessage[];
  loading: boolean;
  error: unknown;
  hasOlder: boolean;
  loadingOlder: boolean;
  /** The furthest `seq` any other member is known to have read (receipts of the viewer's messages). */
  othersReadSeq: number;
  typing: TypingPerson[];
}

const typingShownMs = 6000;
/** Pages fetched to catch up before giving up and loading the newest page afresh. */
const catchUpPages = 5;

/**
 * The messages of one chat (or one thread of it) as the conversation view shows them (C4, C7).
 *
 * Loaded newest page first over HTTP, older pages on demand (`before=`). Live `chat.message` and
 * `chat.message.updated` frames of the stream `chat:<id>` are placed by `seq`, deduplicated by id.
 * Anything that may have been missed — a jump in the stream's `seq`, a `reset` from the server,
 * the socket coming back — is filled in from the database with `after=` (the realtime client
 * already drops repeats). The viewer's own sends show as pending until the server's message with
 * the same `clientId` arrives; they go over the socket when it is open, else over HTTP, with the
 * same `clientId` either way, so a send retried by any path is stored once.
 */
export class ConversationStore {
  private snapshot: ConversationSnapshot = {
    messages: [],
    pending: [],
    loading: true,
    error: null,
    hasOlder: false,
    loadingOlder: false,
    othersReadSeq: 0,
    typing: [],
  };
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Pending messages the server refused for now: how many times each was sent, and its timer. */
  private readonly retries = new Map<string, { attempt: number; timer?: ReturnType<typeof setTimeout> }>();
  private readonly stream: string;
  /** The highest message `seq` fetched or received: where a catch-up starts. */
  private maxSeq = 0;
  /** The last durable frame's `seq` on the stream, to notice a jump. */
  private lastFrameSeq: number | undefined;
  private catchingUp: Promise<void> | undefined;
  private loaded = false;
  private disposed = false;

  constructor(
    readonly chatId: string,
    readonly threadRootId: string | null,
    private readonly meId: string | undefined,
  ) {
    this.stream = `chat:${chatId}`;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConversationSnapshot => this.snapshot;

  private set(patch: Partial<ConversationSnapshot>): void {
    if (this.disposed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  /** Whether a message is shown here: the main view shows no thread replies, a thread only its own. */
  private belongs(message: Message): boolean {
    if (this.threadRootId === null) return message.threadRootId === null;
    return message.threadRootId === this.threadRootId || message.id === this.threadRootId;
  }

  start(): void {
    this.disposed = false;
    const client = getRealtime();
    client.start();
    this.cleanups.push(
      client.subscribe('chat.message', (message, frame) => this.onMessage(message, frame)),
      client.subscribe('chat.message.updated', (message, frame) => this.onMessage(message, frame)),
      client.subscribe('chat.updated', (_data, frame) => this.noteFrame(frame)),
      client.subscribe('chat.typing', (data, frame) => {
        if (frame.stream !== this.stream || data.userId === this.meId) return;
        this.showTyping(data.userId, data.name);
      }),
      client.subscribe('chat.read', (data, frame) => {
        if (frame.stream !== this.stream || data.userId === this.meId) return;
        if (data.seq > this.snapshot.othersReadSeq) this.set({ othersReadSeq: data.seq });
      }),
      client.subscribe('realtime.resync', ({ stream }) => {
        if (stream === this.stream) void this.catchUp();
      }),
    );
    let wasOpen = client.status === 'open';
    this.cleanups.push(
      client.onStatus(() => {
        const open = client.status === 'open';
        // Back from an outage: whatever the server could not replay, the database has.
        if (open && !wasOpen) void this.catchUp();
        wasOpen = open;
      }),
    );
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    for (const { timer } of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
  }

  /** The newest message `seq` known here, thread replies included (what "read" goes up to). */
  get latestSeq(): number {
    return this.maxSeq;
  }

  setOthersReadSeq(seq: number): void {
    if (seq > this.snapshot.othersReadSeq) this.set({ othersReadSeq: seq });
  }

  private query(extra: { before?: number; after?: number; limit?: number }) {
    return this.threadRootId ? { ...extra, thread: this.threadRootId } : extra;
  }

  /** The newest page, replacing what is shown. */
  async load(): Promise<void> {
    this.set({ loading: true, error: null });
    try {
      const page = await fetchMessages(this.chatId, this.query({}));
      this.loaded = true;
      this.maxSeq = Math.max(this.maxSeq, ...page.items.map((m) => m.seq));
      // Frames may have come in while the page was on its way: keep those newer than the page.
      const newest = page.items.at(-1)?.seq ?? 0;
      const live = this.snapshot.messages.filter((m) => m.seq > newest);
      this.set({
        messages: this.merge(
          page.items.filter((m) => this.belongs(m)),
          live,
        ),
        hasOlder: page.hasOlder,
        loading: false,
      });
      this.dropSettledPending(page.items);
      if (page.hasNewer) await this.catchUp();
    } catch (error) {
      this.set({ loading: false, error });
    }
  }

  /** The page before the oldest shown (scrolling up). */
  async loadOlder(): Promise<void> {
    const first = this.snapshot.messages[0];
    if (!this.snapshot.hasOlder || this.snapshot.loadingOlder || !first) return;
    this.set({ loadingOlder: true });
    try {
      const page = await fetchMessages(this.chatId, this.query({ before: first.seq }));
      this.set({
        messages: this.merge(
          this.snapshot.messages,
          page.items.filter((m) => this.belongs(m)),
        ),
        hasOlder: page.hasOlder,
        loadingOlder: false,
      });
    } catch {
      // The top sentinel asks again when it comes into view again.
      this.set({ loadingOlder: false });
    }
  }

  /** Fetches everything after the newest known message (after a gap, a reset or a reconnect). */
  catchUp(): Promise<void> {
    if (!this.loaded) return Promise.resolve();
    this.catchingUp ??= (async () => {
      try {
        for (let i = 0; i < catchUpPages; i += 1) {
          const page = await fetchMessages(this.chatId, this.query({ after: this.maxSeq, limit: 100 }));
          this.maxSeq = Math.max(this.maxSeq, ...page.items.map((m) => m.seq));
          this.set({
            messages: this.merge(
              this.snapshot.messages,
              page.items.filter((m) => this.belongs(m)),
            ),
          });
          this.dropSettledPending(page.items);
          if (!page.hasNewer) return;
        }
        // Too far behind to page through: start again from the newest page.
        this.set({ messages: [] });
        await this.load();
      } catch {
        // The next frame, reconnect or reset tries again.
      } finally {
        this.catchingUp = undefined;
      }
    })();
    return this.catchingUp;
  }

  private noteFrame(frame: EventFrame): boolean {
    if (frame.stream !== this.stream) return false;
    if (frame.seq !== undefined) {
      const gap = this.lastFrameSeq !== undefined && frame.seq > this.lastFrameSeq + 1;
      this.lastFrameSeq = frame.seq;
      if (gap) void this.catchUp();
    }
    return true;
  }

  private onMessage(message: Message, frame: EventFrame): void {
    if (!this.noteFrame(frame)) return;
    this.upsert(message);
    if (message.author) this.hideTyping(message.author.id);
  }

  /** Places a message the server sent (a frame, an HTTP answer) by its `seq`. */
  upsert(message: Message): void {
    if (message.chatId !== this.chatId) return;
    this.maxSeq = Math.max(this.maxSeq, message.seq);
    this.dropSettledPending([message]);
    if (!this.belongs(message)) return;
    this.set({ messages: this.merge(this.snapshot.messages, [message]) });
  }

  /** Both lists merged by id (the later one wins), ordered by `seq`. */
  private merge(a: Message[], b: Message[]): Message[] {
    if (b.length === 0) return a;
    const byId = new Map<string, Message>();
    for (const m of a) byId.set(m.id, m);
    for (const m of b) byId.set(m.id, m);
    return [...byId.values()].sort((x, y) => x.seq - y.seq);
  }

  private dropSettledPending(messages: Message[]): void {
    const settled = new Set(
      messages.filter((m) => m.clientId && (!this.meId || m.author?.id === this.meId)).map((m) => m.clientId),
    );
    if (settled.size === 0) return;
    const pending = this.snapshot.pending.filter((p) => !settled.has(p.clientId));
    if (pending.length !== this.snapshot.pending.length) this.set({ pending });
  }

  private showTyping(userId: string, name: string): void {
    clearTimeout(this.typingTimers.get(userId));
    this.typingTimers.set(
      userId,
      setTimeout(() => this.hideTyping(userId), typingShownMs),
    );
    if (!this.snapshot.typing.some((p) => p.userId === userId)) {
      this.set({ typing: [...this.snapshot.typing, { userId, name }] });
    }
  }

  private hideTyping(userId: string): void {
    clearTimeout(this.typingTimers.get(userId));
    this.typingTimers.delete(userId);
    if (this.snapshot.typing.some((p) => p.userId === userId)) {
      this.set({ typing: this.snapshot.typing.filter((p) => p.userId !== userId) });
    }
  }

  /** Shows the message as pending and sends it. */
  send(pending: Omit<PendingMessage, 'status' | 'createdAt'>): void {
    const entry: PendingMessage = { ...pending, status: 'sending', createdAt: new Date().toISOString() };
    this.set({ pending: [...this.snapshot.pending, entry] });
    void this.deliver(entry);
  }

  /** Sends a failed message again, with the same clientId. */
  retry(clientId: string): void {
    const entry = this.snapshot.pending.find((p) => p.clientId === clientId);
    if (!entry) return;
    // Asked by the person: the automatic attempts start over.
    this.retries.delete(clientId);
    this.updatePending(clientId, { status: 'sending', error: undefined });
    void this.deliver(entry);
  }

  discard(clientId: string): void {
    this.set({ pending: this.snapshot.pending.filter((p) => p.clientId !== clientId) });
  }

  private updatePending(clientId: string, patch: Partial<PendingMessage>): void {
    this.set({
      pending: this.snapshot.pending.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p)),
    });
  }

  private async deliver(entry: PendingMessage): Promise<void> {
    const client = getRealtime();
    if (client.status === 'open') {
      try {
        await client.send(this.chatId, entry.request, 10_000);
        this.retries.delete(entry.clientId);
        // Acknowledged: the message frame follows; should it not, the catch-up brings it.
        setTimeout(() => {
          if (this.snapshot.pending.some((p) => p.clientId === entry.clientId)) void this.catchUp();
        }, 1500);
        return;
      } catch (error) {
        if (error instanceof SendRefusedError) {
          const retry = this.retries.get(entry.clientId) ?? { attempt: 0 };
          retry.attempt += 1;
          const wait = retryDelayMs(error.status, retry.attempt);
          if (wait !== null && !this.disposed) {
            // Refused for now (429, 503): stays "sending" and goes again with the same clientId.
            retry.timer = setTimeout(() => {
              if (this.snapshot.pending.some((p) => p.clientId === entry.clientId)) void this.deliver(entry);
            }, wait);
            this.retries.set(entry.clientId, retry);
            return;
          }
          this.retries.delete(entry.clientId);
          this.updatePending(entry.clientId, { status: 'failed', error: error.message });
          return;
        }
        // No answer in time: try over HTTP, with the same clientId (stored once either way).
      }
    }
    try {
      const message = await sendOverHttp(this.chatId, entry.request);
      this.upsert(message);
    } catch (error) {
      this.updatePending(entry.clientId, {
        status: 'failed',
        error: error instanceof ApiError ? error.message : i18n.t('chats.sendFailed'),
      });
    }
  }
}

/**
 * The store of one chat (or thread) for as long as the component shows it. The component must
 * be keyed by chat and thread: the store is made once per mount.
 */
export function useConversation(chatId: string, threadRootId: string | null, meId: string | undefined) {
  const [store] = useState(() => new ConversationStore(chatId, threadRootId, meId));
  useEffect(() => {
    store.start();
    return () => store.dispose();
  }, [store]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { store, ...snapshot };
}
