// Loaded into every process the launcher starts (node --import). When the launcher dies without
// stopping its children (kill -9, a crashed terminal), the IPC channel to it closes: stop
// gracefully then, instead of living on as an orphan that holds its port.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    // A backstop in case the program's own shutdown never ends (or it has none): no orphan outlives this.
    setTimeout(() => process.exit(1), 15_000).unref();
  });
}
