import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app.config';
import { MailService } from '../mail/mail.service';
import { Language } from '../common/language';
import { Role } from '../users/user.entity';

interface Recipient {
  email: string;
  role: Role;
  language: Language;
  schoolName: string | null;
}

/**
 * The invitation and password-reset emails, each with its single-use link under APP_URL;
 * their words are the catalogues' email.invite.* and email.reset.* (the role as email.role.*).
 */
@Injectable()
export class AccountEmailsService {
  private readonly appUrl: string;

  constructor(
    private readonly mail: MailService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.appUrl = config.get('appUrl', { infer: true });
  }

  sendInvite(to: Recipient, token: string): Promise<string> {
    return this.send(to, 'invite', `${this.appUrl}/invite/${token}`);
  }

  sendPasswordReset(to: Recipient, token: string): Promise<string> {
    return this.send(to, 'password-reset', `${this.appUrl}/reset/${token}`);
  }

  private send(to: Recipient, template: string, link: string): Promise<string> {
    return this.mail.send({
      to: to.email,
      language: to.language,
      template,
      context: { link, email: to.email, schoolName: to.schoolName, role: to.role },
    });
  }
}
