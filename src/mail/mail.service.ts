import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app.config';
import { LANGUAGE_HELPERS } from '../i18n/template-helpers';
import { projectPath } from '../common/project-path';
import { Language, LANGUAGES } from '../common/language';
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
    const template = this.templates.get(`${email.language}/${email.template}`);
    if (!template) throw new Error(`No email template ${email.language}/${email.template}`);
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
    return info.messageId as string;
  }

  /** After the HTTP server has closed, so a reminder run in flight can still send. */
  onApplicationShutdown(): void {
    this.transport.close();
  }

  /**
   * views/emails/NAME.{subject,html,text}.hbs take their sentences from the message
   * catalogues, so both parts say the same thing in the recipient's language; a folder
   * per language (views/emails/cy/NAME.*.hbs) is still read for templates not yet moved.
   */
  private compileAll(): void {
    const handlebars = Handlebars.create();
    for (const [name, helper] of Object.entries(LANGUAGE_HELPERS)) handlebars.registerHelper(name, helper);
    const root = projectPath('views', 'emails');
    const compileFrom = (folder: string, name: string): CompiledEmail => {
      const compile = (part: string) =>
        handlebars.compile(readFileSync(join(folder, `${name}.${part}.hbs`), 'utf8'), { strict: true });
      return { subject: compile('subject'), html: compile('html'), text: compile('text') };
    };
    const files = readdirSync(root, { withFileTypes: true });
    for (const name of new Set(files.filter((file) => file.isFile()).map((file) => file.name.split('.')[0]))) {
      const email = compileFrom(root, name);
      for (const language of LANGUAGES) this.templates.set(`${language}/${name}`, email);
    }
    for (const language of LANGUAGES.filter((code) => files.some((file) => file.isDirectory() && file.name === code))) {
      const folder = join(root, language);
      for (const name of new Set(readdirSync(folder).map((file) => file.split('.')[0])))
        this.templates.set(`${language}/${name}`, compileFrom(folder, name));
    }
  }
}
