def log = new File(basedir, 'build.log').text
def v2 = new File(basedir, 'src/main/resources/db/migration/V2__orders_touch.sql')
assert log.contains('Run ./mvnw pgautogen:generate') : 'check must say what to run'
assert log.contains('create trigger public.orders.orders_touch')
assert log.contains('Shadow database: embedded PostgreSQL')
assert v2.isFile() : 'generate must write V2__orders_touch.sql'
assert v2.text.contains('CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders')
assert log.contains('the migrations and the declarations agree')
// Nothing is left running.
def shared = new GroovyShell(new Binding([log: log]))
shared.evaluate(new File(basedir, '../../../src/it/no-postgres-left.groovy'))
true
