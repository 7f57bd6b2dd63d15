/** The explicit rule registry: one array, sorted by id. No filesystem scan (esbuild bundles what is imported). */
import type { Rule } from '../types';
import { fl1001RouterMissing } from './fl1001-router-missing';

export const catalog: readonly Rule[] = [fl1001RouterMissing];
