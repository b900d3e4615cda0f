package dev.tickbars.pipeline.output;

import dev.tickbars.pipeline.common.UsageException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;

/**
 * One writer per output (SPEC 2): an OS lock on {@code OUT/.lock}, held from before a run looks at
 * the output until it has published or given up, with the run's id, pid, host and start in the
 * file for whoever finds it held. The OS lets go of it when the holder's process ends, however it
 * ends, so a killed run leaves nothing that blocks the next one. The file itself stays: removing it
 * would let two runs lock two files of one name. Readers ({@code inspect}, {@code chart}) never
 * take it.
 */
public final class OutputLock implements AutoCloseable {
  static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of the output in {@code root}, or fails at once with a usage error naming its holder. */
  public static OutputLock take(Path root) {
    Path file = root.resolve(FILE);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another run in this JVM
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new UsageException(
            root + " is being written by another tickbars run (" + (holder.isEmpty() ? "starting" : holder)
                + "); wait for it to end, or give another --output");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new OutputLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UsageException("cannot lock output " + root + ": " + e.getMessage(), e);
    }
  }

  /** Who holds the lock: a run id, the process and host, since when. */
  static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return "run " + UUID.randomUUID() + ", pid " + ProcessHandle.current().pid() + " on " + host
        + ", since " + Instant.now();
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // the lock goes with the channel
    }
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    }
  }
}
