/** French messages of the dashboard module's error codes (`dashboard.<reason>`); merged into ERROR_MESSAGES. */
export const DASHBOARD_ERRORS = {} as const;
