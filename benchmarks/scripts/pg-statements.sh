# Sourced by the scripts that count PostgreSQL's statements (stack-scenario.sh and boto3-peer.sh with STATEMENTS=1,
# create-cluster-profile.sh). PostgreSQL loads pg_stat_statements only when it starts: load_pg_stat_statements sets
# it, runs the caller's restart of the stack on the same data (its arguments, a command), then creates the extension.
# The extension's own cost is in what runs after it: use it to count, not for pairs.
#     load_pg_stat_statements <restart command...>
load_pg_stat_statements() {
  psql -h localhost -U postgres -d postgres -qc "alter system set shared_preload_libraries = 'pg_stat_statements'"
  "$@"
  psql -h localhost -U postgres -d postgres -qc "create extension if not exists pg_stat_statements"
}
