package io.pgautogen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MigrationSequencerTest {

	@Test
	void ordersPrerequisitesFirstAndBreaksTiesByIdentity() {
		Map<String, Set<String>> uses = Map.of("a", Set.of("c"), "b", Set.of("c", "a"), "d", Set.of());
		assertThat(MigrationSequencer.topological(List.of("d", "b", "a", "c"), id -> uses.getOrDefault(id, Set.of()), java.util.Comparator.naturalOrder()))
			.containsExactly("c", "a", "b", "d");
	}

	@Test
	void survivesCyclesWithEveryElementOnceInAStableOrder() {
		Map<String, Set<String>> uses = Map.of("x", Set.of("y"), "y", Set.of("x"), "w", Set.of("x"));
		List<String> first = MigrationSequencer.topological(List.of("y", "x", "w"), uses::get, java.util.Comparator.naturalOrder());
		assertThat(first).containsExactlyInAnyOrder("w", "x", "y");
		assertThat(MigrationSequencer.topological(List.of("w", "x", "y"), uses::get, java.util.Comparator.naturalOrder())).isEqualTo(first);
	}

	@Test
	void ignoresPrerequisitesOutsideTheSet() {
		assertThat(MigrationSequencer.topological(List.of("b", "a"), id -> Set.of("elsewhere"), java.util.Comparator.naturalOrder()))
			.containsExactly("a", "b");
	}
}
