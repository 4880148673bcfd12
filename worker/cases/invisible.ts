/**
 * Zero-width spaces and joiners, soft hyphens, bidi controls, BOMs, variation selectors…:
 * characters that show nothing. Its own module so the personal-data check (normalise.ts, pii.ts)
 * runs in the browser too without bringing the validation's zod along.
 */
export const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
