def log = new File(basedir, 'build.log').text
def v2 = new File(basedir, 'src/main/resources/db/migration/V2__orders_touch.sql')
assert log.contains('Run ./mvnw pgautogen:generate') : 'check must say what to run'
assert log.contains('create trigger public.orders.orders_touch')
assert log.contains('Shadow database: embedded PostgreSQL')
assert v2.isFile() : 'generate must write V2__orders_touch.sql'
assert v2.text.contains('CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders')
assert log.contains('the migrations and the declarations agree')
// Nothing is left running: no postgres process on any data directory the goals started.
def dataDirectories = (log =~ /data in (\S+)\)/).collect { it[1] }
def running = ['ps', '-eo', 'args'].execute().text.readLines()
dataDirectories.each { dir -> assert running.every { !it.contains(dir) } : "postgres still runs on ${dir}" }
