/** A person as lists show them: name and login. */
export function personWords(user: { firstName?: string; lastName?: string; login?: string }): string {
  const name = `${user.firstName ?? ''} ${user.lastName ?? ''}`.trim();
  return user.login ? `${name || user.login} (${user.login})` : name;
}
