/**
 * The EventBus of ARCHITECTURE.md "Realtime": a wake-up call between servers, not a data channel.
 * Messages are small JSON objects under a topic (a PostgreSQL NOTIFY payload is limited to 8000
 * bytes); whoever receives one reads the data it points to from the database. Delivery is at most
 * once and may be lost (a reconnecting listener misses what was sent meanwhile), so subscribers get
 * `onResync` after such a gap and re-read what they hold instead of trusting the messages alone.
 */
export type BusListener = (message: unknown) => void;

export interface EventBus {
  /** Sends to every subscriber of the topic on every server, this one included. */
  publish(topic: string, message: object): Promise<void>;
  /** Returns the unsubscribe function. `onResync` runs after messages may have been missed. */
  subscribe(topic: string, listener: BusListener, onResync?: () => void): () => void;
  /**
   * Resolves once messages published from now on will be received (the listening connection is up).
   * A subscriber reads the database only after this, so nothing falls between its read and its LISTEN.
   */
  ready(): Promise<void>;
  /** Whether messages are being received right now (PostgreSQL: the listening connection is up). */
  listening?(): boolean;
  close(): Promise<void>;
}

/** NOTIFY's payload limit is 8000 bytes; stay clear of it so both adapters refuse the same messages. */
export const MAX_MESSAGE_BYTES = 7000;

export function encodeMessage(topic: string, message: object): string {
  const text = JSON.stringify({ topic, message });
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES)
    throw new Error(`bus message on ${topic} is over ${MAX_MESSAGE_BYTES} bytes: send an id, not data`);
  return text;
}

type Subscription = { listener: BusListener; onResync?: () => void };

/** Subscribers by topic, shared by both adapters. A throwing listener must not stop the others. */
export class Subscribers {
  readonly #byTopic = new Map<string, Set<Subscription>>();

  add(topic: string, listener: BusListener, onResync?: () => void): () => void {
    const subscription = { listener, onResync };
    const set = this.#byTopic.get(topic) ?? new Set<Subscription>();
    this.#byTopic.set(topic, set);
    set.add(subscription);
    return () => {
      set.delete(subscription);
      if (set.size === 0) this.#byTopic.delete(topic);
    };
  }

  get size(): number {
    return this.#byTopic.size;
  }

  deliver(topic: string, message: unknown, onError: (error: unknown) => void): void {
    for (const { listener } of this.#byTopic.get(topic) ?? []) {
      try {
        listener(message);
      } catch (error) {
        onError(error);
      }
    }
  }

  resync(onError: (error: unknown) => void): void {
    for (const set of this.#byTopic.values())
      for (const { onResync } of set) {
        try {
          onResync?.();
        } catch (error) {
          onError(error);
        }
      }
  }
}

/**
 * One server (SQLite): delivery is a function call. Asynchronous like NOTIFY (on the next turn of
 * the event loop, after the publisher has carried on), so code that works here does not rely on a
 * listener running inside `publish`.
 */
export function createInProcessBus(onError: (error: unknown) => void = () => {}): EventBus {
  const subscribers = new Subscribers();
  return {
    async publish(topic, message) {
      // Same size rule and the same copy semantics as the PostgreSQL adapter.
      const { message: copy } = JSON.parse(encodeMessage(topic, message)) as { message: unknown };
      setImmediate(() => subscribers.deliver(topic, copy, onError));
    },
    subscribe: (topic, listener, onResync) => subscribers.add(topic, listener, onResync),
    async ready() {},
    async close() {},
  };
}

declare module "fastify" {
  interface FastifyInstance {
    /** Chosen by database engine in app.ts. */
    eventBus: EventBus;
  }
}
