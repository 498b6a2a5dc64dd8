import { Id } from '@emporium/kit';
import { Type, type Static } from 'typebox';

export const ImportQuery = Type.Object({
  format: Type.Enum(['emporium', 'amazon'], { default: 'emporium', description: 'emporium: our export\'s columns; amazon: the public Amazon sales dataset\'s' }),
  dryRun: Type.Boolean({ default: false, description: 'Read and check every row, count what would change, write nothing' }),
});
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportStarted = Type.Object({ jobId: Type.String() });

export const ImportJobParams = Type.Object({ jobId: Id() });

export const ImportJob = Type.Object({
  status: Type.Enum(['running', 'done', 'failed']),
  rows: Type.Integer({ description: 'Data rows read so far (the header is not a row)' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  failed: Type.Integer(),
  errors: Type.Array(Type.Object({
    row: Type.Integer({ description: 'The data row, counted from 1 after the header' }),
    column: Type.String({ description: 'The column at fault; empty when the row itself could not be read' }),
    message: Type.String(),
  }), { description: 'One entry per failed row' }),
  progress: Type.Number({ minimum: 0, maximum: 1, description: 'Share of the file read so far' }),
  message: Type.Union([Type.String(), Type.Null()], { description: 'Why a failed job stopped as a whole' }),
});
