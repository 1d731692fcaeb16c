/** Every command, in the order `opsg --help` lists them. */
export {register as registerBuild} from './build.js';
export {register as registerCheck} from './check.js';
export {register as registerPreview} from './preview.js';
export {register as registerNew} from './new.js';
export {register as registerImport} from './import.js';
export {register as registerInit} from './init.js';
export {register as registerPdf} from './pdf.js';
