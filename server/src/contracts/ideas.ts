import { z } from 'zod';

/** An idea's path: submitted → connected → refining → decision → implemented, or not taken forward. */
export const IDEA_STAGES = ['submitted', 'connected', 'refining', 'decision', 'implemented', 'not_taken_forward'] as const;
export const IdeaStage = z.enum(IDEA_STAGES, { error: `stage must be one of: ${IDEA_STAGES.join(', ')}` });
export type IdeaStage = z.infer<typeof IdeaStage>;

/** Where an idea can go when the city does not take it forward. */
export const ALTERNATIVE_ROUTES = ['other_funder', 'kehra', 'partnership_table', 'residents_own_action'] as const;
export const AlternativeRoute = z.enum(ALTERNATIVE_ROUTES, {
  error: `alternativeRoute must be one of: ${ALTERNATIVE_ROUTES.join(', ')}`,
});
export type AlternativeRoute = z.infer<typeof AlternativeRoute>;

/** The allowed next stages of each stage; anything else is refused. */
export const IDEA_TRANSITIONS: Record<IdeaStage, readonly IdeaStage[]> = {
  submitted: ['connected'],
  connected: ['refining'],
  refining: ['decision'],
  decision: ['implemented', 'not_taken_forward'],
  implemented: [],
  not_taken_forward: [],
};

export const StageChangeBody = z
  .object({
    to: IdeaStage,
    reason: z.string().trim().min(1, 'reason must not be empty').max(4000),
    alternativeRoute: AlternativeRoute.optional(),
    alternativeDetails: z.string().trim().max(4000).optional(),
    /** At decision: the funding or staff time reserved. */
    funding: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.to === 'not_taken_forward' && !b.alternativeRoute) {
      ctx.addIssue({
        code: 'custom',
        path: ['alternativeRoute'],
        message: 'alternativeRoute is required when an idea is not taken forward',
      });
    }
    if (b.to !== 'not_taken_forward' && b.alternativeRoute) {
      ctx.addIssue({ code: 'custom', path: ['alternativeRoute'], message: 'alternativeRoute only applies to not_taken_forward' });
    }
  });
export type StageChangeBody = z.infer<typeof StageChangeBody>;
