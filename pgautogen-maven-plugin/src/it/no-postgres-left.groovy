// Shared by the post-build scripts: no postgres process is left on any data directory the goals
// started (a server that has just stopped may take a moment to leave the process table).
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
