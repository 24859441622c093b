/** kdoctor's own name and version, as sent to brokers in ApiVersions (a test keeps it equal to package.json). */
export const KDOCTOR_SOFTWARE = {name: 'kdoctor', version: '0.1.0'} as const

/** The kafkajs version kdoctor bundles for the end-to-end client check (a test keeps it equal to package.json's pin). */
export const KAFKAJS_VERSION = '2.2.4'
