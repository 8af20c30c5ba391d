import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';

export type SmtpBehaviour = 'accept' | 'refuse' | 'hang' | 'slow';

export interface CapturedMail {
  parsed: ParsedMail;
  envelopeTo: string[];
}

/** A real SMTP server on 127.0.0.1 that parses what it receives, or refuses, or hangs. */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  behaviour: SmtpBehaviour = 'accept';
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      closeTimeout: 100,
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (this.behaviour === 'refuse')
          return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        if (this.behaviour === 'hang') return; // never answers: the client must time out
        callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (parsed) => {
            // 'slow' takes a while to accept each message, as a busy server does.
            if (this.behaviour === 'slow') await new Promise((resolve) => setTimeout(resolve, 200));
            this.messages.push({ parsed, envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
            callback();
          })
          .catch(callback);
      },
    };
    this.server = new SMTPServer(options);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter((message) => message.envelopeTo.includes(address));
  }

  clear(): void {
    this.messages.length = 0;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
