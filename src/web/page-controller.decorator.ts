import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageLanguageInterceptor } from './page-language.interceptor';
import { PendingCountInterceptor } from './pending-count.interceptor';

/**
 * A controller of server-rendered pages: left out of the API's documentation, and its
 * pages follow the account's language and show the DSP's "To verify" count. The two
 * interceptors are scoped here rather than made global so that the API's requests skip
 * Nest's interceptor chain altogether, which was about a sixth of a school summary's cost.
 */
export function PageController(prefix = ''): ClassDecorator {
  return applyDecorators(
    Controller(prefix),
    ApiExcludeController(),
    UseInterceptors(PendingCountInterceptor, PageLanguageInterceptor),
  );
}
