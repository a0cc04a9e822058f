/**
 * WSL: a repository on the Windows drive (/mnt/c/...) is reached through a slow network file
 * system without change notifications, so watch mode misses saves and the test servers' data
 * folders misbehave. The doctor warns; the README says to keep the repository under ~/.
 */
export function wslWarning(procVersion: string, env: NodeJS.ProcessEnv, repositoryRoot: string): string | undefined {
  const isWsl = /microsoft|wsl/i.test(procVersion) || Boolean(env.WSL_DISTRO_NAME);
  if (!isWsl || !/^\/mnt\/[a-z]\//i.test(repositoryRoot)) return undefined;
  return `the repository is on the Windows drive (${repositoryRoot}): watch mode misses saves and the test servers' data folders misbehave there`;
}
