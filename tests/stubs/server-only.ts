// Stands in for the `server-only` package, which throws when imported outside Next's server bundles.
export {};
