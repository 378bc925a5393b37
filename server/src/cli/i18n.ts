/** The command line speaks French, or English when LANG/LC_ALL says so. */
export const isEnglish = /^en/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');
export const tr = (fr: string, en: string): string => (isEnglish ? en : fr);
