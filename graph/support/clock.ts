/**
 * The server's clock: where every write that dates something (a referral's move, an intro
 * request's, a dismissal) reads "now". One injectable source, so a test can set the instant
 * instead of waiting for it (createRefnet's `clock` option, NetworkService's constructor).
 */
export type Clock = () => Date;

/** The system clock. */
export const systemClock: Clock = () => new Date();
