package io.pgautogen.writer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes writers of one migration directory: threads of this JVM through a lock per directory,
 * processes through an exclusive lock on the empty file {@value #NAME} in the directory, which the
 * operating system releases when the process ends, also when it crashes or is killed.
 */
final class DirectoryLock {

	/** The lock file's name; it stays in the directory, empty. */
	static final String NAME = ".pgautogen.lock";

	private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

	private static final Duration WAIT = Duration.ofSeconds(60);

	private DirectoryLock() {
	}

	/**
	 * Runs {@code action} while holding the directory's lock, creating the directory if needed.
	 * @throws IllegalStateException when another process holds the lock longer than a minute
	 */
	static <T> T holding(Path directory, Supplier<T> action) {
		Path key = directory.toAbsolutePath().normalize();
		ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
		try {
			if (!local.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw busy(key);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationWriteException("Interrupted while waiting to write into " + key + ". Nothing was written.", ex);
		}
		try {
			Files.createDirectories(key);
			try (FileChannel channel = FileChannel.open(key.resolve(NAME), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = acquire(channel, key)) {
				return action.get();
			}
		}
		catch (IOException ex) {
			throw new MigrationWriteException("Could not lock " + key.resolve(NAME) + " to write a migration: "
					+ ex.getMessage() + ". Nothing was written.", ex);
		}
		finally {
			local.unlock();
		}
	}

	private static FileLock acquire(FileChannel channel, Path directory) throws IOException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return lock;
			}
			if (System.nanoTime() > deadline) {
				throw busy(directory);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new MigrationWriteException("Interrupted while waiting to write into " + directory
						+ ". Nothing was written.", ex);
			}
		}
	}

	private static MigrationWriteException busy(Path directory) {
		return new MigrationWriteException("Another pgautogen process has been writing into " + directory + " for over "
				+ WAIT.toSeconds() + " s (it holds " + NAME + "). Try again once it has finished. Nothing was written.", null);
	}
}
