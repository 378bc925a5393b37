/** French messages of the evaluations module's error codes (`evaluations.<reason>`); merged into ERROR_MESSAGES. */
export const EVALUATIONS_ERRORS = {} as const;
