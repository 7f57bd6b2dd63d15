import { isIntrinsic, isObject, type Json } from '../../template/intrinsics';

/**
 * A routed container's DependsOn with `{ContainerName: router, Condition}` added, keeping what the container
 * declares; an error text (for validation) when the declared list cannot take it.
 */
export const mergeDependsOn = (current: Json | undefined, router: string, condition: 'START' | 'HEALTHY'): Json[] | string => {
  if (current === undefined) {
    return [{ ContainerName: router, Condition: condition }];
  }
  if (!Array.isArray(current)) {
    return 'must be a literal list so the macro can add the dependency on the log router';
  }
  const existing = current.find((d) => isObject(d) && d['ContainerName'] === router);
  if (existing === undefined) {
    return [...current, { ContainerName: router, Condition: condition }];
  }
  const declared = isObject(existing) ? existing['Condition'] : undefined;
  if (declared === 'START' || declared === 'HEALTHY' || isIntrinsic(declared)) {
    return current;
  }
  // A list or a non-intrinsic object is quoted as JSON (String() gave "[object Object]").
  const shown = typeof declared === 'object' && declared !== null ? JSON.stringify(declared) : String(declared);
  return `declares ${shown} on the log router; FireLens needs START or HEALTHY (the router runs for the whole task)`;
};
