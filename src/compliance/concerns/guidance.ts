import { ConcernCode, Severity } from '../compliance.types';

/** The document's title as published on Hwb. */
export const GUIDANCE_TITLE =
  'Online sexual harassment – Understand, prevent and respond: 3 key questions for ' +
  'governing bodies to help challenge their schools and colleges to effectively ' +
  'safeguard their learners';

const SOURCE = `Welsh Government and Childnet, “${GUIDANCE_TITLE}”`;

interface GuidancePoint {
  severity: Severity;
  quote: string;
  where: string;
  action: string;
}

/** Each concern and the point of the guidance it answers, in the guidance's own words. */
export const GUIDANCE: Record<ConcernCode, GuidancePoint> = {
  'dsp-training': {
    severity: 'high',
    quote: 'The DSP and deputies lack appropriate training and authority in online safety.',
    where: 'key question 3, when you should be concerned',
    action:
      'Book the DSP and deputies named here on current online-safety and DSP-advanced ' +
      'training, or appoint a DSP if there is none.',
  },
  'no-online-safety-lead': {
    severity: 'high',
    quote:
      'There is no recognised individual or group for online safety, or they lack appropriate training and authority.',
    where: 'key question 3, when you should be concerned',
    action:
      'Name an online-safety lead or group and make sure at least one of them has current online-safety training.',
  },
  'low-coverage': {
    severity: 'high',
    quote: 'There is no, little or out-of-date training for all staff.',
    where: 'key question 3, when you should be concerned',
    action: 'Plan a whole-staff online-safety session; the staff named here have no current training.',
  },
  'untrained-staff': {
    severity: 'high',
    quote:
      'There are some staff that have no online safety training (including responding to ' +
      'incidents of online sexual harassment).',
    where: 'key question 3, when you should be concerned',
    action: 'Train the staff named here: they have never had online-safety training, or missed it at induction.',
  },
  'not-annual': {
    severity: 'medium',
    quote: 'Regular updated training is not undertaken at least annually.',
    where: 'key question 3, when you should be concerned',
    action: 'Refresh the training of the staff named here: theirs has lapsed.',
  },
  'needs-unmet': {
    severity: 'medium',
    quote:
      'Training on online safety (including responding to incidents of online sexual ' +
      'harassment) does not meet the needs of staff.',
    where: 'key question 3, when you should be concerned',
    action:
      'Audit the training needs of the staff named here, or book training that meets the ' +
      'needs their latest audit found.',
  },
  'outdated-materials': {
    severity: 'medium',
    quote: 'Training is based on outdated resources or materials that lack accuracy.',
    where: 'key question 3, when you should be concerned',
    action: 'Review the content of the courses named here, or move staff to a course whose content is up to date.',
  },
  'no-coordinator': {
    severity: 'medium',
    quote: 'There is a lack of clarity on who coordinates staff training.',
    where: 'key question 3, when you should be concerned',
    action: 'Record who coordinates staff training in the school settings.',
  },
  'induction-gap': {
    severity: 'high',
    quote:
      'Online safety training (including responding to incidents of online sexual ' +
      'harassment) is an integral part of induction for all new staff.',
    where: 'key question 3, what to look for',
    action:
      'Give the new staff named here their induction online-safety training now: their induction window has passed.',
  },
  'filtering-review': {
    severity: 'medium',
    quote:
      'Appropriate filtering and monitoring approaches are not in place, and/or there is a ' +
      'lack of understanding of the decisions made with respect to appropriate filtering and ' +
      'monitoring by the leadership team.',
    where: 'key question 2, when you should be concerned',
    action: 'Review the school’s filtering and monitoring decisions and record the date in the school settings.',
  },
  'single-expert': {
    severity: 'low',
    quote:
      'Expertise in online safety (including responding to incidents of online sexual ' +
      'harassment) is developed across a pool of staff, to ensure transfer and ' +
      'sustainability of knowledge and training.',
    where: 'key question 3, what good practice looks like',
    action: 'Train a second member of staff to DSP-advanced level so the expertise does not rest on one person.',
  },
  'osh-response-gap': {
    severity: 'high',
    quote:
      'There are some staff that have no online safety training (including responding to ' +
      'incidents of online sexual harassment).',
    where: 'key question 3, when you should be concerned',
    action:
      'Book the staff named here on training in responding to online sexual harassment (for ' +
      'example Hwb’s “Keeping safe online” courses): they have none that is current.',
  },
  'safeguarding-gap': {
    severity: 'medium',
    quote:
      'Online safety training is an integral part of the required, at least annual, ' +
      'safeguarding training for all staff.',
    where: 'key question 3, what to look for',
    action:
      'Include the staff named here in the next whole-school safeguarding training, with ' +
      'online safety as part of it: theirs is missing or out of date.',
  },
  'filtering-training-gap': {
    severity: 'medium',
    quote:
      'Appropriate filtering and monitoring approaches are not in place, and/or there is a ' +
      'lack of understanding of the decisions made with respect to appropriate filtering and ' +
      'monitoring by the leadership team.',
    where: 'key question 2, when you should be concerned',
    action:
      'Train the senior leaders and filtering leads named here on the school’s filtering and ' +
      'monitoring decisions: they have no current filtering and monitoring training.',
  },
  'requirement-gap': {
    severity: 'medium',
    quote:
      'Training that improves staff knowledge of, and expertise in, safe behaviours and ' +
      'appropriate use of technologies is available and undertaken.',
    where: 'key question 3, what to look for',
    action:
      'Book the staff named here on training for the school’s own requirement named here, or ' +
      'change who the requirement applies to.',
  },
};

export function quoteFor(code: ConcernCode): string {
  const point = GUIDANCE[code];
  return `“${point.quote}” — ${SOURCE}, ${point.where}.`;
}

/** The quoted words, the document and where in it, kept apart so pages can mark the quote as English. */
export function quotePartsFor(code: ConcernCode): { words: string; source: string; where: string } {
  const point = GUIDANCE[code];
  return { words: point.quote, source: SOURCE, where: point.where };
}
