/**
 * Hard limits of the SIECLE parsers. A real ElevesSansAdresses.xml of a 1,500-learner lycée is
 * about 4 MB (docs/siecle-formats.md §8); these leave a wide margin while keeping a hostile upload cheap.
 */
const MB = 1024 * 1024;

/** Largest XML file accepted, directly or once extracted from a ZIP. */
export const MAX_XML_BYTES = 100 * MB;
/** Largest ZIP file accepted (compressed size). */
export const MAX_ZIP_BYTES = 100 * MB;
/** Most entries (files, folders, __MACOSX litter) a ZIP may list. */
export const MAX_ZIP_ENTRIES = 100;
/** Most bytes all XML entries of one ZIP may inflate to, together. */
export const MAX_ZIP_TOTAL_BYTES = 250 * MB;
/** Compressed bytes fed to the inflater at once: bounds one inflate step to ~16 MB of output. */
export const ZIP_INFLATE_SLICE = 16 * 1024;

/** Deepest element nesting accepted (real exports stay under 8). */
export const MAX_XML_DEPTH = 64;
/** Most elements inside one record (one ELEVE, one DIVISION with its services…). */
export const MAX_RECORD_ELEMENTS = 50_000;
/** Most characters of text inside one record. */
export const MAX_RECORD_TEXT = 4 * MB;
/** Bytes decoded and handed to the XML parser at once. */
export const DECODE_CHUNK_BYTES = 64 * 1024;
