/** French messages of the scenarios module's error codes (`scenarios.<reason>`); merged into ERROR_MESSAGES. */
export const SCENARIOS_ERRORS = {} as const;
