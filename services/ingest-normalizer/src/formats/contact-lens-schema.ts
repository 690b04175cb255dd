import { z } from "zod";

const participantSchema = z.object({
  ParticipantId: z.string().optional(),
  ParticipantRole: z.string().optional(),
  DisplayName: z.string().optional(),
});

/** One entry of `Transcript[]`: a voice turn, or a chat message or event. Fields differ between the two. */
const transcriptEntrySchema = participantSchema.extend({
  Content: z.string().optional(),
  Type: z.string().optional(),
  ContentType: z.string().optional(),
  BeginOffsetMillis: z.number().optional(),
  EndOffsetMillis: z.number().optional(),
  AbsoluteTime: z.string().optional(),
});
export type ContactLensEntry = z.infer<typeof transcriptEntrySchema>;

export const contactLensSchema = z.object({
  Version: z.string().optional(),
  Channel: z.string().optional(),
  ChatTranscriptVersion: z.string().optional(),
  LanguageCode: z.string().optional(),
  Participants: z.array(participantSchema).optional(),
  Transcript: z.array(transcriptEntrySchema),
  ConversationCharacteristics: z
    .object({ TotalConversationDurationMillis: z.number().optional() })
    .optional(),
});
export type ContactLensAnalysis = z.infer<typeof contactLensSchema>;
