package io.pgautogen.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random but valid planning cases: a starting set of functions, triggers and a chain of views, and a
 * declared set derived from it by random edits (bodies, result types, parameter names, defaults,
 * kinds, argument types, trigger events and functions, view queries and columns, views turned
 * materialized, drops and additions), written in random spellings and order.
 * Functions that others call keep their signature, so every declared set can exist.
 */
public final class GeneratedScenarios {

	private static final String[] TYPES = { "integer", "text", "numeric" };

	private GeneratedScenarios() {
	}

	/** {@code count} cases from {@code seed}; cases that need PostgreSQL 14 use SQL-standard bodies. */
	public static List<Scenario> generate(long seed, int count) {
		List<Scenario> scenarios = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			scenarios.add(generate(new Random(seed * 1_000_003L + i), "generated #" + i + " (seed " + seed + ")", i % 3 == 2));
		}
		return scenarios;
	}

	private static Scenario generate(Random random, String name, boolean sqlStandardBodies) {
		List<String> setup = new ArrayList<>(List.of("CREATE TABLE items (id int PRIMARY KEY, label text, qty int)"));
		List<String> declared = new ArrayList<>();
		int bases = 1 + random.nextInt(2);
		for (int b = 0; b < bases; b++) {
			String base = "CREATE FUNCTION base_" + b + "(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x + " + b + " $$";
			setup.add(base);
			String wanted = (random.nextInt(3) == 0) ? base.replace("(x integer)", "(y integer)").replace("x +", "y +") : base;
			declared.add(random.nextBoolean() ? wanted : wanted.replace("CREATE FUNCTION", "create or replace function")
				.replace("integer", "int"));
		}
		int functions = 2 + random.nextInt(5);
		for (int f = 0; f < functions; f++) {
			Routine current = Routine.random(random, "fn_" + f, bases, sqlStandardBodies);
			boolean exists = random.nextInt(4) > 0;
			if (exists) {
				setup.add(current.render(false));
			}
			Routine wanted = exists ? current.mutate(random, bases, sqlStandardBodies) : current;
			if (wanted != null) {
				declared.add(wanted.render(random.nextBoolean()));
			}
		}
		int triggerFunctions = 1 + random.nextInt(2);
		List<Integer> declaredTriggerFunctions = new ArrayList<>();
		for (int t = 0; t < triggerFunctions; t++) {
			String body = "CREATE FUNCTION trg_fn_" + t + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$";
			setup.add(body);
			if (random.nextInt(4) > 0 || t == 0) {
				declaredTriggerFunctions.add(t);
				declared.add(random.nextBoolean() ? body : body.replace("RETURN NEW;", "RETURN NEW; /* v2 */"));
			}
		}
		int triggers = random.nextInt(4);
		for (int t = 0; t < triggers; t++) {
			Trigger current = Trigger.random(random, "trg_" + t, triggerFunctions, bases);
			setup.add(current.render());
			// Keep one trigger declared, so that triggers are managed and those using dropped functions go too.
			if (t > 0 && random.nextInt(5) == 0) {
				continue;
			}
			Trigger wanted = (random.nextBoolean() ? Trigger.random(random, current.name, triggerFunctions, bases) : current)
				.usingOneOf(declaredTriggerFunctions, random);
			declared.add(wanted.render());
		}
		addViews(random, bases, setup, declared);
		Collections.shuffle(declared, random);
		return Scenario.named(name).since(sqlStandardBodies ? 14 : 13)
			.given(setup.toArray(String[]::new))
			.declare(declared.toArray(String[]::new))
			.expectAnyChanges();
	}

	/**
	 * A chain of views over {@code items}, each over the one before it or over the table, some using
	 * a base function; declared changed (query, columns added, dropped or renamed, turned
	 * materialized), new, or, for the last one, not declared at all.
	 */
	private static void addViews(Random random, int bases, List<String> setup, List<String> declared) {
		int views = random.nextInt(5);
		boolean previousExists = false;
		for (int v = 0; v < views; v++) {
			String source = (v == 0 || random.nextInt(3) == 0) ? "items" : "view_" + (v - 1);
			View current = new View("view_" + v, source, random.nextBoolean() ? random.nextInt(bases) : -1, "extra",
					random.nextInt(3), false);
			boolean exists = (source.equals("items") || previousExists) && random.nextInt(4) > 0;
			previousExists = exists;
			if (exists) {
				setup.add(current.render());
			}
			if (v == views - 1 && v > 0 && random.nextInt(4) == 0) {
				continue;
			}
			View wanted = switch (random.nextInt(6)) {
				case 0 -> current.withFilter(random.nextInt(3));
				case 1 -> current.withBase((current.base < 0) ? random.nextInt(bases) : -1);
				case 2 -> current.withExtra("renamed");
				// Only when views stay managed: an unmanaged view is never turned into anything.
				case 3 -> (v == views - 1 && v > 0) ? current.asMaterialized() : current;
				default -> current;
			};
			String sql = wanted.render();
			declared.add(random.nextBoolean() ? sql : sql.toLowerCase(java.util.Locale.ROOT));
			if (wanted.materialized) {
				declared.add("CREATE UNIQUE INDEX " + wanted.name + "_id ON " + wanted.name + " (id)");
			}
		}
	}

	/** A view selecting the columns of {@code items} from its source, with perhaps one computed column. */
	private record View(String name, String source, int base, String extra, int filter, boolean materialized) {

		View withFilter(int newFilter) {
			return new View(this.name, this.source, this.base, this.extra, newFilter, this.materialized);
		}

		View withBase(int newBase) {
			return new View(this.name, this.source, newBase, this.extra, this.filter, this.materialized);
		}

		View withExtra(String newExtra) {
			return new View(this.name, this.source, this.base, newExtra, this.filter, this.materialized);
		}

		View asMaterialized() {
			return new View(this.name, this.source, this.base, this.extra, this.filter, true);
		}

		String render() {
			String computed = (this.base >= 0) ? ", base_" + this.base + "(qty) AS " + this.extra : "";
			return "CREATE " + (this.materialized ? "MATERIALIZED " : "") + "VIEW " + this.name + " AS SELECT id, label, qty"
					+ computed + " FROM " + this.source + " WHERE qty > " + this.filter;
		}
	}

	/** A function or procedure, simple enough to mutate validly. */
	private record Routine(String name, List<String> argTypes, List<String> argNames, int defaults, String returns,
			boolean procedure, boolean plpgsql, int variant, int callsBase, boolean sqlStandardBody) {

		static Routine random(Random random, String name, int bases, boolean sqlStandardBodies) {
			int arity = random.nextInt(3);
			List<String> types = new ArrayList<>();
			List<String> names = new ArrayList<>();
			for (int a = 0; a < arity; a++) {
				types.add(TYPES[random.nextInt(TYPES.length)]);
				names.add("p" + a);
			}
			boolean plpgsql = random.nextBoolean();
			boolean standard = sqlStandardBodies && !plpgsql && random.nextBoolean();
			return new Routine(name, types, names, (arity > 0) ? random.nextInt(arity + 1) : 0,
					random.nextBoolean() ? "integer" : "bigint", false, plpgsql, 0,
					random.nextBoolean() ? random.nextInt(bases) : -1, standard);
		}

		/** A random edit that PostgreSQL can express, or {@code null} for "drop it". */
		Routine mutate(Random random, int bases, boolean sqlStandardBodies) {
			return switch (random.nextInt(9)) {
				case 0 -> null;
				case 1 -> withVariant(this.variant + 1);
				case 2 -> new Routine(this.name, this.argTypes, this.argNames, this.defaults,
						this.returns.equals("integer") ? "bigint" : "integer", this.procedure, this.plpgsql, this.variant,
						this.callsBase, this.sqlStandardBody);
				case 3 -> this.argNames.isEmpty() ? withVariant(this.variant + 2)
						: new Routine(this.name, this.argTypes, renamed(this.argNames), this.defaults, this.returns,
								this.procedure, this.plpgsql, this.variant, this.callsBase, this.sqlStandardBody);
				case 4 -> new Routine(this.name, this.argTypes, this.argNames,
						(this.defaults > 0) ? this.defaults - 1 : Math.min(this.argTypes.size(), 1), this.returns,
						this.procedure, this.plpgsql, this.variant, this.callsBase, this.sqlStandardBody);
				case 5 -> new Routine(this.name, this.argTypes, this.argNames, this.defaults, this.returns, !this.procedure,
						this.plpgsql, this.variant, this.callsBase, this.sqlStandardBody);
				case 6 -> this.argTypes.isEmpty() ? withVariant(this.variant + 3)
						: new Routine(this.name, retyped(this.argTypes), this.argNames, this.defaults, this.returns,
								this.procedure, this.plpgsql, this.variant, this.callsBase, this.sqlStandardBody);
				case 7 -> new Routine(this.name, this.argTypes, this.argNames, this.defaults, this.returns, this.procedure,
						this.plpgsql, this.variant, random.nextInt(bases), this.sqlStandardBody && sqlStandardBodies);
				default -> this;
			};
		}

		private Routine withVariant(int newVariant) {
			return new Routine(this.name, this.argTypes, this.argNames, this.defaults, this.returns, this.procedure,
					this.plpgsql, newVariant, this.callsBase, this.sqlStandardBody);
		}

		private static List<String> renamed(List<String> names) {
			List<String> renamed = new ArrayList<>(names);
			renamed.set(0, names.get(0) + "_renamed");
			return renamed;
		}

		private static List<String> retyped(List<String> types) {
			List<String> retyped = new ArrayList<>(types);
			retyped.set(0, types.get(0).equals("text") ? "integer" : "text");
			return retyped;
		}

		String render(boolean alternativeSpelling) {
			StringBuilder args = new StringBuilder();
			for (int a = 0; a < this.argTypes.size(); a++) {
				if (a > 0) {
					args.append(", ");
				}
				String type = this.argTypes.get(a);
				args.append(this.argNames.get(a)).append(' ')
					.append(alternativeSpelling && type.equals("integer") ? "int" : type);
				if (a >= this.argTypes.size() - this.defaults) {
					args.append(" DEFAULT ").append(type.equals("text") ? "'d'" : "7");
				}
			}
			String value = "(" + this.variant + (this.callsBase >= 0 ? " + base_" + this.callsBase + "(" + this.variant + ")" : "")
					+ ")";
			String head = (alternativeSpelling ? "create " : "CREATE ") + (this.procedure ? "PROCEDURE " : "FUNCTION ")
					+ this.name + "(" + args + ")";
			if (this.procedure) {
				return head + (this.plpgsql ? " LANGUAGE plpgsql AS $$ BEGIN PERFORM " + value + "; END $$"
						: this.sqlStandardBody ? " LANGUAGE sql BEGIN ATOMIC SELECT " + value + "; END"
								: " LANGUAGE sql AS $$ SELECT " + value + " $$");
			}
			String returns = " RETURNS " + this.returns;
			if (this.plpgsql) {
				String tag = alternativeSpelling ? "$fn$" : "$$";
				return head + returns + " LANGUAGE plpgsql AS " + tag + "\nBEGIN\n  RETURN " + value + ";\nEND\n" + tag;
			}
			if (this.sqlStandardBody) {
				return head + returns + " LANGUAGE sql BEGIN ATOMIC SELECT (" + value + ")::" + this.returns + "; END";
			}
			return head + returns + " LANGUAGE sql AS $$ SELECT (" + value + ")::" + this.returns + " $$";
		}
	}

	/** A trigger on {@code items}. */
	private record Trigger(String name, String timing, List<String> events, boolean row, boolean constraint,
			boolean when, int whenBase, int function) {

		static Trigger random(Random random, String name, int functions, int bases) {
			List<String> events = new ArrayList<>();
			for (String event : new String[] { "INSERT", "UPDATE", "DELETE" }) {
				if (random.nextBoolean()) {
					events.add(event);
				}
			}
			if (events.isEmpty()) {
				events.add("UPDATE");
			}
			boolean row = random.nextInt(3) > 0;
			boolean after = random.nextBoolean();
			boolean constraint = row && after && random.nextInt(4) == 0;
			boolean when = row && !constraint && events.equals(List.of("UPDATE")) && random.nextBoolean();
			int whenBase = (row && !when && random.nextBoolean()) ? random.nextInt(bases) : -1;
			return new Trigger(name, after ? "AFTER" : "BEFORE", events, row, constraint, when, whenBase,
					random.nextInt(functions));
		}

		Trigger usingOneOf(List<Integer> functions, Random random) {
			int chosen = functions.contains(this.function) ? this.function : functions.get(random.nextInt(functions.size()));
			return new Trigger(this.name, this.timing, this.events, this.row, this.constraint, this.when, this.whenBase,
					chosen);
		}

		String render() {
			return "CREATE " + (this.constraint ? "CONSTRAINT " : "") + "TRIGGER " + this.name + " " + this.timing + " "
					+ String.join(" OR ", this.events) + " ON items"
					+ (this.constraint ? " DEFERRABLE INITIALLY DEFERRED" : "")
					+ (this.row ? " FOR EACH ROW" : " FOR EACH STATEMENT")
					+ (this.when ? " WHEN (OLD.qty IS DISTINCT FROM NEW.qty)" : "")
					+ ((this.whenBase >= 0) ? " WHEN (base_" + this.whenBase + "(1) > 0)" : "")
					+ " EXECUTE FUNCTION trg_fn_" + this.function + "()";
		}
	}
}
