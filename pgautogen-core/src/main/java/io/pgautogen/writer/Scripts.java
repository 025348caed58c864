package io.pgautogen.writer;

import java.util.List;

/** Renders statements as a script. */
final class Scripts {

	private Scripts() {
	}

	/** The header lines, a blank line, then each statement terminated by a semicolon. */
	static String of(List<String> header, List<String> statements) {
		StringBuilder script = new StringBuilder();
		header.forEach(line -> script.append(line).append('\n'));
		script.append('\n');
		statements.forEach(statement -> script.append(statement).append(";\n\n"));
		return script.toString().stripTrailing() + "\n";
	}
}
