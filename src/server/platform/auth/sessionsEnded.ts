import type { EventBus } from "../realtime/eventBus.ts";

/**
 * Sign-in sessions that ended while something long-lived may still hold them (live-room websockets).
 * Announced on the event bus, so every server closes its sockets at once rather than at their next
 * periodic session check: one session (sign-out) or every session of a person (sign-out everywhere,
 * password reset, deactivation).
 */
export const SESSIONS_ENDED_TOPIC = "auth.sessionsEnded";

export type SessionsEnded = { sessionId: string } | { personId: string };

export function announceSessionsEnded(bus: EventBus, ended: SessionsEnded): Promise<void> {
  return bus.publish(SESSIONS_ENDED_TOPIC, ended);
}

/** Does an announcement end a socket opened with this session of this person? */
export function endsSession(message: unknown, socket: { sessionId: string; personId: string }): boolean {
  const ended = message as Partial<{ sessionId: string; personId: string }>;
  return ended?.sessionId === socket.sessionId || ended?.personId === socket.personId;
}
