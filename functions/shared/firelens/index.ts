/** The FireLens macro's expansion: what the pipeline and the tests import. */
export { expandFragment, type ExpansionResult } from './expand-fragment';
export { DEFAULT_MACRO_NAME, expandTemplate, usesMacro } from './transform';
