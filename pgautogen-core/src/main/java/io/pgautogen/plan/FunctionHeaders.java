package io.pgautogen.plan;

import io.pgautogen.catalog.CatalogObject;

/**
 * Whether two function definitions differ in their body only. {@code pg_get_functiondef} prints the
 * header (signature, result, attributes) on the first line and on lines that start with a space;
 * the body starts on the first line that does not. A body-only change can be replaced in both
 * directions.
 */
final class FunctionHeaders {

	private FunctionHeaders() {
	}

	static boolean same(CatalogObject current, CatalogObject desired) {
		return header(current.definition()).equals(header(desired.definition()));
	}

	private static String header(String definition) {
		int end = definition.indexOf('\n');
		while (end >= 0 && end + 1 < definition.length() && definition.charAt(end + 1) == ' ') {
			end = definition.indexOf('\n', end + 1);
		}
		return (end < 0) ? definition : definition.substring(0, end);
	}
}
