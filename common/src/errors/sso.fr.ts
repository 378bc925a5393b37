/** French messages of the sso error codes; merged into ERROR_MESSAGES. */
export const SSO_ERRORS = {
} as const;
