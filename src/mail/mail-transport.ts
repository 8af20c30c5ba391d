import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app.config';
import { dataPath } from '../common/data-dir';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export const OUTBOX_DIR = dataPath('outbox');

interface BuiltMail {
  message: { build(callback: (error: Error | null, raw: Buffer) => void): void; messageId(): string };
}

/** Without SMTP_URL each message is written as an .eml file, so nothing is lost and anyone can open it. */
function outboxTransport(directory: string) {
  return {
    name: 'outbox',
    version: '1',
    send(mail: BuiltMail, done: (error: Error | null, info?: { messageId: string }) => void): void {
      mail.message.build((error, raw) => {
        if (error) {
          done(error);
          return;
        }
        const messageId = mail.message.messageId();
        try {
          mkdirSync(directory, { recursive: true });
          const safeId = messageId.replace(/[^A-Za-z0-9.@-]/g, '');
          writeFileSync(join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeId}.eml`), raw);
          done(null, { messageId });
        } catch (writeError) {
          done(writeError as Error);
        }
      });
    },
  };
}

/** A pooled SMTP connection when SMTP_URL is set; otherwise the outbox folder. */
export function createMailTransport(
  config: Pick<AppConfig, 'smtpUrl' | 'smtpTimeoutMs'>,
  outbox = OUTBOX_DIR,
): Transporter {
  // A custom transport reports only a message id, which nodemailer's types do not allow for.
  if (!config.smtpUrl) return createTransport(outboxTransport(outbox)) as unknown as Transporter;
  const timeout = config.smtpTimeoutMs;
  return createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    tls: { rejectUnauthorized: !/^smtp:\/\/(127\.0\.0\.1|localhost)[:/]/.test(config.smtpUrl) },
  } as Parameters<typeof createTransport>[0]) as Transporter;
}
