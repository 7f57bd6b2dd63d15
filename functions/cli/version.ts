/** The package's version: esbuild inlines this one field of package.json into dist/firelens.cjs. */
import { version } from '../../package.json';

export const FIRELENS_VERSION: string = version;
