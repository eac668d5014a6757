/** Fired on window after the import dialog wrote something, so a page can reload what it shows. */
export const IMPORTED_EVENT = 'refnet:imported';
