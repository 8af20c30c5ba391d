import { ForbiddenException } from '@nestjs/common';
import { buildAuthUser } from '../../test/factories/auth-user.factory';
import { assertCanManageSchool, assertCanReadSchool, assertCanReadStaffRecord, belongsToSchool } from './access';

describe('access', () => {
  const admin = buildAuthUser({ role: 'admin', schoolId: null });
  const dspA = buildAuthUser({ role: 'dsp', schoolId: 1 });
  const governorA = buildAuthUser({ role: 'governor', schoolId: 1 });
  const staffA = buildAuthUser({ role: 'staff', schoolId: 1, staffId: 7 });

  describe(belongsToSchool.name, () => {
    it('lets an admin into any school and others only into their own', async () => {
      expect(belongsToSchool(admin, 2)).toBe(true);
      expect(belongsToSchool(dspA, 1)).toBe(true);
      expect(belongsToSchool(dspA, 2)).toBe(false);
      expect(belongsToSchool(dspA, null)).toBe(false);
    });
  });

  describe(assertCanReadSchool.name, () => {
    it('refuses staff and other schools', async () => {
      expect(() => assertCanReadSchool(governorA, 1)).not.toThrow();
      expect(() => assertCanReadSchool(governorA, 2)).toThrow(ForbiddenException);
      expect(() => assertCanReadSchool(staffA, 1)).toThrow(ForbiddenException);
    });
  });

  describe(assertCanManageSchool.name, () => {
    it('allows the school’s DSP and admins, never governors or the shared catalogue for a DSP', async () => {
      expect(() => assertCanManageSchool(dspA, 1)).not.toThrow();
      expect(() => assertCanManageSchool(admin, null)).not.toThrow();
      expect(() => assertCanManageSchool(dspA, 2)).toThrow(ForbiddenException);
      expect(() => assertCanManageSchool(dspA, null)).toThrow(ForbiddenException);
      expect(() => assertCanManageSchool(governorA, 1)).toThrow(ForbiddenException);
      expect(() => assertCanManageSchool(staffA, 1)).toThrow(ForbiddenException);
    });
  });

  describe(assertCanReadStaffRecord.name, () => {
    const member = { id: 7, schoolId: 1 };
    const colleague = { id: 8, schoolId: 1 };
    it('lets staff read only their own record', async () => {
      expect(() => assertCanReadStaffRecord(staffA, member, false)).not.toThrow();
      expect(() => assertCanReadStaffRecord(staffA, colleague, true)).toThrow(ForbiddenException);
    });
    it('lets governors read records only when the school shows names', async () => {
      expect(() => assertCanReadStaffRecord(governorA, member, false)).toThrow(ForbiddenException);
      expect(() => assertCanReadStaffRecord(governorA, member, true)).not.toThrow();
      expect(() => assertCanReadStaffRecord(governorA, { id: 9, schoolId: 2 }, true)).toThrow(ForbiddenException);
    });
    it('lets a DSP read their school only', async () => {
      expect(() => assertCanReadStaffRecord(dspA, member, false)).not.toThrow();
      expect(() => assertCanReadStaffRecord(dspA, { id: 9, schoolId: 2 }, false)).toThrow(ForbiddenException);
    });
  });
});
