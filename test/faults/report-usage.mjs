// Preloaded into a CLI run by the hostile-broker suite: peak RSS and run time, printed at exit.
process.on('exit', () => {
  process.stderr.write(`KDOCTOR_TEST_USAGE rss=${process.resourceUsage().maxRSS} uptime=${Math.round(process.uptime() * 1000)}\n`)
})
