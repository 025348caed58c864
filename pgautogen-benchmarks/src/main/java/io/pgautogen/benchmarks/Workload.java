package io.pgautogen.benchmarks;

import java.util.List;

import io.pgautogen.declaration.Declaration;

/** A database of N objects to plan against, and the declarations of three scenarios. */
interface Workload {

	/** In sync, 10 % of the objects changed, 10 % dropped and 10 % new. */
	enum Scenario {

		IN_SYNC("in sync"), BODIES_CHANGED("10% bodies changed"), DROPPED_AND_NEW("10% dropped + 10% new");

		final String label;

		Scenario(String label) {
			this.label = label;
		}
	}

	/** What the objects are, as the results name them. */
	String label();

	/** The script that builds the starting database. */
	String setup();

	/** What is declared in {@code scenario}. */
	List<Declaration> declarations(Scenario scenario);
}
