/**
 * The plugin API version this build of `@deeptune/core` supports.
 *
 * {@link definePlugin} stamps it on every entry unless the definition names another
 * `apiVersion`; a registry refuses entries of any other version with an
 * `IncompatiblePluginError`. It changes only when the shape of a plugin entry or of a
 * product contract changes incompatibly. During 0.x all `@deeptune/*` packages are
 * versioned in lockstep, so packages of one release always agree.
 */
export const PLUGIN_API_VERSION = 1;
