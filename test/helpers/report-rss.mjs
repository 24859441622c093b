// Preloaded into a CLI run by tests that bound memory: prints the process's peak RSS at exit.
process.on('exit', () => {
  process.stderr.write(`KDOCTOR_TEST_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`)
})
