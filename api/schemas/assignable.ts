/**
 * `true` when every value of type A is a value of type B, else `false`: used as
 * `true satisfies Assignable<HandlerOutput, z.infer<typeof responseSchema>>`, which stops compiling
 * when a handler can send something its documented schema does not allow.
 */
export type Assignable<A, B> = [A] extends [B] ? true : false;
