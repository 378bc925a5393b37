/** French messages of the passport module's error codes (`passport.<reason>`); merged into ERROR_MESSAGES. */
export const PASSPORT_ERRORS = {} as const;
