// Entry points import this first. Without the `node` package's binary (e.g. `npm install
// --ignore-scripts`), npm scripts silently fall back to an older system Node, and pg-boss 12 fails
// in obscure ways there; say so plainly instead.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Taskdeck needs Node.js 22.12 or newer; this is ${process.versions.node}.\n` +
      "Run it through npm (npm start, npm test, npm run worker), which uses the Node 22 that\n" +
      "`npm install` puts in node_modules/.bin, and do not install with --ignore-scripts.",
  );
  process.exit(1);
}
export {};
