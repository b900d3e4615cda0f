package dev.tickbars.pipeline.report;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap in use in this JVM, now and at its largest. The heap is largest just before a garbage
 * collection, which the collectors' notifications report; a sum of the heap pools' own peaks would
 * overstate it (they peak at different times) and could exceed {@code -Xmx}.
 */
public final class HeapPeak {
  private static final AtomicLong PEAK = new AtomicLong();
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private HeapPeak() {}

  /** Starts noting the heap before each collection (once per JVM). */
  public static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName)
        .collect(Collectors.toSet());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (notification, handback) -> {
              if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                long before = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
                    .filter(e -> heapPools.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed())
                    .sum();
                PEAK.accumulateAndGet(before, Math::max);
              }
            },
            null,
            null);
      }
    }
  }

  /** The heap in use now, in bytes. */
  static long used() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  /** The largest heap in use since {@link #start}, or now, in bytes. */
  static long peak() {
    return PEAK.accumulateAndGet(used(), Math::max);
  }
}
