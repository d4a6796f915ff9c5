import { type SMTPServer, SMTPServer as SmtpServer } from "smtp-server";

export type Received = { to: string[]; body: string };

/** A real SMTP server on a free port, keeping what it receives. */
export async function startSmtp(): Promise<{
  server: SMTPServer;
  url: string;
  inbox: Received[];
  close(): Promise<void>;
}> {
  const inbox: Received[] = [];
  const server = new SmtpServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk) => {
        body += chunk.toString();
      });
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    server,
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Quoted-printable mail bodies wrap long lines; undo that to read them. */
export const unwrap = (body: string) => body.replace(/=\r?\n/g, "").replace(/=3D/g, "=");

/** The first mail to `address`, waiting for it: some mails leave after the request has been answered. */
export async function mailTo(inbox: Received[], address: string, waitMs = 10_000): Promise<Received> {
  for (let waited = 0; waited <= waitMs; waited += 20) {
    const mail = inbox.find((m) => m.to.includes(address));
    if (mail) return mail;
    await new Promise((done) => setTimeout(done, 20));
  }
  throw new Error(`no mail to ${address} within ${waitMs} ms`);
}
