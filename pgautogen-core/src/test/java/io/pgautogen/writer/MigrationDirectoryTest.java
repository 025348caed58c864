package io.pgautogen.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationDirectoryTest {

	@TempDir
	Path directory;

	@Test
	void writesEveryFileAndLeavesNoTemporaryFiles() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("a.sql.conf", "placeholderReplacement=false\n");
		files.put("a.sql", "SELECT 1;\n");

		new MigrationDirectory(this.directory.resolve("nested")).writeAll(files);

		assertThat(Files.list(this.directory.resolve("nested")).map(p -> p.getFileName().toString()))
			.containsExactlyInAnyOrder("a.sql", "a.sql.conf");
		assertThat(this.directory.resolve("nested/a.sql")).hasContent("SELECT 1;");
	}

	@Test
	void neverOverwritesAndWritesNothingWhenOneNameIsTaken() throws IOException {
		Files.writeString(this.directory.resolve("b.sql"), "mine\n");
		Map<String, String> files = new LinkedHashMap<>();
		files.put("a.sql", "new\n");
		files.put("b.sql", "new\n");

		assertThatThrownBy(() -> new MigrationDirectory(this.directory).writeAll(files))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("b.sql")
			.hasMessageContaining("Nothing was written");
		assertThat(this.directory.resolve("b.sql")).hasContent("mine");
		assertThat(Files.list(this.directory).map(p -> p.getFileName().toString())).containsExactly("b.sql");
	}
}
