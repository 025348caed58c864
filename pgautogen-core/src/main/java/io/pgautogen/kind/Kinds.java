package io.pgautogen.kind;

import java.util.EnumMap;
import java.util.Map;

import io.pgautogen.catalog.ObjectKind;

/** The {@link KindSupport} of each {@link ObjectKind}. */
public final class Kinds {

	private static final Map<ObjectKind, KindSupport> SUPPORT = new EnumMap<>(ObjectKind.class);

	static {
		for (KindSupport support : new KindSupport[] { new FunctionKind(), new ViewKind(), new MaterializedViewKind(),
				new TriggerKind() }) {
			SUPPORT.put(support.kind(), support);
		}
	}

	private Kinds() {
	}

	/**
	 * A statement of a plan as its proof runs it: one that would run a materialized view's query
	 * creates the view {@code WITH NO DATA} instead.
	 */
	public static String withoutQueries(String statement) {
		return MaterializedViewKind.unpopulated(statement);
	}

	/** What pgautogen knows about {@code kind}. */
	public static KindSupport of(ObjectKind kind) {
		return SUPPORT.get(kind);
	}
}
