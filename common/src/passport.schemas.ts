// Contracts of the passport module (Zod schemas + inferred types), shared by server and web.
export {};
