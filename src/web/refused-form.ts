import { BadRequestException } from '@nestjs/common';
import { PageToShow } from '../common/errors/page-to-show';

/**
 * A form the server would not accept: the page to show again, with what was typed and why
 * it was refused. Thrown by a `@Post` handler that otherwise redirects, so every handler
 * returns one thing and AppExceptionFilter draws it with status 400; nothing was changed.
 */
export class RefusedForm extends BadRequestException implements PageToShow {
  constructor(
    readonly view: string,
    readonly model: Record<string, unknown>,
  ) {
    super('The form was refused');
  }
}
