import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app.config';
import { createMailTransport, MAIL_TRANSPORT } from './mail-transport';
import { MailService } from './mail.service';

@Global()
@Module({
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        createMailTransport({
          smtpUrl: config.get('smtpUrl', { infer: true }),
          smtpTimeoutMs: config.get('smtpTimeoutMs', { infer: true }),
        }),
    },
    MailService,
  ],
  exports: [MailService],
})
export class MailModule {}
