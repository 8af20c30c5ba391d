import {
  buildCompletionRecord,
  buildSettings,
  buildStaffRecord,
} from '../../test/factories/compliance-records.factory';
import { CompletionRecord } from './compliance.types';
import { isActive, isNewStarter, onlineSafetyStatus, standingOf } from './staff-standing';

const TODAY = '2026-11-27';

const settings = buildSettings();

describe(isActive.name, () => {
  it('counts a member from their start date until the day before they leave', () => {
    expect(isActive(buildStaffRecord({ startDate: TODAY }), TODAY)).toBe(true);
    expect(isActive(buildStaffRecord({ startDate: '2026-11-28' }), TODAY)).toBe(false);
    expect(isActive(buildStaffRecord({ leftOn: '2026-11-28' }), TODAY)).toBe(true);
    expect(isActive(buildStaffRecord({ leftOn: TODAY }), TODAY)).toBe(false);
    expect(isActive(buildStaffRecord({ leftOn: '2026-01-01' }), TODAY)).toBe(false);
  });
});

describe(isNewStarter.name, () => {
  it('is a member who started within the last annual-refresh months (on or after today minus 12 months)', () => {
    expect(isNewStarter(buildStaffRecord({ startDate: '2025-11-27' }), settings, TODAY)).toBe(true);
    expect(isNewStarter(buildStaffRecord({ startDate: '2025-11-26' }), settings, TODAY)).toBe(false);
    expect(
      isNewStarter(buildStaffRecord({ startDate: '2026-05-27' }), buildSettings({ annualRefreshMonths: 6 }), TODAY),
    ).toBe(true);
    expect(
      isNewStarter(buildStaffRecord({ startDate: '2026-05-26' }), buildSettings({ annualRefreshMonths: 6 }), TODAY),
    ).toBe(false);
  });
});

describe(onlineSafetyStatus.name, () => {
  const member = buildStaffRecord({ startDate: '2020-09-01' });
  const trained = (overrides: Partial<CompletionRecord>): CompletionRecord[] => [
    buildCompletionRecord({ staffId: member.id, ...overrides }),
  ];

  it('is current when training expires more than due-soon days away', () => {
    expect(onlineSafetyStatus(member, trained({ expiresOn: '2026-12-28' }), settings, TODAY)).toBe('current');
  });

  it('is due-soon when training expires within due-soon days, inclusive', () => {
    expect(onlineSafetyStatus(member, trained({ expiresOn: '2026-12-27' }), settings, TODAY)).toBe('due-soon');
    expect(onlineSafetyStatus(member, trained({ expiresOn: '2026-11-28' }), settings, TODAY)).toBe('due-soon');
  });

  it('is lapsed when the training expires today: it no longer counts', () => {
    expect(onlineSafetyStatus(member, trained({ completedOn: '2025-11-27', expiresOn: TODAY }), settings, TODAY)).toBe(
      'lapsed',
    );
  });

  it('is lapsed when every online-safety completion has expired', () => {
    const completions = [...trained({ expiresOn: '2025-01-01' }), ...trained({ expiresOn: '2026-03-01' })];
    expect(onlineSafetyStatus(member, completions, settings, TODAY)).toBe('lapsed');
  });

  it('is never with no online-safety training, even with other current training', () => {
    expect(onlineSafetyStatus(member, [], settings, TODAY)).toBe('never');
    expect(onlineSafetyStatus(member, trained({ topics: ['safeguarding', 'dsp-advanced'] }), settings, TODAY)).toBe(
      'never',
    );
  });

  it('takes the latest expiry among several completions', () => {
    const completions = [...trained({ expiresOn: '2026-01-01' }), ...trained({ expiresOn: '2027-06-01' })];
    expect(onlineSafetyStatus(member, completions, settings, TODAY)).toBe('current');
  });

  it('follows the due-soon setting', () => {
    expect(onlineSafetyStatus(member, trained({ expiresOn: '2027-01-10' }), settings, TODAY)).toBe('current');
    expect(
      onlineSafetyStatus(member, trained({ expiresOn: '2027-01-10' }), buildSettings({ dueSoonDays: 60 }), TODAY),
    ).toBe('due-soon');
  });

  describe('new starters', () => {
    it('is induction-due up to and including the last day of the window', () => {
      expect(onlineSafetyStatus(buildStaffRecord({ startDate: TODAY }), [], settings, TODAY)).toBe('induction-due');
      expect(onlineSafetyStatus(buildStaffRecord({ startDate: '2026-10-28' }), [], settings, TODAY)).toBe(
        'induction-due',
      );
    });

    it('is induction-overdue from the day after the window', () => {
      expect(onlineSafetyStatus(buildStaffRecord({ startDate: '2026-10-27' }), [], settings, TODAY)).toBe(
        'induction-overdue',
      );
      expect(onlineSafetyStatus(buildStaffRecord({ startDate: '2025-11-27' }), [], settings, TODAY)).toBe(
        'induction-overdue',
      );
    });

    it('is never, not induction, once the start is more than the annual-refresh months ago', () => {
      expect(onlineSafetyStatus(buildStaffRecord({ startDate: '2025-11-26' }), [], settings, TODAY)).toBe('never');
    });

    it('follows the induction window setting', () => {
      const starter = buildStaffRecord({ startDate: '2026-10-20' });
      expect(onlineSafetyStatus(starter, [], settings, TODAY)).toBe('induction-overdue');
      expect(onlineSafetyStatus(starter, [], buildSettings({ inductionWindowDays: 60 }), TODAY)).toBe('induction-due');
    });

    it('is current once trained since starting', () => {
      const starter = buildStaffRecord({ startDate: '2026-09-01' });
      const completions = [
        buildCompletionRecord({ staffId: starter.id, completedOn: '2026-09-02', expiresOn: '2027-09-02' }),
      ];
      expect(onlineSafetyStatus(starter, completions, settings, TODAY)).toBe('current');
    });

    it('still owes induction training when the only training predates the start', () => {
      const starter = buildStaffRecord({ startDate: '2026-09-01' });
      const completions = [
        buildCompletionRecord({ staffId: starter.id, completedOn: '2025-06-01', expiresOn: '2026-06-01' }),
      ];
      expect(onlineSafetyStatus(starter, completions, settings, TODAY)).toBe('induction-overdue');
    });

    describe('prior training (from a previous employer)', () => {
      const starter = buildStaffRecord({ startDate: '2026-09-01' });
      const prior = (overrides: Partial<CompletionRecord>) =>
        buildCompletionRecord({ staffId: starter.id, prior: true, ...overrides });

      it('counts for currency: current prior training makes a new starter current', () => {
        const completions = [prior({ completedOn: '2026-06-01', expiresOn: '2027-06-01' })];
        expect(onlineSafetyStatus(starter, completions, settings, TODAY)).toBe('current');
        expect(standingOf(starter, completions, settings, TODAY).expiresOn).toBe('2027-06-01');
      });

      it('never meets induction: once it expires the starter owes induction training, not a refresh', () => {
        const completions = [prior({ completedOn: '2025-06-01', expiresOn: '2026-06-01' })];
        expect(onlineSafetyStatus(starter, completions, settings, TODAY)).toBe('induction-overdue');
      });

      it('never meets induction even when dated on or after the start (a start date corrected later)', () => {
        const completions = [prior({ completedOn: '2026-09-01', expiresOn: '2026-10-01' })];
        expect(onlineSafetyStatus(starter, completions, settings, TODAY)).toBe('induction-overdue');
        const sameRecordNotPrior = [{ ...completions[0], prior: false }];
        expect(onlineSafetyStatus(starter, sameRecordNotPrior, settings, TODAY)).toBe('lapsed');
      });
    });

    it('is lapsed when training taken since starting has already expired', () => {
      const starter = buildStaffRecord({ startDate: '2026-09-01' });
      const completions = [
        buildCompletionRecord({ staffId: starter.id, completedOn: '2026-09-02', expiresOn: '2026-10-02' }),
      ];
      expect(onlineSafetyStatus(starter, completions, settings, TODAY)).toBe('lapsed');
    });
  });
});

describe(standingOf.name, () => {
  it('reports the latest online-safety expiry and the DSP-advanced training separately', () => {
    const dsp = buildStaffRecord({ safeguardingRole: 'dsp' });
    const completions = [
      buildCompletionRecord({ staffId: dsp.id, expiresOn: '2026-01-01' }),
      buildCompletionRecord({ staffId: dsp.id, expiresOn: '2027-03-01' }),
      buildCompletionRecord({ staffId: dsp.id, topics: ['dsp-advanced'], expiresOn: TODAY }),
    ];
    expect(standingOf(dsp, completions, settings, TODAY)).toMatchObject({
      status: 'current',
      expiresOn: '2027-03-01',
      dspAdvancedExpiresOn: TODAY,
      hasCurrentDspAdvanced: false,
    });
  });

  it('has a null expiry with no online-safety training', () => {
    expect(standingOf(buildStaffRecord(), [], settings, TODAY).expiresOn).toBeNull();
  });
});
