import { Type, type Static } from 'typebox';
import { AppError, problemOf } from './errors.ts';

/**
 * What an internal batch endpoint answers (products' reservations, discounts' promotion checks and uses):
 * each entry's status and body, as its single call would have had them, in the order asked.
 */
export const BatchResults = Type.Object({
  results: Type.Array(Type.Object({ status: Type.Integer(), body: Type.Unknown() })),
});
export type BatchResults = Static<typeof BatchResults>;
export type BatchResult = BatchResults['results'][number];

/** Runs each entry of a batch, all at once, and answers every one with its status and body; an unexpected error fails the batch. */
export async function answerEach<T>(inputs: T[], run: (input: T) => Promise<BatchResult>): Promise<BatchResults> {
  const settled = await Promise.allSettled(inputs.map(run));
  return {
    results: settled.map((outcome) => {
      if (outcome.status === 'fulfilled') return outcome.value;
      const err = outcome.reason;
      if (!(err instanceof AppError)) throw err;
      return { status: err.status, body: problemOf(err.code, err.status, err.message, err.extra) };
    }),
  };
}
