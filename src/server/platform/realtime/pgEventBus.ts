import pg from "pg";
import { type EventBus, encodeMessage, Subscribers } from "./eventBus.ts";

/**
 * Several servers on one PostgreSQL database: LISTEN/NOTIFY on a dedicated connection (a pooled
 * connection would be handed to other queries and lose its LISTEN). The channel is per schema, so
 * tests that each use a schema of the same database do not wake each other.
 *
 * The listening connection reconnects with a growing pause (0.25 s … 5 s) when it is lost; then every
 * subscriber gets `onResync`, because NOTIFY is not queued for a listener that is away.
 * Publishing goes through the pool (`publishVia`), so a lost listener never blocks a write.
 */
/** The NOTIFY channel of a schema's servers (also used by the CLI to tell them about its writes). */
export function busChannel(schema: string | undefined): string {
  return `periphery_bus_${schema ?? "public"}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}

export function createPgEventBus(options: {
  clientConfig: pg.ClientConfig;
  schema?: string;
  publishVia: (channel: string, payload: string) => Promise<void>;
  onError?: (error: unknown) => void;
}): EventBus {
  const channel = busChannel(options.schema);
  const onError = options.onError ?? (() => {});
  const subscribers = new Subscribers();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let retryMs = 250;
  let retryTimer: NodeJS.Timeout | null = null;

  const receive = (notification: pg.Notification) => {
    if (notification.channel !== channel || !notification.payload) return;
    try {
      const { topic, message } = JSON.parse(notification.payload) as { topic: string; message: unknown };
      subscribers.deliver(topic, message, onError);
    } catch (error) {
      onError(error);
    }
  };

  const connect = (isReconnect: boolean): Promise<void> => {
    connecting ??= (async () => {
      const next = new pg.Client(options.clientConfig);
      // Without an error listener a lost connection would crash the process.
      next.on("error", (error) => {
        onError(error);
        lost(next);
      });
      next.on("end", () => lost(next));
      next.on("notification", receive);
      try {
        await next.connect();
        await next.query(`LISTEN ${channel}`);
      } catch (error) {
        await next.end().catch(() => {});
        throw error;
      }
      if (closed) {
        await next.end().catch(() => {});
        return;
      }
      client = next;
      retryMs = 250;
      if (isReconnect) subscribers.resync(onError);
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect(true).catch((error) => {
        onError(error);
        retryMs = Math.min(retryMs * 2, 5000);
        scheduleReconnect();
      });
    }, retryMs);
    retryTimer.unref();
  };

  const lost = (which: pg.Client) => {
    if (client !== which) return;
    client = null;
    which.end().catch(() => {});
    scheduleReconnect();
  };

  return {
    async publish(topic, message) {
      await options.publishVia(channel, encodeMessage(topic, message));
    },
    subscribe(topic, listener, onResync) {
      const unsubscribe = subscribers.add(topic, listener, onResync);
      // Connect on first use: an app that never opens a live room holds no extra connection.
      if (!client && !connecting && !retryTimer)
        connect(false).catch((error) => {
          onError(error);
          scheduleReconnect();
        });
      return unsubscribe;
    },
    async ready() {
      if (client) return;
      // While a reconnect is pending, wait for it a while rather than failing the caller at once.
      const deadline = Date.now() + 5000;
      while (!client && !closed) {
        if (Date.now() > deadline) throw new Error("the event bus is not connected");
        if (connecting) await connecting.catch(() => {});
        else if (!retryTimer) await connect(false).catch((error) => onError(error));
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    listening: () => client !== null,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await connecting?.catch(() => {});
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
