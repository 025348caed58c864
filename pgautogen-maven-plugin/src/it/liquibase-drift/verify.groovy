def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'src/main/resources/db/changelog/pgautogen')
def written = dir.listFiles().findAll { it.name.endsWith('_orders_touch.sql') }
assert log.contains('Run ./mvnw pgautogen:generate') : 'check must say what to run'
assert log.contains('Applied the Liquibase changelog')
assert written.size() == 1 : 'generate must write one changelog'
assert written[0].text.startsWith('--liquibase formatted sql')
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
