import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { AuthUser } from '../auth/auth-user';
import { CompletionReviewService } from '../completions/completion-review.service';

/** Puts the number of self-reports waiting for the DSP beside "To verify" in the DSP's menu on every page (see PageController). */
@Injectable()
export class PendingCountInterceptor implements NestInterceptor {
  constructor(private readonly review: CompletionReviewService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const user = request.user;
    if (user?.role !== 'dsp' || user.schoolId === null) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.review.pendingCount(user.schoolId)).pipe(
      switchMap((count) => {
        response.locals.pendingCount = count;
        return next.handle();
      }),
    );
  }
}
