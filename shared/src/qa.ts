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

/** A poll's life: prepared by the crew (`draft`, crew only), `open` for votes, `closed` (kept, results stay). */
export const pollStatus = z.enum(['draft', 'open', 'closed']);

export const poll = z.object({
  id,
  sessionId: id,
  question: z.string(),
  multiple: z.boolean(),
  status: pollStatus,
  /** The audience sees the results once the crew reveal them; the crew always do. */
  revealed: z.boolean(),
  options: z.array(z.object({ id, label: z.string() })),
  /** Votes per option in `options` order, and how many people voted; null for the audience until revealed. */
  results: z.object({ votes: z.array(z.number().int()), voters: z.number().int() }).nullable(),
  createdAt: z.string(),
});
export type Poll = z.infer<typeof poll>;

export const pollDraft = z.object({
  question: z.string().trim().min(3).max(300),
  options: z.array(z.string().trim().min(1).max(120)).min(2).max(10),
  multiple: z.boolean(),
});

/** A chat message; its text is rendered as text, never as HTML. */
export const chatMessage = z.object({
  id,
  sessionId: id,
  authorId: id,
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessage>;

export const chatText = z.string().trim().min(1).max(500);
