/** kdoctor's own name and version, as sent to brokers in ApiVersions (a test keeps it equal to package.json). */
export const KDOCTOR_SOFTWARE = {name: 'kdoctor', version: '0.1.0'} as const

/** The kafkajs version kdoctor bundles for the end-to-end client check (a test keeps it equal to package.json's pin). */
export const KAFKAJS_VERSION = '2.2.4'

/**
 * The repository's web address, as package.json's "repository" names it (a test keeps them equal).
 * None yet: docs pointers then name the page inside the package or binary, never a made-up URL.
 */
export const KDOCTOR_REPOSITORY_URL: string | undefined = undefined
