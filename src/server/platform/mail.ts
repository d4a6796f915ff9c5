import nodemailer from "nodemailer";

export type Mail = { to: string; subject: string; text: string };

export type Mailer = {
  configured: boolean;
  /** Sends after commit; answers whether the SMTP server accepted the message. */
  send(mail: Mail): Promise<boolean>;
};

export function createMailer(smtpUrl: string | undefined, from: string, log: (msg: string) => void): Mailer {
  if (!smtpUrl) return { configured: false, send: async () => false };
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send(mail) {
      try {
        await transport.sendMail({ from, ...mail });
        return true;
      } catch (error) {
        // The recipient is personal data and the body may hold a token: log neither.
        log(`mail not sent: ${(error as Error).message}`);
        return false;
      }
    },
  };
}
