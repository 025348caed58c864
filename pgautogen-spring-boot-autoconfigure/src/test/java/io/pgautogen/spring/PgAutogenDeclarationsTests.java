package io.pgautogen.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgMaterializedView;
import io.pgautogen.declaration.PgTrigger;
import io.pgautogen.declaration.PgView;

class PgAutogenDeclarationsTests {

	@TempDir
	Path project;

	@Test
	void filesAreNamedRelativeToTheirProjectWhateverTheWorkingDirectory() throws Exception {
		Files.writeString(this.project.resolve("pom.xml"), "<project/>");
		Path declarations = Files.createDirectories(this.project.resolve("src/main/resources/db/pgautogen"));
		// CR line ends and a byte order mark, as some editors save files.
		Files.write(declarations.resolve("audit.sql"), ("\uFEFF-- audit\rCREATE FUNCTION a() RETURNS int LANGUAGE sql"
				+ " AS 'SELECT 1';\rCREATE FUNCTION b() RETURNS int LANGUAGE sql AS 'SELECT 2';\r").getBytes(StandardCharsets.UTF_8));

		List<Declaration> loaded = new PgAutogenDeclarations(new DefaultListableBeanFactory(),
				new PathMatchingResourcePatternResolver(), List.of("file:" + declarations + "/*.sql"))
			.load();

		assertThat(loaded).extracting(declaration -> declaration.source().toString())
			.containsExactly("src/main/resources/db/pgautogen/audit.sql:2", "src/main/resources/db/pgautogen/audit.sql:3");
	}

	@Test
	void beansOfEveryKindAreNamedAfterTheirBeans() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("total", PgFunction.of("CREATE FUNCTION total() RETURNS int LANGUAGE sql AS 'SELECT 1'"));
		beans.registerSingleton("report", PgView.of("CREATE VIEW report AS SELECT 1 AS one"));
		beans.registerSingleton("totals", PgMaterializedView.of("CREATE MATERIALIZED VIEW totals AS SELECT 1 AS one"));
		beans.registerSingleton("audit", PgTrigger.of("CREATE TRIGGER audit AFTER INSERT ON t EXECUTE FUNCTION f()"));

		List<Declaration> loaded = new PgAutogenDeclarations(beans, new PathMatchingResourcePatternResolver(), List.of())
			.load();

		assertThat(loaded).extracting(declaration -> declaration.kind().label() + " " + declaration.source())
			.containsExactly("trigger bean 'audit'", "view bean 'report'", "function bean 'total'",
					"materialized-view bean 'totals'");
	}
}
