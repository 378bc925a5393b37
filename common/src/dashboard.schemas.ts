// Contracts of the dashboard module (Zod schemas + inferred types), shared by server and web.
export {};
