package io.pgautogen.writer;

import java.nio.file.Path;
import java.util.List;

/**
 * What a writer did.
 *
 * @param outcome written, or why not
 * @param files the files written, in the order a reader should look at them; empty unless written
 * @param message a sentence for logs and responses
 */
public record WriteResult(Outcome outcome, List<Path> files, String message) {

	public WriteResult {
		files = List.copyOf(files);
	}

	/** Why a writer did or did not write. */
	public enum Outcome {
		/** The migration was written. */
		WRITTEN,
		/** The database matches the declarations: there is nothing to write. */
		IN_SYNC,
		/** A file in the directory already holds pending changes and has not been applied: nothing was written. */
		ALREADY_PENDING
	}

	/** The files written; the message names the migration scripts among them. */
	static WriteResult written(List<Path> files) {
		List<String> scripts = files.stream()
			.filter(file -> file.toString().endsWith(".sql"))
			.map(file -> file.isAbsolute() ? file.toString() : file + " (" + file.toAbsolutePath() + ")")
			.toList();
		return new WriteResult(Outcome.WRITTEN, files, "Wrote " + String.join(" and ", scripts) + ".");
	}

	static WriteResult inSync() {
		return new WriteResult(Outcome.IN_SYNC, List.of(), "The database matches the declarations; nothing to write.");
	}
}
