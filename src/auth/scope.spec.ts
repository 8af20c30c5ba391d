import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { buildAuthUser } from '../../test/factories/auth-user.factory';
import { AccessRequest, NOBODY, scopeFor } from './scope';

describe(scopeFor.name, () => {
  const admin = buildAuthUser({ role: 'admin', schoolId: null });
  const dsp = buildAuthUser({ role: 'dsp', schoolId: 1 });
  const governor = buildAuthUser({ role: 'governor', schoolId: 1 });
  const staff = buildAuthUser({ role: 'staff', schoolId: 1, staffId: 7 });
  const unlinkedStaff = buildAuthUser({ role: 'staff', schoolId: 1, staffId: null });
  const schoolless = buildAuthUser({ role: 'dsp', schoolId: null });

  const read = (kind: AccessRequest['kind'], more: Partial<AccessRequest> = {}): AccessRequest => ({
    kind,
    intent: 'read',
    ...more,
  });
  const write = (kind: AccessRequest['kind'], more: Partial<AccessRequest> = {}): AccessRequest => ({
    kind,
    intent: 'write',
    ...more,
  });

  describe('admin', () => {
    it('reads and writes every school, limited only by what the request names', () => {
      expect(scopeFor(admin, read('people'))).toEqual({});
      expect(scopeFor(admin, read('people', { schoolId: 2 }))).toEqual({ schoolId: 2 });
      expect(scopeFor(admin, write('people', { schoolId: 2, staffId: 9 }))).toEqual({ schoolId: 2, staffId: 9 });
      expect(scopeFor(admin, read('changes', { schoolId: 3 }))).toEqual({ schoolId: 3 });
      expect(scopeFor(admin, write('school', { schoolId: 3 }))).toEqual({ schoolId: 3 });
    });

    it('manages the shared course catalogue', () => {
      expect(scopeFor(admin, write('courses', { schoolId: null }))).toEqual({});
    });
  });

  describe('dsp', () => {
    it('reads and writes their own school, whether or not the request names it', () => {
      expect(scopeFor(dsp, read('people'))).toEqual({ schoolId: 1 });
      expect(scopeFor(dsp, write('people', { schoolId: 1, staffId: 9 }))).toEqual({ schoolId: 1, staffId: 9 });
      expect(scopeFor(dsp, read('changes', { schoolId: 1 }))).toEqual({ schoolId: 1 });
      expect(scopeFor(dsp, write('school', { schoolId: 1 }))).toEqual({ schoolId: 1 });
      expect(scopeFor(dsp, write('courses', { schoolId: 1 }))).toEqual({ schoolId: 1 });
    });

    it('gets 404 for another school, so its ids reveal nothing', () => {
      for (const kind of ['school', 'people', 'courses', 'changes'] as const) {
        expect(() => scopeFor(dsp, read(kind, { schoolId: 2, notFound: 'No such record' }))).toThrow(
          new NotFoundException('No such record'),
        );
      }
      expect(() => scopeFor(dsp, write('people', { schoolId: 2 }))).toThrow(NotFoundException);
    });

    it('reads the shared catalogue but may not change it', () => {
      expect(scopeFor(dsp, read('courses', { schoolId: null }))).toEqual({});
      expect(() => scopeFor(dsp, write('courses', { schoolId: null }))).toThrow(ForbiddenException);
    });

    it('gets 404 when the account has no school', () => {
      expect(() => scopeFor(schoolless, read('people'))).toThrow(NotFoundException);
    });
  });

  describe('governor', () => {
    it('reads their school’s figures and courses, never another school’s', () => {
      expect(scopeFor(governor, read('school', { schoolId: 1 }))).toEqual({ schoolId: 1 });
      expect(scopeFor(governor, read('courses'))).toEqual({ schoolId: 1 });
      expect(() => scopeFor(governor, read('school', { schoolId: 2 }))).toThrow(NotFoundException);
    });

    it('reads people’s records only when the school lets governors see names', () => {
      expect(() => scopeFor(governor, read('people', { schoolId: 1, governorsSeeNames: false }))).toThrow(
        ForbiddenException,
      );
      expect(() => scopeFor(governor, read('people', { schoolId: 1 }))).toThrow(ForbiddenException);
      expect(scopeFor(governor, read('people', { schoolId: 1, governorsSeeNames: true }))).toEqual({ schoolId: 1 });
      expect(scopeFor(governor, read('people', { staffId: 9, governorsSeeNames: true }))).toEqual({
        schoolId: 1,
        staffId: 9,
      });
    });

    it('gets 404 for another school’s people even with names shown', () => {
      expect(() => scopeFor(governor, read('people', { schoolId: 2, governorsSeeNames: true }))).toThrow(
        NotFoundException,
      );
    });

    it('may never write or read the change log (403, whatever the school)', () => {
      for (const kind of ['school', 'people', 'courses'] as const) {
        expect(() => scopeFor(governor, write(kind, { schoolId: 1 }))).toThrow(ForbiddenException);
        expect(() => scopeFor(governor, write(kind, { schoolId: 2 }))).toThrow(ForbiddenException);
      }
      expect(() => scopeFor(governor, read('changes', { schoolId: 1 }))).toThrow(ForbiddenException);
    });
  });

  describe('staff', () => {
    it('reads only their own record: the filter names them', () => {
      expect(scopeFor(staff, read('people'))).toEqual({ schoolId: 1, staffId: 7 });
      expect(scopeFor(staff, read('people', { schoolId: 1, staffId: 7 }))).toEqual({ schoolId: 1, staffId: 7 });
    });

    it('gets 404 for a colleague’s record or another school’s, so ids reveal nothing', () => {
      expect(() => scopeFor(staff, read('people', { schoolId: 1, staffId: 8 }))).toThrow(NotFoundException);
      expect(() => scopeFor(staff, read('people', { schoolId: 2, staffId: 7 }))).toThrow(NotFoundException);
    });

    it('sees nobody when the account is linked to no record', () => {
      expect(scopeFor(unlinkedStaff, read('people'))).toEqual({ schoolId: 1, staffId: NOBODY });
    });

    it('reads the courses they can use', () => {
      expect(scopeFor(staff, read('courses', { schoolId: null }))).toEqual({});
      expect(scopeFor(staff, read('courses', { schoolId: 1 }))).toEqual({ schoolId: 1 });
      expect(() => scopeFor(staff, read('courses', { schoolId: 2 }))).toThrow(NotFoundException);
    });

    it('may not read school figures or the change log, nor write anything (403)', () => {
      expect(() => scopeFor(staff, read('school', { schoolId: 1 }))).toThrow(ForbiddenException);
      expect(() => scopeFor(staff, read('changes', { schoolId: 1 }))).toThrow(ForbiddenException);
      for (const kind of ['school', 'people', 'courses'] as const) {
        expect(() => scopeFor(staff, write(kind, { schoolId: 1, staffId: 7 }))).toThrow(ForbiddenException);
      }
    });
  });

  describe('own training (self-reported completions and certificates)', () => {
    it('lets staff report and read only their own, the DSP their school’s, an admin any', () => {
      expect(scopeFor(staff, write('own-training', { schoolId: 1, staffId: 7 }))).toEqual({ schoolId: 1, staffId: 7 });
      expect(() => scopeFor(staff, write('own-training', { schoolId: 1, staffId: 8 }))).toThrow(NotFoundException);
      expect(scopeFor(dsp, read('own-training', { schoolId: 1, staffId: 8 }))).toEqual({ schoolId: 1, staffId: 8 });
      expect(() => scopeFor(dsp, read('own-training', { schoolId: 2, staffId: 8 }))).toThrow(NotFoundException);
      expect(scopeFor(admin, read('own-training', { schoolId: 2, staffId: 8 }))).toEqual({ schoolId: 2, staffId: 8 });
    });

    it('never lets governors in, even where they see names (403)', () => {
      const request = read('own-training', { schoolId: 1, staffId: 8, governorsSeeNames: true });
      expect(() => scopeFor(governor, request)).toThrow(ForbiddenException);
    });
  });

  it('never treats the shared catalogue as a school for anything but courses', () => {
    expect(() => scopeFor(dsp, read('people', { schoolId: null }))).toThrow(NotFoundException);
  });
});
