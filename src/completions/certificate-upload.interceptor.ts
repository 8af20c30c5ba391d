import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';
import { fieldError } from '../common/errors/field-errors';
import { BODY_LIMIT_LABEL } from '../common/body-limit';
import { MAX_CERTIFICATE_BYTES } from './certificate-file';

const MultipartFile = FileInterceptor('file', {
  // Held in memory: at most one file of 5 MiB, then stored in the database.
  limits: { fileSize: MAX_CERTIFICATE_BYTES, files: 1, fields: 10, parts: 12 },
});

/** Reads the multipart field `file`, saying what was wrong in the caller's terms. */
@Injectable()
export class CertificateUploadInterceptor extends MultipartFile implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException)
        throw new PayloadTooLargeException(
          `file: a certificate may be at most ${BODY_LIMIT_LABEL} ` +
            `(${MAX_CERTIFICATE_BYTES.toLocaleString('en-GB')} bytes)`,
        );
      if (error instanceof BadRequestException)
        throw fieldError('file', `file: send one certificate in the multipart field "file" (${error.message})`);
      throw error;
    }
  }
}
