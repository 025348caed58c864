package io.pgautogen.spring.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.pgautogen.declaration.PgFunction;

/** An application with Flyway-managed tables, one declared function bean and the declarations of db/pgautogen. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

	@Bean
	PgFunction orderTotal() {
		return PgFunction.of("""
				CREATE FUNCTION order_total(o bigint) RETURNS numeric LANGUAGE sql STABLE AS $$
				  SELECT coalesce(sum(amount), 0) FROM public.order_lines WHERE order_id = o
				$$""");
	}
}
