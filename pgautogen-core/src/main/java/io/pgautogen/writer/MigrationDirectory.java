package io.pgautogen.writer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.pgautogen.diff.Change;
import io.pgautogen.plan.MigrationPlan;

/**
 * The directory migrations are written to. Writers of one directory are serialized, in this JVM
 * and between processes ({@link DirectoryLock}), from the check for pending files to the last file
 * written, so that two writers can never write one version twice or the same changes twice.
 * <p>
 * Writes never overwrite and a migration's files appear together or not at all: each file is
 * written to a temporary file in the same directory, a journal names them, then each is hard-linked
 * to its name, which fails if the name exists (a file system without hard links gets a move
 * instead). A writer killed half-way leaves the journal behind; the next writer removes what it had
 * published and its temporary files before it looks at the directory.
 */
final class MigrationDirectory {

	private static final String JOURNAL = ".pgautogen-publishing";

	private static final String TEMPORARY_PREFIX = ".pgautogen-";

	private static final String TEMPORARY_SUFFIX = ".tmp";

	private final Path directory;

	private final Predicate<Path> applied;

	MigrationDirectory(Path directory) {
		this(directory, file -> false);
	}

	private MigrationDirectory(Path directory, Predicate<Path> applied) {
		this.directory = directory;
		this.applied = applied;
	}

	/**
	 * This directory, knowing which of its files the migration tool has applied: those never block a
	 * write, even when they hold changes that are pending again (an object created by an applied
	 * migration, dropped by a later one, and declared once more).
	 */
	MigrationDirectory withApplied(Predicate<Path> appliedFiles) {
		return new MigrationDirectory(this.directory, appliedFiles);
	}

	Path path() {
		return this.directory;
	}

	/** The first capture group of {@code pattern} over the names of the files in the directory. */
	List<String> captured(Pattern pattern) {
		List<String> values = new ArrayList<>();
		for (Path file : files()) {
			Matcher matcher = pattern.matcher(file.getFileName().toString());
			if (matcher.matches()) {
				values.add(matcher.group(1));
			}
		}
		return values;
	}

	/**
	 * Writes the files {@code migration} names for {@code plan} (file name to content), holding the
	 * directory's lock; refuses when there is nothing to write, or when generated files in the
	 * directory already hold pending changes.
	 */
	WriteResult write(MigrationPlan plan, Supplier<Map<String, String>> migration) {
		if (plan.inSync()) {
			return WriteResult.inSync();
		}
		return DirectoryLock.holding(this.directory, () -> {
			recoverInterruptedWrite();
			WriteResult refusal = refusal(plan);
			return (refusal != null) ? refusal : WriteResult.written(writeAll(migration.get()));
		});
	}

	/** Writes {@code contents} (file name to content) holding the directory's lock. */
	List<Path> write(Map<String, String> contents) {
		return DirectoryLock.holding(this.directory, () -> {
			recoverInterruptedWrite();
			return writeAll(contents);
		});
	}

	/**
	 * Refuses to write when generated files in the directory already hold pending changes: those
	 * files have not been applied yet, or the changes would not be pending.
	 * @return the refusal, or {@code null} when the plan may be written
	 */
	private WriteResult refusal(MigrationPlan plan) {
		Map<String, Change> pending = new LinkedHashMap<>();
		plan.changes().forEach(change -> pending.put(MigrationHeader.fingerprint(change), change));
		Map<Path, List<Change>> held = new TreeMap<>();
		for (Path file : files()) {
			if (this.applied.test(file)) {
				continue;
			}
			for (String fingerprint : fingerprintsIn(file)) {
				if (pending.containsKey(fingerprint)) {
					held.computeIfAbsent(file, f -> new ArrayList<>()).add(pending.get(fingerprint));
				}
			}
		}
		if (held.isEmpty()) {
			return null;
		}
		held.values().forEach(changes -> changes.sort(java.util.Comparator.comparing(Change::identity)));
		StringBuilder message = new StringBuilder();
		held.forEach((file, changes) -> message.append(file)
			.append(" already holds ")
			.append(changes.size())
			.append(" of the ")
			.append(pending.size())
			.append(" pending changes (")
			.append(String.join(", ", changes.stream().map(c -> c.action().label() + " " + c.kind().label() + " "
					+ c.identity()).toList()))
			.append(") and has not been applied yet. "));
		message.append("Apply it first (start the application so that the migration tool runs it), or delete it to"
				+ " generate one migration for everything. Nothing was written.");
		return new WriteResult(WriteResult.Outcome.ALREADY_PENDING, List.copyOf(held.keySet()), message.toString());
	}

	/**
	 * Writes the files so that they appear together or not at all; if any name exists already or a
	 * write fails, nothing is left behind.
	 */
	private List<Path> writeAll(Map<String, String> contents) {
		Map<Path, Path> temporaries = new LinkedHashMap<>();
		List<Path> written = new ArrayList<>();
		Path journal = this.directory.resolve(JOURNAL);
		try {
			for (String name : contents.keySet()) {
				if (Files.exists(this.directory.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
					throw new FileAlreadyExistsException(this.directory.resolve(name).toString(), null,
							"pgautogen never overwrites a migration");
				}
			}
			try {
				for (Map.Entry<String, String> entry : contents.entrySet()) {
					Path temporary = this.directory.resolve(TEMPORARY_PREFIX + UUID.randomUUID() + TEMPORARY_SUFFIX);
					temporaries.put(this.directory.resolve(entry.getKey()), temporary);
					writeDurably(temporary, entry.getValue());
				}
				StringBuilder entries = new StringBuilder();
				temporaries.forEach((target, temporary) -> entries.append(target.getFileName()).append('\t')
					.append(temporary.getFileName()).append('\n'));
				writeDurably(journal, entries.toString());
				for (Map.Entry<Path, Path> entry : temporaries.entrySet()) {
					publish(entry.getValue(), entry.getKey());
					written.add(entry.getKey());
				}
				Files.delete(journal);
				return written;
			}
			catch (IOException | RuntimeException ex) {
				for (Path file : written) {
					Files.deleteIfExists(file);
				}
				Files.deleteIfExists(journal);
				throw ex;
			}
			finally {
				for (Path temporary : temporaries.values()) {
					Files.deleteIfExists(temporary);
				}
			}
		}
		catch (IOException ex) {
			throw new MigrationWriteException("Could not write the migration to " + this.directory + ": "
					+ describe(ex) + ". Nothing was written. Check that the output directory is a writable directory"
					+ " with free space, and that no file, directory or link already has the migration's name.", ex);
		}
	}

	/**
	 * Removes what a writer killed half-way left: the files its journal names that it had published
	 * (each still the same file as its temporary, or carrying pgautogen's header where the temporary
	 * was moved), the journal, and every temporary file. Runs under the directory's lock, when no
	 * other writer can be at work.
	 */
	private void recoverInterruptedWrite() {
		try {
			Path journal = this.directory.resolve(JOURNAL);
			if (Files.exists(journal)) {
				for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
					String[] names = line.split("\t");
					if (names.length != 2) {
						continue;
					}
					Path target = this.directory.resolve(names[0]);
					Path temporary = this.directory.resolve(names[1]);
					boolean ours = Files.exists(temporary) ? Files.exists(target) && Files.isSameFile(target, temporary)
							: Files.isRegularFile(target) && isGenerated(target);
					if (ours) {
						Files.delete(target);
					}
				}
				Files.delete(journal);
			}
			try (Stream<Path> files = Files.list(this.directory)) {
				for (Path file : files.toList()) {
					String name = file.getFileName().toString();
					if (name.startsWith(TEMPORARY_PREFIX) && name.endsWith(TEMPORARY_SUFFIX)) {
						Files.deleteIfExists(file);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new MigrationWriteException("Could not clean up after an interrupted write in " + this.directory + ": "
					+ ex.getMessage() + ". Nothing was written.", ex);
		}
	}

	/** An I/O failure in words: Java's own messages are often just the path. */
	private static String describe(IOException ex) {
		String kind = ex.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
			.toLowerCase(java.util.Locale.ROOT);
		return kind + " (" + ex.getMessage() + ")";
	}

	private static boolean isGenerated(Path file) throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null && (line.isBlank() || line.startsWith("--") || line.startsWith("#"))) {
				if (line.contains("pgautogen")) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Written with the permissions the process's umask gives new files, as an editor would. */
	private static void writeDurably(Path file, String content) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			ByteBuffer bytes = StandardCharsets.UTF_8.encode(content);
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			channel.force(true);
		}
	}

	private static void publish(Path temporary, Path target) throws IOException {
		try {
			Files.createLink(target, temporary);
		}
		catch (FileAlreadyExistsException ex) {
			throw ex;
		}
		catch (UnsupportedOperationException | FileSystemException ex) {
			Files.move(temporary, target);
		}
	}

	private List<Path> files() {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter(Files::isRegularFile).sorted().toList();
		}
		catch (IOException ex) {
			throw new MigrationWriteException("Could not list " + this.directory + ": " + describe(ex)
					+ ". Nothing was written.", ex);
		}
	}

	/** The change fingerprints in a generated file's header; none for other files. */
	private static Set<String> fingerprintsIn(Path file) {
		if (!file.getFileName().toString().endsWith(".sql")) {
			return Set.of();
		}
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line;
			while ((line = reader.readLine()) != null && (line.isBlank() || line.startsWith("--"))) {
				if (line.startsWith(MigrationHeader.FINGERPRINT_PREFIX)) {
					return new HashSet<>(Arrays.asList(
							line.substring(MigrationHeader.FINGERPRINT_PREFIX.length()).trim().split("\\s+")));
				}
			}
			return Set.of();
		}
		catch (IOException ex) {
			return Set.of();
		}
	}
}
