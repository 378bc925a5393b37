// Preloaded into a benchmarked process: writes its peak resident memory (KiB) and its minor page
// faults (pages of memory touched for the first time) to BENCH_RSS_FILE, separated by a space.
import fs from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) {
    const usage = process.resourceUsage();
    fs.writeFileSync(process.env.BENCH_RSS_FILE, `${usage.maxRSS} ${usage.minorPageFault}`);
  }
});
