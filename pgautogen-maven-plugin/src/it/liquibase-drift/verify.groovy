def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'src/main/resources/db/changelog/pgautogen')
def written = dir.listFiles().findAll { it.name.endsWith('_orders_touch.sql') }
assert log.contains('Run ./mvnw pgautogen:generate') : 'check must say what to run'
assert log.contains('Applied the Liquibase changelog')
assert written.size() == 1 : 'generate must write one changelog'
assert written[0].text.startsWith('--liquibase formatted sql')
assert log.contains('the migrations and the declarations agree')
// Nothing is left running.
def shared = new GroovyShell(new Binding([log: log]))
shared.evaluate(new File(basedir, '../../../src/it/no-postgres-left.groovy'))
true
