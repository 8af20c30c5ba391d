/** The two languages of every page, email and staff record (Welsh law gives Welsh equal standing). */
export type Language = 'en' | 'cy';
export const LANGUAGES: Language[] = ['en', 'cy'];
