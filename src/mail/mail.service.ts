import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app.config';
import { LANGUAGE_HELPERS } from '../i18n/template-helpers';
import { projectPath } from '../common/project-path';
import { Language } from '../common/language';
import { MAIL_TRANSPORT } from './mail-transport';

interface CompiledEmail {
  subject: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
}

export interface OutgoingEmail {
  to: string;
  cc?: string[];
  language: Language;
  template: string;
  context: Record<string, unknown>;
}

/** The one way mail leaves the app: templates compiled once, every message with a text part. */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly templates = new Map<string, CompiledEmail>();
  private readonly from: string;

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
    config: ConfigService<AppConfig, true>,
  ) {
    this.from = config.get('mailFrom', { infer: true });
    this.compileAll();
  }

  /** Renders and sends one email; resolves to the message id or rejects with the transport's error. */
  async send(email: OutgoingEmail): Promise<string> {
    const template = this.templates.get(email.template);
    if (!template) throw new Error(`No email template ${email.template}`);
    const context = { ...email.context, language: email.language };
    const info = await this.transport.sendMail({
      from: this.from,
      to: email.to,
      cc: email.cc?.length ? email.cc : undefined,
      subject: template.subject(context).trim(),
      text: template.text(context),
      html: template.html(context),
      headers: { 'Content-Language': email.language },
    });
    return info.messageId;
  }

  /** After the HTTP server has closed, so a reminder run in flight can still send. */
  onApplicationShutdown(): void {
    this.transport.close();
  }

  /**
   * views/emails/NAME.{subject,html,text}.hbs: one template per email for every language,
   * its sentences from the message catalogues, so both parts say the same thing in the
   * recipient's language.
   */
  private compileAll(): void {
    const handlebars = Handlebars.create();
    for (const [name, helper] of Object.entries(LANGUAGE_HELPERS)) handlebars.registerHelper(name, helper);
    const root = projectPath('views', 'emails');
    const compile = (name: string, part: string) =>
      handlebars.compile(readFileSync(join(root, `${name}.${part}.hbs`), 'utf8'), { strict: true });
    for (const name of new Set(readdirSync(root).map((file) => file.split('.')[0])))
      this.templates.set(name, {
        subject: compile(name, 'subject'),
        html: compile(name, 'html'),
        text: compile(name, 'text'),
      });
  }
}
