import { PendingUpload } from '../pending-uploads/pending-upload.entity';
import { AccountToken } from '../auth/account-token.entity';
import { RevokedToken } from '../auth/revoked-token.entity';
import { ReminderRun } from '../reminders/reminder-run.entity';
import { Change } from '../change-log/change.entity';
import { ComplianceSnapshot } from '../compliance/compliance-snapshot.entity';
import { Completion } from '../completions/completion.entity';
import { Course } from '../courses/course.entity';
import { NeedsAudit } from '../needs-audits/needs-audit.entity';
import { Reminder } from '../reminders/reminder.entity';
import { School } from '../schools/school.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { TrainingRequirement } from '../requirements/training-requirement.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [
  School,
  StaffMember,
  Course,
  Completion,
  NeedsAudit,
  User,
  Change,
  ComplianceSnapshot,
  Reminder,
  ReminderRun,
  RevokedToken,
  PendingUpload,
  AccountToken,
  TrainingRequirement,
];
