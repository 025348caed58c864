package io.pgautogen.writer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.pgautogen.diff.Change;
import io.pgautogen.plan.MigrationPlan;

/**
 * The directory migrations are written to. Writes are atomic and never overwrite: each file is
 * written to a temporary file in the same directory, then hard-linked to its name, which fails if
 * the name exists; a file system without hard links gets a move instead.
 */
final class MigrationDirectory {

	private final Path directory;

	MigrationDirectory(Path directory) {
		this.directory = directory;
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
	 * Refuses to write when there is nothing to write, or when generated files in the directory
	 * already hold pending changes: those files have not been applied yet, or the changes would not
	 * be pending.
	 * @return the refusal, or {@code null} when the plan may be written
	 */
	WriteResult refusal(MigrationPlan plan) {
		if (plan.inSync()) {
			return WriteResult.inSync();
		}
		Map<String, Change> pending = new LinkedHashMap<>();
		plan.changes().forEach(change -> pending.put(MigrationHeader.fingerprint(change), change));
		Map<Path, List<Change>> held = new TreeMap<>();
		for (Path file : files()) {
			for (String fingerprint : fingerprintsIn(file)) {
				if (pending.containsKey(fingerprint)) {
					held.computeIfAbsent(file, f -> new ArrayList<>()).add(pending.get(fingerprint));
				}
			}
		}
		if (held.isEmpty()) {
			return null;
		}
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
	 * Writes each file atomically, in order; if any name exists already or a write fails, nothing is
	 * left behind.
	 */
	List<Path> writeAll(Map<String, String> contents) {
		try {
			Files.createDirectories(this.directory);
			for (String name : contents.keySet()) {
				if (Files.exists(this.directory.resolve(name))) {
					throw new FileAlreadyExistsException(this.directory.resolve(name).toString(), null,
							"pgautogen never overwrites a migration");
				}
			}
			Map<Path, Path> temporaries = new LinkedHashMap<>();
			List<Path> written = new ArrayList<>();
			try {
				for (Map.Entry<String, String> entry : contents.entrySet()) {
					Path temporary = Files.createTempFile(this.directory, ".pgautogen-", ".tmp");
					temporaries.put(this.directory.resolve(entry.getKey()), temporary);
					writeDurably(temporary, entry.getValue());
				}
				for (Map.Entry<Path, Path> entry : temporaries.entrySet()) {
					publish(entry.getValue(), entry.getKey());
					written.add(entry.getKey());
				}
				return written;
			}
			catch (IOException | RuntimeException ex) {
				for (Path file : written) {
					Files.deleteIfExists(file);
				}
				throw ex;
			}
			finally {
				for (Path temporary : temporaries.values()) {
					Files.deleteIfExists(temporary);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the migration to " + this.directory + ": " + ex.getMessage()
					+ ". Nothing was written.", ex);
		}
	}

	private static void writeDurably(Path file, String content) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
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
			throw new UncheckedIOException("Could not list " + this.directory + ": " + ex.getMessage(), ex);
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
