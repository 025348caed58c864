def log = new File(basedir, 'build.log').text
assert log.contains('src/main/resources/db/pgautogen/broken.sql:4:3: syntax error at or near "RETRUN"')
assert log.contains('What to do: Fix the syntax of the statement.')
// Nothing is left running: no postgres process on any data directory the goals started.
def dataDirectories = (log =~ /data in (\S+)\)/).collect { it[1] }
def running = ['ps', '-eo', 'args'].execute().text.readLines()
dataDirectories.each { dir -> assert running.every { !it.contains(dir) } : "postgres still runs on ${dir}" }
