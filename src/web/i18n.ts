/** The pages' words: the catalogues live in src/i18n, shared with the emails. */
export { CATALOGUES, isMessageKey, translate } from '../i18n/translate';
export type { MessageKey } from '../i18n/translate';
