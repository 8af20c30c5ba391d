import { HttpException, HttpStatus } from '@nestjs/common';
import { PageToShow } from '../common/errors/page-to-show';

/**
 * A form (or sign-in) the server would not accept: the page to show again, with what was
 * typed and why it was refused. Thrown by a handler that otherwise redirects or renders
 * another page, so every handler returns one kind of thing; AppExceptionFilter draws it with
 * the status (400 unless said: a wrong password is 401, a used link 410, a requirement kept
 * for good 409). Nothing was changed.
 */
export class RefusedForm extends HttpException implements PageToShow {
  constructor(
    readonly view: string,
    readonly model: Record<string, unknown>,
    status: HttpStatus = HttpStatus.BAD_REQUEST,
  ) {
    super('The form was refused', status);
  }
}
