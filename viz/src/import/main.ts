/** Entry of the import dialog, loaded by every page beside its own script (see dialog.ts). */
import { setUpImportDialog } from './dialog.js';

setUpImportDialog();
