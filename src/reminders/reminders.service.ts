import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
import { scopeFor } from '../auth/scope';
import { ClockService } from '../clock/clock.service';
import { boundQuery, placeholdersFor } from '../database/bound-query';
import { insertRows } from '../database/insert-rows';
import { isUniqueViolation } from '../database/unique-violation';
import { TransactionService } from '../common/transaction.service';
import { buildStandings } from '../compliance/compliance-report';
import { SchoolRecordsLoader } from '../compliance/school-records.loader';
import { AppConfig } from '../config/app.config';
import { Course } from '../courses/course.entity';
import { MailService } from '../mail/mail.service';
import { School } from '../schools/school.entity';
import { DueReminder, groupByMember, planReminders, ReminderEmail } from './reminder-plan';
import { reminderContext } from './reminder-email';
import { ReminderRunResultDto } from './reminder.dto';
import { Reminder } from './reminder.entity';
import { ReminderRun } from './reminder-run.entity';

type Outcome = 'sent' | 'skipped' | 'failed';

@Injectable()
export class RemindersService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RemindersService.name);
  private readonly appUrl: string;
  private readonly maxAttempts: number;
  private readonly running = new Set<Promise<ReminderRunResultDto>>();

  constructor(
    @InjectRepository(ReminderRun) private readonly runs: Repository<ReminderRun>,
    @InjectRepository(School) private readonly schools: Repository<School>,
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    private readonly loader: SchoolRecordsLoader,
    private readonly mail: MailService,
    private readonly transactions: TransactionService,
    private readonly clock: ClockService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.appUrl = config.get('appUrl', { infer: true });
    this.maxAttempts = config.get('reminderMaxAttempts', { infer: true });
  }

  /** An admin's run covers every school; a DSP's their own. */
  runFor(user: AuthUser): Promise<ReminderRunResultDto> {
    return this.run(scopeFor(user, { kind: 'school', intent: 'write', notFound: 'No school to remind' }).schoolId);
  }

  /** The latest run, for the health check. */
  lastRun(): Promise<ReminderRun | null> {
    return this.runs.findOne({ where: {}, order: { id: 'DESC' } });
  }

  /** A run started by the daily job finishes before the server stops. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Selects every reminder due today first, then delivers them; the result says how long each took. */
  run(schoolId?: number): Promise<ReminderRunResultDto> {
    const running = this.runNow(schoolId);
    this.running.add(running);
    return running.finally(() => this.running.delete(running));
  }

  private async runNow(schoolId?: number): Promise<ReminderRunResultDto> {
    const started = Date.now();
    const batches = await this.select(schoolId);
    const selectionMs = Date.now() - started;
    const result = { sent: 0, skipped: 0, failed: 0 };
    // One at a time over the pooled connection: a failure is recorded and the run goes on.
    for (const { school, emails, courses } of batches) {
      for (const email of emails) result[await this.deliver(school, email, courses)] += 1;
    }
    const deliveryMs = Date.now() - started - selectionMs;
    await this.transactions.run((manager) =>
      manager.insert(ReminderRun, {
        startedAt: new Date(started).toISOString(),
        finishedAt: this.clock.now().toISOString(),
        ...result,
      }),
    );
    this.logger.log(
      `Reminder run: ${result.sent} sent, ${result.skipped} skipped, ${result.failed} failed ` +
        `(selection ${selectionMs} ms, delivery ${deliveryMs} ms)`,
    );
    return { ...result, selectionMs, deliveryMs };
  }

  private async select(schoolId?: number): Promise<{ school: School; emails: ReminderEmail[]; courses: Course[] }[]> {
    const today = this.clock.today();
    const schools = await this.schools.find({
      where: schoolId === undefined ? {} : { id: schoolId },
      order: { id: 'ASC' },
    });
    const courses = await this.courses.find({
      where:
        schoolId === undefined
          ? { retired: false }
          : [
              { schoolId: IsNull(), retired: false },
              { schoolId, retired: false },
            ],
    });
    const shared = courses.filter((course) => course.schoolId === null);
    const inHouse = new Map<number, Course[]>();
    for (const course of courses)
      if (course.schoolId !== null) inHouse.set(course.schoolId, [...(inHouse.get(course.schoolId) ?? []), course]);
    const batches: { school: School; emails: ReminderEmail[]; courses: Course[] }[] = [];
    await this.loader.forEachChunk(schools, today, (school, records) => {
      // Standings only: the school's figures and concerns play no part in who is reminded.
      const standings = buildStandings(records, today);
      const due = planReminders({ asOf: today, standings }, records.staff, records.settings);
      if (due.length > 0)
        batches.push({ school, emails: groupByMember(due), courses: [...shared, ...(inHouse.get(school.id) ?? [])] });
    });
    return batches;
  }

  /**
   * One email for everything the member has due. The items are claimed together first;
   * the email goes only if some item was newly claimed, and lists every item due.
   */
  private async deliver(school: School, email: ReminderEmail, courses: Course[]): Promise<Outcome> {
    const ids = await this.claimAll(school, email.items);
    if (ids.length === 0) return 'skipped';
    try {
      const messageId = await this.mail.send({
        to: email.staff.email,
        cc: email.cc,
        language: email.staff.language,
        template: 'reminder',
        context: reminderContext(email, school.name, courses, this.appUrl),
      });
      await this.transactions.run((manager) =>
        boundQuery(
          manager,
          `UPDATE reminder SET status = 'sent', "messageId" = ?, "sentAt" = ?, "lastError" = NULL ` +
            `WHERE id IN (${placeholdersFor(ids)})`,
          [messageId, this.clock.now().toISOString(), ...ids],
        ),
      );
      return 'sent';
    } catch (error) {
      const reason = (error as Error).message.slice(0, 500);
      await this.transactions.run((manager) =>
        manager.update(Reminder, { id: In(ids) }, { status: 'failed', lastError: reason }),
      );
      this.logger.warn(`Reminder ${ids.join(', ')} failed: ${reason}`);
      return 'failed';
    }
  }

  /**
   * Records a member's due items under their unique keys before sending, in one
   * transaction: a new item is inserted, a failed one under the attempt limit is taken
   * back. If another run or server claims any of them first, this claim takes none of
   * them, so two servers never each claim part of one member's email and both send it.
   */
  private async claimAll(school: School, items: DueReminder[]): Promise<number[]> {
    // The same order in every server, so two claims wait on each other rather than deadlock.
    const ordered = [...items].sort(
      (a, b) => a.training.localeCompare(b.training) || a.dueOn.localeCompare(b.dueOn) || a.offsetDays - b.offsetDays,
    );
    try {
      return await this.transactions.run(async (manager) => {
        const claimed: number[] = [];
        for (const due of ordered) {
          const key = { staffId: due.staff.id, training: due.training, dueOn: due.dueOn, offsetDays: due.offsetDays };
          // Bound values (see boundQuery): this runs for every item of every email.
          const [existing] = await boundQuery<Pick<Reminder, 'id' | 'status' | 'attempts'>[]>(
            manager,
            'SELECT id, status, attempts FROM reminder ' +
              'WHERE "staffId" = ? AND training = ? AND "dueOn" = ? AND "offsetDays" = ?',
            [key.staffId, key.training, key.dueOn, key.offsetDays],
          );
          if (existing) {
            if (existing.status !== 'failed' || existing.attempts >= this.maxAttempts) continue;
            const retried = await manager
              .createQueryBuilder()
              .update(Reminder)
              .set({ status: 'sending', attempts: () => 'attempts + 1' })
              .where({ id: existing.id, status: 'failed' })
              .execute();
            if (!retried.affected) throw new ClaimTaken();
            claimed.push(existing.id);
            continue;
          }
          const row = manager.create(Reminder, {
            ...key,
            schoolId: school.id,
            status: 'sending',
            attempts: 1,
            lastError: null,
            messageId: null,
            recipients: { to: due.staff.email, cc: due.cc },
            createdAt: this.clock.now().toISOString(),
            sentAt: null,
          });
          await insertRows(manager, Reminder, [row]);
          claimed.push(row.id);
        }
        return claimed;
      });
    } catch (error) {
      if (error instanceof ClaimTaken || isUniqueViolation(error)) return [];
      throw error;
    }
  }
}

/** Another run or server claimed one of the items first: the whole claim is rolled back. */
class ClaimTaken extends Error {}
