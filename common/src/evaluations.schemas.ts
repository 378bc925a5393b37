// Contracts of the evaluations module (Zod schemas + inferred types), shared by server and web.
export {};
