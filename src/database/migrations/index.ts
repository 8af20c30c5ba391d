import { InitialSchema1764200000000 } from './1764200000000-InitialSchema';
import { ComplianceSnapshots1764300000000 } from './1764300000000-ComplianceSnapshots';
import { Reminders1764400000000 } from './1764400000000-Reminders';
import { CompletionLatestIndex1764500000000 } from './1764500000000-CompletionLatestIndex';
import { Operations1764600000000 } from './1764600000000-Operations';
import { Accounts1765000000000 } from './1765000000000-Accounts';
import { PendingUploads1765100000000 } from './1765100000000-PendingUploads';
import { TrainingRequirements1765300000000 } from './1765300000000-TrainingRequirements';
import { CompletionVerification1765400000000 } from './1765400000000-CompletionVerification';
import { StaffMisId1765500000000 } from './1765500000000-StaffMisId';
import { WelshTitlesAndAccountLanguage1765600000000 } from './1765600000000-WelshTitlesAndAccountLanguage';
import { StaffEmailPerSchool1765700000000 } from './1765700000000-StaffEmailPerSchool';
import { AccountInvitationPending1765800000000 } from './1765800000000-AccountInvitationPending';
import { LatestCompletion1765900000000 } from './1765900000000-LatestCompletion';

/**
 * Every migration, oldest first: listed by hand so the build and ts-jest agree.
 *
 * Written by hand, never generated: the foreign keys (and some indexes) live only here,
 * and the entities declare no relations (plain id columns), so `migration:generate` would
 * write a migration dropping every foreign key. See README, "Layout".
 */
export const MIGRATIONS = [
  InitialSchema1764200000000,
  ComplianceSnapshots1764300000000,
  Reminders1764400000000,
  CompletionLatestIndex1764500000000,
  Operations1764600000000,
  Accounts1765000000000,
  PendingUploads1765100000000,
  TrainingRequirements1765300000000,
  CompletionVerification1765400000000,
  StaffMisId1765500000000,
  WelshTitlesAndAccountLanguage1765600000000,
  StaffEmailPerSchool1765700000000,
  AccountInvitationPending1765800000000,
  LatestCompletion1765900000000,
];
