import { cursorPart, type CursorPart } from '@emporium/kit';

/** A star rating, as the rating sort's cursor carries it. */
const rating: CursorPart<number> = (v): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;

/** What each sort's cursor holds, checked part by part by the kit (a cursor of the other sort has another length). */
export const newestKey = [cursorPart.time, cursorPart.id] as const;
export const ratingKey = [rating, cursorPart.time, cursorPart.id] as const;
