import { z } from 'zod';
import { id } from './ids';

/** What an attendee may type as a question: trimmed, 3 to 500 characters. Rendered as text, never as HTML. */
export const questionText = z.string().trim().min(3).max(500);

/**
 * A question's life: `pending` (waiting for a moderator, in sessions that moderate questions),
 * `approved` (visible to everyone), `answered`, `dismissed` (by a moderator), `withdrawn` (by its author).
 */
export const questionStatus = z.enum(['pending', 'approved', 'answered', 'dismissed', 'withdrawn']);
export type QuestionStatus = z.infer<typeof questionStatus>;

export const question = z.object({
  id,
  sessionId: id,
  text: z.string(),
  anonymous: z.boolean(),
  /** Null for the audience when the author asked anonymously; moderators always see who asked. */
  authorName: z.string().nullable(),
  authorId: z.string().nullable(),
  status: questionStatus,
  pinned: z.boolean(),
  votes: z.number().int(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type Question = z.infer<typeof question>;

export const moderationAction = z.enum(['approve', 'dismiss', 'answer', 'pin', 'unpin']);
export type ModerationAction = z.infer<typeof moderationAction>;
