/** The three ways to get servers, as the tests, the playground and `npm run doctor` say them. */
import type { EngineElsewhere } from './docker.ts';

export const FIX = {
  docker: 'macOS/Windows: start Docker Desktop · Linux: sudo systemctl start docker (or skip Docker: install the two packages below)',
  mysql: 'Debian/Ubuntu/WSL: sudo apt-get install mariadb-server · macOS: brew install mariadb',
  kcat: 'Debian/Ubuntu/WSL: sudo apt-get install kcat · macOS: brew install kcat',
  env: 'KATA_MYSQL_URL=mysql://root:password@127.0.0.1:3306/ KATA_KAFKA_BROKERS=127.0.0.1:9092',
};

/**
 * The three ways, numbered. When an engine runs where testcontainers does not look (Colima,
 * Podman, ...), the Docker way starts with the exact line that makes the tests find it.
 */
export function threeWays(elsewhere: readonly EngineElsewhere[] = []): string {
  const engine = elsewhere[0];
  const docker = engine
    ? `  1. Docker: ${engine.engine} answers at ${engine.socket}, where testcontainers does not look. Run this, then rerun:\n` +
      `       ${engine.exportLine}\n` +
      `     (or put that line in your shell's profile)\n`
    : `  1. Docker: install and start Docker Desktop or Docker Engine (Colima, Podman, OrbStack and Rancher Desktop work too,\n` +
      `     with DOCKER_HOST set: \`npm run doctor\` prints the line); the tests start MySQL 8.4 and Kafka in containers.\n`;
  return (
    `Pick one of these three ways (then rerun the same command):\n` +
    docker +
    `  2. Local packages: Debian/Ubuntu/WSL: sudo apt-get install mariadb-server kcat\n` +
    `                     macOS:            brew install mariadb kcat\n` +
    `     (nothing needs to be running: a throwaway server is started for you)\n` +
    `  3. Servers you already run: ${FIX.env} npm test`
  );
}
