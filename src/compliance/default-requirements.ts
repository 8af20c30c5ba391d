import { RequirementRecord } from './compliance.types';

/**
 * Every school's training matrix to begin with: the guidance's own points (key
 * question 3, and key question 2 for filtering and monitoring). A school's DSP may
 * edit them and add the school's own; the first two can never be removed.
 */
export const DEFAULT_REQUIREMENTS: readonly RequirementRecord[] = [
  {
    code: 'online-safety',
    titleEn: 'Online safety',
    titleCy: 'Diogelwch ar-lein',
    audience: 'all-staff',
    topics: ['online-safety'],
    refreshMonths: 'annual',
    induction: true,
  },
  {
    code: 'osh-response',
    titleEn: 'Responding to online sexual harassment',
    titleCy: 'Ymateb i aflonyddu rhywiol ar-lein',
    audience: 'all-staff',
    topics: ['osh-response'],
    refreshMonths: 'annual',
    induction: true,
  },
  {
    code: 'safeguarding',
    titleEn: 'Safeguarding, including online safety',
    titleCy: 'Diogelu, gan gynnwys diogelwch ar-lein',
    audience: 'all-staff',
    topics: ['safeguarding'],
    refreshMonths: 'annual',
    induction: false,
  },
  {
    code: 'dsp-advanced',
    titleEn: 'DSP advanced training',
    titleCy: 'Hyfforddiant uwch y person diogelu dynodedig',
    audience: 'dsp-and-deputies',
    topics: ['dsp-advanced'],
    refreshMonths: null,
    induction: false,
  },
  {
    code: 'filtering-monitoring',
    titleEn: 'Filtering and monitoring',
    titleCy: 'Hidlo a monitro',
    audience: ['filtering-lead', 'senior-leader'],
    topics: ['filtering-monitoring'],
    refreshMonths: 'annual',
    induction: false,
  },
];

/** The requirements a school may edit but never remove. */
export const PERMANENT_REQUIREMENTS: readonly string[] = ['online-safety', 'osh-response'];

/** The headline figures are this requirement's, as the school's defaults define it. */
export const ONLINE_SAFETY_REQUIREMENT = DEFAULT_REQUIREMENTS[0];
/** DSPs' and deputies' advanced training, for the dsp-training and single-expert concerns. */
export const DSP_ADVANCED_REQUIREMENT = DEFAULT_REQUIREMENTS[3];
