/**
 * The 409 body for changing a source or webhook that the config file defines: the file is its
 * source of truth, and the next start would undo a change made through the API.
 */
export function configOwned(kind: 'source' | 'webhook', id: string): { error: string; field: string } {
  return { error: `${kind} "${id}" comes from the config file; change it there`, field: 'id' };
}
