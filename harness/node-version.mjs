// Plain JavaScript on purpose: it must run on the old Node versions it turns away (Node 20
// cannot even load a .ts file). Every npm script loads it first (`node --import`), and so does
// vitest.config.ts, so a too-old Node gets one clear line instead of a crash deep inside a tool.
const REQUIRED = [22, 22];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < REQUIRED[0] || (major === REQUIRED[0] && minor < REQUIRED[1])) {
  console.error(
    `kafka-mysql-katas needs Node.js ${REQUIRED.join('.')} or newer; this is Node ${process.versions.node}. ` +
      'Get Node 24 LTS: `nvm install` (nvm reads .nvmrc), `fnm use`, or the installer from https://nodejs.org/en/download, then run the command again.',
  );
  process.exit(1);
}
