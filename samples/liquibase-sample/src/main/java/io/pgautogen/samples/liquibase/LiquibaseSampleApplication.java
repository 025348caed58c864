package io.pgautogen.samples.liquibase;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.pgautogen.declaration.PgFunction;

/**
 * Products with a price history. Liquibase owns the tables ({@code db/changelog}); pgautogen owns the
 * functions and triggers and writes its changelogs to {@code db/changelog/pgautogen}, which the
 * master changelog includes.
 */
@SpringBootApplication
public class LiquibaseSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(LiquibaseSampleApplication.class, args);
	}

	@Bean
	PgFunction priceWithTax() {
		return PgFunction.of("""
				CREATE FUNCTION price_with_tax(price numeric, rate numeric DEFAULT 0.2) RETURNS numeric
				LANGUAGE sql IMMUTABLE AS $$ SELECT round(price * (1 + rate), 2) $$""");
	}
}
