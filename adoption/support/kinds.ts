/** The apps: create-app's default (new frontend system), its `--legacy` one, and a default one bumped to our release. */
export type Kind = 'new' | 'legacy' | 'bumped';

/** Every kind, in the order of the spec files. */
export const KINDS: readonly Kind[] = ['new', 'legacy', 'bumped'];

/** The kinds this run adopts (`ADOPTION_KINDS`, default all three). */
export function selectedKinds(): Kind[] {
  const names = (process.env.ADOPTION_KINDS ?? KINDS.join(','))
    .split(',')
    .map(kind => kind.trim());
  const unknown = names.filter(name => !KINDS.includes(name as Kind));
  if (unknown.length > 0) {
    throw new Error(
      `ADOPTION_KINDS names ${unknown.join(', ')}; choose from ${KINDS.join(', ')}`,
    );
  }
  return names as Kind[];
}

/** The frontend system of an app of `kind`. */
export const systemOf = (kind: Kind): 'new' | 'legacy' =>
  kind === 'legacy' ? 'legacy' : 'new';

/** How the tests name an app of `kind`. */
export const LABELS: Record<Kind, string> = {
  new: 'new frontend system',
  legacy: 'legacy',
  bumped: 'new frontend system, bumped',
};
