/** The slice of a pino logger the store uses; the default logs nothing. */
export interface StoreLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export const silentLogger: StoreLogger = {
  warn: () => undefined,
  info: () => undefined,
};
