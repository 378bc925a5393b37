import { z } from 'zod';
import { PROFILES } from './profiles.ts';

/** A profile (administrator, teacher, learner, parent). Its own module: the SIECLE report's schema needs it, not the rest of auth.schemas.ts. */
export const ProfileSchema = z.enum(PROFILES);
