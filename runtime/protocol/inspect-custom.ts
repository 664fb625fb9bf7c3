/**
 * The key of the method Node's `util.inspect` (and so `console.log`) calls on an object: the very
 * symbol `inspect.custom` is (`Symbol.for`), named here so that the package's declarations do not
 * import `node:util`, and a consumer without `@types/node` compiles them.
 */
export const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom');
