package io.pgautogen.samples.flyway;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Orders, whose totals and audit trail the database keeps. */
@RestController
class OrdersController {

	private final JdbcClient jdbc;

	OrdersController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@PostMapping("/orders")
	@Transactional
	Map<String, Object> create(@RequestBody NewOrder order) {
		this.jdbc.sql("INSERT INTO orders (id, customer) VALUES (?, ?)").params(order.id(), order.customer()).update();
		for (Line line : order.lines()) {
			this.jdbc.sql("INSERT INTO order_lines (order_id, product, amount) VALUES (?, ?, ?)")
				.params(order.id(), line.product(), line.amount())
				.update();
		}
		return get(order.id());
	}

	@GetMapping("/orders/{id}")
	Map<String, Object> get(@PathVariable long id) {
		return this.jdbc.sql("SELECT id, customer, status, total, updated_at,"
				+ " (SELECT count(*) FROM audit_log WHERE row_data ->> 'id' = o.id::text OR row_data ->> 'order_id' = o.id::text)"
				+ " AS audit_entries FROM orders o WHERE id = ?")
			.param(id)
			.query()
			.singleRow();
	}

	record NewOrder(long id, String customer, List<Line> lines) {
	}

	record Line(String product, BigDecimal amount) {
	}
}
