// Contracts of the scenarios module (Zod schemas + inferred types), shared by server and web.
export {};
