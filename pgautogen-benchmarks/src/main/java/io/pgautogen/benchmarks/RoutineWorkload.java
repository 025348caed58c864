package io.pgautogen.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgTrigger;

/**
 * N trigger functions and N triggers on N/10 tables: 10 % of the bodies changed, 10 % of the pairs
 * dropped and as many new.
 */
final class RoutineWorkload implements Workload {

	private final int n;

	RoutineWorkload(int n) {
		this.n = n;
	}

	@Override
	public String label() {
		return "functions+triggers";
	}

	int tables() {
		return Math.max(1, this.n / 10);
	}

	@Override
	public String setup() {
		StringBuilder sql = new StringBuilder();
		for (int t = 0; t < tables(); t++) {
			sql.append("CREATE TABLE t_").append(t).append(" (id int PRIMARY KEY, v text, n int, updated_at timestamptz);\n");
		}
		for (int i = 0; i < this.n; i++) {
			sql.append(function(i, 0)).append(";\n").append(trigger(i)).append(";\n");
		}
		return sql.toString();
	}

	@Override
	public List<Declaration> declarations(Scenario scenario) {
		int tenth = Math.max(1, this.n / 10);
		List<Declaration> declarations = new ArrayList<>(2 * this.n);
		for (int i = 0; i < this.n; i++) {
			if (scenario == Scenario.DROPPED_AND_NEW && i < tenth) {
				continue;
			}
			int variant = (scenario == Scenario.BODIES_CHANGED && i % 10 == 0) ? 1 : 0;
			declarations.add(new PgFunction(function(i, variant), DeclarationSource.file("fn_" + i + ".sql", 1)));
			declarations.add(new PgTrigger(trigger(i), DeclarationSource.file("trg_" + i + ".sql", 1)));
		}
		if (scenario == Scenario.DROPPED_AND_NEW) {
			for (int i = this.n; i < this.n + tenth; i++) {
				declarations.add(new PgFunction(function(i, 0), DeclarationSource.file("fn_" + i + ".sql", 1)));
				declarations.add(new PgTrigger(trigger(i), DeclarationSource.file("trg_" + i + ".sql", 1)));
			}
		}
		return declarations;
	}

	private static String function(int i, int variant) {
		return "CREATE FUNCTION fn_" + i + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
				+ "BEGIN\n"
				+ "  NEW.v := 'fn_" + i + "/" + variant + "';\n"
				+ "  NEW.n := coalesce(NEW.n, 0) + " + (i % 7) + ";\n"
				+ "  NEW.updated_at := now();\n"
				+ "  RETURN NEW;\n"
				+ "END\n"
				+ "$$";
	}

	private String trigger(int i) {
		return "CREATE TRIGGER trg_" + i + " BEFORE INSERT OR UPDATE ON t_" + (i % tables())
				+ " FOR EACH ROW EXECUTE FUNCTION fn_" + i + "()";
	}
}
