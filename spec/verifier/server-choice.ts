/**
 * `npm run verify -- --server <name>`: which server verify proves the course on.
 *   mariadb-10.11  the machine's own MariaDB (the local path, as students without Docker get it)
 *   mariadb-11.8   Debian 13's MariaDB, in a chroot (what Homebrew and Debian 13 users get)
 *   mysql-9.7      Debian unstable's MySQL, in a chroot (Oracle's line after 8.4 LTS)
 * A chroot server is started here and handed to the run through KATA_MYSQL_URL; the local one
 * through KATA_PROVIDER=local. Without --server, verify takes servers the usual way
 * (harness/servers/start.ts). A server that cannot be had ends verify with one line saying why.
 */
import { isServerName, SERVERS, startChrootServer, type ServerName } from './chroot-server.ts';

export type ServerChoice = { name: ServerName; stop(): Promise<void> };

/** Sets this process's environment so that provisioning finds the chosen server. */
export async function chooseServer(name: string): Promise<ServerChoice> {
  if (!isServerName(name)) throw new Error(`Unknown server ${name}. Valid: ${Object.keys(SERVERS).join(', ')}`);
  if (!SERVERS[name].chroot) {
    delete process.env.KATA_MYSQL_URL;
    process.env.KATA_PROVIDER = 'local';
    return { name, stop: async () => undefined };
  }
  const server = await startChrootServer(name);
  process.env.KATA_MYSQL_URL = server.url;
  return { name, stop: () => server.stop() };
}

/** The provisioned server must be the one asked for (a local mariadbd of another line is not 10.11). */
export function checkVersion(name: ServerName, serverVersion: string): string | undefined {
  return SERVERS[name].version.test(serverVersion) ? undefined : `server ${name} cannot be had: the server that answered is version ${serverVersion}`;
}
