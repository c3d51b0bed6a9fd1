# Sourced by the scripts that act beside a scenario's load run (profile-run.sh, bytes-run.sh): waits for the newest
# results directory of <scenario> made since the caller started, and for its run <name> to print the LoadGenerator's
# "Sending from <ms> ... <warm-up ms> ..." line, then lets the warm-up pass and 2 s more (the backlog the warm-up left),
# so that it returns inside the measured part. Sets out (the directory), from and warmup (the line's figures, ms).
#     await_measured_part <scenario> <name>
# Also stack_databases: the names of the stack's own databases in its PostgreSQL, one per line.
await_measured_part() {
  local scenario=$1 name=$2 started candidate
  started=$(date +%s)
  out=
  until [ -n "$out" ] && grep -q "^Sending from" "$out/$name.txt" 2>/dev/null; do
    sleep 0.5
    candidate=$(ls -dt benchmarks/target/results/"$scenario"-* 2>/dev/null | head -1 || true)
    if [ -n "$candidate" ] && [ "$(stat -c %Y "$candidate")" -ge $((started - 1)) ]; then out=$candidate; fi
  done
  read -r _ _ from _ _ _ warmup _ < <(grep "^Sending from" "$out/$name.txt")
  local wait_ms=$((from + warmup + 2000 - $(date +%s%3N)))
  if [ "$wait_ms" -gt 0 ]; then sleep "$(awk -v ms="$wait_ms" 'BEGIN {print ms / 1000}')"; fi
}

stack_databases() {
  psql -h localhost -U postgres -d postgres -Atc \
    "select datname from pg_database where not datistemplate and datname <> 'postgres'"
}
