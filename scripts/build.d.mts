// Types of scripts/build.mjs, for the tests that build before they serve the pages.
export declare const ROOT: string;
export declare const DIST: string;
export declare function builtModule(sourcePath: string): string;
export declare function sourceHash(): Promise<string>;
/** Builds unless dist/ matches the sources; true when it built. */
export declare function ensureBuilt(): Promise<boolean>;
export declare function build(hash?: string): Promise<void>;
