def log = new File(basedir, 'build.log').text
def v2 = new File(basedir, 'src/main/resources/db/migration/V2__orders_touch.sql')
assert log.contains('Run ./mvnw pgautogen:generate') : 'check must say what to run'
assert log.contains('create trigger public.orders.orders_touch')
assert log.contains('Shadow database: embedded PostgreSQL')
assert v2.isFile() : 'generate must write V2__orders_touch.sql'
assert v2.text.contains('CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders')
assert log.contains('the migrations and the declarations agree')
// Nothing is left running: no postgres process on any data directory the goals started
// (a server that has just stopped may take a moment to leave the process table).
def started = (log =~ /data in (\S+)\)/).collect { it[1] }
assert !started.isEmpty()
def stillRunning = started
for (int attempt = 0; attempt < 20 && !stillRunning.isEmpty(); attempt++) {
    def processes = ['ps', '-eo', 'stat=,args='].execute().text.readLines().findAll { !it.startsWith('Z') }
    stillRunning = started.findAll { directory -> processes.any { it.contains(directory) } }
    if (!stillRunning.isEmpty()) {
        Thread.sleep(250)
    }
}
assert stillRunning.isEmpty() : "postgres still runs on ${stillRunning}"
true
