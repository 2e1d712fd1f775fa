// Preloaded with `node -r` into a benchmarked process: at exit, prints its peak RSS (KiB) on stderr, so the
// figure covers the whole process (start-up and module loading included).
process.on("exit", () => {
  process.stderr.write(`\n@@rss ${process.resourceUsage().maxRSS}\n`);
});
