package io.pgautogen.catalog;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.pgautogen.PgAutogenException;

/**
 * Functions the plan would have to drop (removed, or changed in a way {@code CREATE OR REPLACE}
 * cannot do) are used by objects pgautogen cannot drop and recreate. Failing here is better than a
 * migration that fails, or silently drops those objects, later.
 */
public class UnmanagedDependentsException extends PgAutogenException {

	private final Map<String, List<String>> dependentsByFunction;

	/**
	 * @param dependentsByFunction function identity to the descriptions of what uses it
	 */
	public UnmanagedDependentsException(Map<String, List<String>> dependentsByFunction) {
		super(message(dependentsByFunction));
		this.dependentsByFunction = Map.copyOf(dependentsByFunction);
	}

	/** Function identity to the descriptions of the objects that use it. */
	public Map<String, List<String>> dependentsByFunction() {
		return this.dependentsByFunction;
	}

	private static String message(Map<String, List<String>> dependentsByFunction) {
		String list = dependentsByFunction.entrySet()
			.stream()
			.map(entry -> "  " + entry.getKey() + " is used by:\n" + entry.getValue()
				.stream()
				.map(dependent -> "    - " + dependent)
				.collect(Collectors.joining("\n")))
			.collect(Collectors.joining("\n"));
		return "The migration would have to drop functions that other objects depend on, and pgautogen cannot"
				+ " recreate those objects:\n" + list + "\nWhat to do: keep each function compatible so that"
				+ " CREATE OR REPLACE can change it in place (same argument types, result type, parameter names and"
				+ " defaults; function stays a function), or first change those objects in a migration of your own."
				+ " Nothing was changed.";
	}
}
