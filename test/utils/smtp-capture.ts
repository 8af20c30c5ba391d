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
  /** Connection errors, e.g. ECONNRESET when a test kills the sending server mid-message. */
  readonly connectionErrors: Error[] = [];
  /** Messages whose data is being received: a test waits for 0 before counting what arrived. */
  receiving = 0;
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
        if (this.behaviour === 'refuse') {
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
          return;
        }
        if (this.behaviour === 'hang') return; // never answers: the client must time out
        callback();
      },
      onData: (stream, session, callback) => {
        this.receiving += 1;
        simpleParser(stream)
          .then(async (parsed) => {
            // 'slow' takes a while to accept each message, as a busy server does.
            if (this.behaviour === 'slow') await new Promise((resolve) => setTimeout(resolve, 200));
            this.messages.push({ parsed, envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
            callback();
          })
          .catch(callback)
          .finally(() => (this.receiving -= 1));
      },
    };
    this.server = new SMTPServer(options);
    // Without a listener, a client killed mid-message (read ECONNRESET) would throw in the test process.
    this.server.on('error', (error) => this.connectionErrors.push(error));
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
