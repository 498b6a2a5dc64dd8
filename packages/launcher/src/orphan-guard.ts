// Loaded into every process the launcher starts (node --import). When the launcher dies without
// stopping its children (kill -9, a crashed terminal), the IPC channel to it closes: stop
// gracefully then, instead of living on as an orphan that holds its port.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
