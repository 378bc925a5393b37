/** French messages of the sso-import error codes; merged into ERROR_MESSAGES. */
export const SSO_IMPORT_ERRORS = {
} as const;
