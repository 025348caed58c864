def log = new File(basedir, 'build.log').text
assert log.contains('src/main/resources/db/pgautogen/broken.sql:4:3: syntax error at or near "RETRUN"')
assert log.contains('What to do: Fix the syntax of the statement.')
// Nothing is left running.
def shared = new GroovyShell(new Binding([log: log]))
shared.evaluate(new File(basedir, '../../../src/it/no-postgres-left.groovy'))
true
