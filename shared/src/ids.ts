import { z } from 'zod';

/** Database ids are UUIDs; media ids are mediasoup's UUIDs. Both are validated as such on the way in. */
export const id = z.string().uuid();
export type Id = string;
