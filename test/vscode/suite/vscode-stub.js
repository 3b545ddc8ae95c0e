// A stand-in for the `vscode` module, used only by `npm run test:vscode --
// --check` to load the suite outside VS Code. The tests never run with it.
module.exports = new Proxy(
  {},
  {
    get: (_, name) => (name === '__esModule' ? false : new Proxy(function () {}, { get: () => undefined })),
  },
);
