import { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { BODY_LIMIT_BYTES } from '../common/body-limit';

const parseMultipart = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: BODY_LIMIT_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
}).any();

/**
 * Reads a page form's file upload before the CSRF check, so the token travels in the
 * form body like every other form's (never in the URL). The file is then
 * `request.file` (`@UploadedFile()`); page controllers need no FileInterceptor.
 */
export function pageUploads(request: Request, response: Response, next: NextFunction): void {
  if (!request.is('multipart/form-data')) {
    next();
    return;
  }
  parseMultipart(request, response, (error?: unknown) => {
    if (error) {
      next(error);
      return;
    }
    const files = request.files as Express.Multer.File[] | undefined;
    request.file = files?.[0];
    // The body has been read: a parser further on (e.g. a FileInterceptor) must not wait for it again.
    delete request.headers['content-length'];
    delete request.headers['transfer-encoding'];
    next();
  });
}
