#!/usr/bin/env bash
# The pgbench decomposition of one booking's row: what each schema item costs per booking.
#
# Per variant, a fresh database decomp_<variant>: the app's Flyway migrations (V1 onwards, plain SQL, in version order),
# then the variant's ALTERs (<variant>.sql in this folder), then doctors and patients registered as
# bench/.../PgBench.java registers them, then pgbench on the booking as the app issues it
# (pgbench/booking-transaction.sql, its {{...}} filled as PgBench.java fills them; a variant's <variant>.sed, when
# there is one, edits that filled script: measurement-only variants). The floor (pgbench/floor-schema.sql +
# floor.sql) runs in the same rounds. Every run starts from an empty appointments table.
#
# The variants alternate round by round (each round in a rotated order, so that no variant always runs first or
# right after the same neighbour). Printed: tps per variant per round, the median, the ratio of the medians to the
# app's and to the floor's, and the median of the per-round ratios to the app (a round's variants ran minutes apart,
# so that ratio is the less drift-prone of the two). After every run, rows booked (count(*) from appointments, or
# from floor_appointments) must equal the transactions pgbench counted, and no transaction may have failed; a run
# that breaks either is marked and left out of the medians.
#
# Throughput on a shared 2-core machine is noisy; so, when the server is on this machine, each run also measures the
# CPU its pgbench connections' backends spent per booking: utime+stime from /proc/<pid>/stat of those backends,
# sampled once all the clients are connected (1 s or more after the start) and again about 2 s before the end,
# divided by the rows booked in between (a run whose clients are not all connected within about 5 s more gets no
# figure). That leaves out what other processes do (and the WAL writer, checkpointer and autovacuum), so it is the
# steadier measure of what a schema item costs per booking.
#
# Environment: PGHOST PGPORT PGUSER (127.0.0.1 5432 postgres), ROUNDS (3), CLIENTS (16), SECONDS (10, per run),
# VARIANTS (space-separated; default: all, see below), CPU (1: measure backend CPU per booking; default 1 when
# PGHOST is 127.0.0.1 or localhost, else 0), OUT (the folder for the filled scripts and results.tsv;
# default a new folder under /tmp), KEEP=1 keeps the databases afterwards (default: dropped).
# Only databases named decomp_* are created or dropped.
set -euo pipefail

# SECONDS is bash's own clock: read the value the caller exported, not the shell's running count.
duration="$(printenv SECONDS || true)"
duration="${duration:-10}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
rounds="${ROUNDS:-3}"
clients="${CLIENTS:-16}"
keep="${KEEP:-0}"
case "$PGHOST" in 127.0.0.1 | localhost | ::1) measure_cpu="${CPU:-1}" ;; *) measure_cpu="${CPU:-0}" ;; esac
(( duration >= 4 )) || measure_cpu=0

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pgbench_dir="$(cd "$here/.." && pwd)"
root="$(cd "$here/../../../../../.." && pwd)"
migrations="${MIGRATIONS:-$root/adapters-postgres/src/main/resources/db/migration}"
out="${OUT:-$(mktemp -d /tmp/decompose.XXXXXX)}"
mkdir -p "$out"

all_variants="app floor no-generated-cols no-number-check no-fks no-listing-indexes no-patient-by-time no-by-time
no-outbox-extra-indexes bigint-key all-light no-history no-outbox"
read -r -a variants <<<"$(echo ${VARIANTS:-$all_variants})"

# As PgBench.java: 8 doctors per client, 20 patients per doctor, cap 1000, prefix AID, today's sequence, the first
# slot at 00:00 UTC the day after tomorrow, a 30-minute grid from slot index base (its first run's base).
doctors_per_client=8
patients_per_doctor=20
cap=1000
prefix=AID
day="$(date -u +%Y%m%d)"
sequence="appointment_number_seq_$day"
first_slot="$(date -u -d '+2 days' +%Y-%m-%dT00:00Z)"
base=10000000

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

for v in "${variants[@]}"; do
    [[ "$v" == floor || -f "$here/$v.sql" ]] || { echo "unknown variant $v (no $here/$v.sql)" >&2; exit 2; }
done
migration_files=()
while IFS= read -r f; do migration_files+=("$f"); done < <(ls "$migrations"/V*__*.sql | sort -V)
[[ ${#migration_files[@]} -gt 0 ]] || { echo "no migrations in $migrations" >&2; exit 2; }

# The filled scripts, once. PgBench.java's "booking-transaction": no doctor lookup, nothing after.
sed -e "s|{{HISTORY}}||g" \
    -e "s|{{SEQUENCE}}|$sequence|g" \
    -e "s|{{PREFIX}}|$prefix|g" \
    -e "s|{{DAY}}|$day|g" \
    -e "s|{{CAP}}|$cap|g" \
    -e "s|{{FIRST_SLOT}}|$first_slot|g" \
    -e "s|{{DOCTOR_LOOKUP}}|-- (the doctor lookup: see pgbench-booking-request.sql)|g" \
    -e "s|{{AFTER}}||g" \
    "$pgbench_dir/booking-transaction.sql" >"$out/booking.sql"
if grep -q '{{' "$out/booking.sql"; then echo "unfilled placeholder in $out/booking.sql" >&2; exit 2; fi
sed -e "s|{{FIRST_SLOT}}|$first_slot|g" "$pgbench_dir/floor.sql" >"$out/floor.sql"
for v in "${variants[@]}"; do
    [[ "$v" == floor ]] && continue
    if [[ -f "$here/$v.sed" ]]; then
        sed -f "$here/$v.sed" "$out/booking.sql" >"$out/booking-$v.sql"
        if cmp -s "$out/booking.sql" "$out/booking-$v.sql"; then echo "$v.sed changed nothing" >&2; exit 2; fi
    else
        cp "$out/booking.sql" "$out/booking-$v.sql"
    fi
done

# A fresh decomp_<variant>: the app's schema and the variant's ALTERs (or the floor's schema), doctors and patients.
prepare() {
    local v="$1" db="decomp_$1"
    PGOPTIONS='-c client_min_messages=warning' dropdb --if-exists "$db"
    createdb "$db"
    if [[ "$v" == floor ]]; then
        psql_q -d "$db" -f "$pgbench_dir/floor-schema.sql"
        return
    fi
    for f in "${migration_files[@]}"; do psql_q -d "$db" -f "$f"; done
    psql_q -d "$db" -f "$here/$v.sql"
    psql_q -d "$db" <<SQL
INSERT INTO doctors (id, name, specialty, email, time_zone, working_hours, slot_interval_minutes)
SELECT CAST('00000000-0000-4000-8000-' || lpad(to_hex(CAST(d AS bigint)), 12, '0') AS uuid),
       'Dr. Bench ' || d, 'General practice', 'dr' || d || '@bench.example', 'UTC',
       '{"monday": [{"start": "00:00", "end": "23:30"}]}', 30
  FROM generate_series(0, $((clients * doctors_per_client))) AS d;
INSERT INTO patients (id, name, email, created_at, updated_at, holds)
SELECT CAST('00000000-0000-4000-8000-' || lpad(to_hex(CAST(p AS bigint)), 12, '0') AS uuid),
       'Bench patient ' || p, NULL, now(), now(), 1
  FROM generate_series(0, $(((clients * doctors_per_client + doctors_per_client) * patients_per_doctor))) AS p;
CREATE SEQUENCE IF NOT EXISTS $sequence AS bigint START 1;
SQL
}

# The pids of the pgbench backends of $1, once all $clients of them are connected (up to 5 s); empty if they never are.
backends() {
    local db="$1" pids="" tries=0
    while (( tries++ < 50 )); do
        pids="$(psql -X -At -d "$db" -c "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'")"
        [[ $(wc -w <<<"$pids") -ge $clients ]] && { echo "$pids"; return; }
        sleep 0.1
    done
}

# The rows booked so far and the CPU (clock ticks) of the backends $3...: "<rows> <ticks>".
sample() {
    local db="$1" table="$2" rows pids ticks=0 pid t
    shift 2
    pids="$*"
    rows="$(psql -X -At -d "$db" -c "SELECT count(*) FROM $table")"
    for pid in $pids; do
        t="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"
        ticks=$((ticks + t))
    done
    echo "$rows $ticks"
}

# One pgbench run on a freshly prepared database; appends a line to results.tsv.
run() {
    local round="$1" v="$2" db="decomp_$2" script table log load
    if [[ "$v" == floor ]]; then script="$out/floor.sql"; table=floor_appointments
    else script="$out/booking-$v.sql"; table=appointments; fi
    prepare "$v"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    log="$out/r$round-$v.log"
    local started
    started="$(date +%s.%N)"
    pgbench -n -M prepared -f "$script" -c "$clients" -j 2 -T "$duration" -D n=0 -D base="$base" "$db" >"$log" 2>&1 &
    local bench=$! cpu=-
    if [[ "$measure_cpu" == 1 ]]; then
        local r0 t0 pids r1 t1 hz
        sleep 1
        pids="$(backends "$db")"
        # shellcheck disable=SC2086
        read -r r0 t0 < <(sample "$db" "$table" $pids)
        # until about 2 s before the end (clients that took long to connect shorten the window)
        sleep "$(awk -v s="$started" -v d="$duration" -v now="$(date +%s.%N)" \
            'BEGIN { w = s + d - 2 - now; printf "%.2f", (w > 0 ? w : 0) }')"
        # shellcheck disable=SC2086
        read -r r1 t1 < <(sample "$db" "$table" $pids)
        hz="$(getconf CLK_TCK)"
        if [[ -n "$pids" ]] && (( r1 > r0 && t1 > t0 )); then
            cpu="$(awk -v t=$((t1 - t0)) -v r=$((r1 - r0)) -v hz="$hz" 'BEGIN { printf "%.0f", t / hz * 1e6 / r }')"
        fi
    fi
    wait "$bench" || { echo "pgbench failed for $v (round $round): see $log" >&2; tail -5 "$log" >&2; }
    local tps tx failed lat rows ok=ok
    tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$log")"
    tx="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$log")"
    failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$log")"
    lat="$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$log")"
    rows="$(psql -X -At -d "$db" -c "SELECT count(*) FROM $table")"
    # The booking's other rows, to see that each variant wrote what it should: its audit lines and outbox rows.
    local lines=- events=-
    if [[ "$v" != floor ]]; then
        lines="$(psql -X -At -d "$db" -c "SELECT count(*) FROM appointment_history")"
        events="$(psql -X -At -d "$db" -c "SELECT count(*) FROM outbox")"
    fi
    tps="${tps:-0}" tx="${tx:-0}" failed="${failed:-0}" lat="${lat:-0}"
    if [[ "$tx" == 0 || "$rows" != "$tx" || "$failed" != 0 ]]; then ok=BAD; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$round" "$v" "$tps" "$tx" "$rows" "$failed" "$lat" "$load" "$ok" "$lines" "$events" "$cpu" \
        >>"$out/results.tsv"
    printf '  round %s  %-24s %8.1f tps  %4s us cpu/booking  %7s tx  %7s rows (%s audit, %s outbox)  %s failed  %6s ms  load %s  %s\n' \
        "$round" "$v" "$tps" "$cpu" "$tx" "$rows" "$lines" "$events" "$failed" "$lat" "$load" "$ok"
    if [[ "$keep" != 1 ]]; then dropdb --if-exists "$db"; fi
}

echo "decompose: ${#variants[@]} variants, $rounds rounds, $clients clients, ${duration}s per run, -M prepared -j 2$(
    [[ "$measure_cpu" == 1 ]] && echo ", backend CPU per booking measured")"
echo "  server $PGHOST:$PGPORT as $PGUSER; scripts and logs in $out"
printf 'round\tvariant\ttps\ttransactions\trows\tfailed\tlatency_ms\tload1\tok\taudit_lines\toutbox_rows\tbackend_cpu_us_per_booking\n' >"$out/results.tsv"
n=${#variants[@]}
for ((r = 1; r <= rounds; r++)); do
    echo "round $r: uptime:$(uptime | sed 's/.*load average/ load average/')"
    for ((i = 0; i < n; i++)); do
        run "$r" "${variants[$(((i + r - 1) % n))]}"
    done
done
echo "end: uptime:$(uptime | sed 's/.*load average/ load average/')"

# The summary: per-round tps, median, ratios of medians to app and floor, median of the per-round ratios to app.
echo
awk -F'\t' -v order="${variants[*]}" -v rounds="$rounds" '
    function median(a, k,   i, j, t, m) {
        for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        if (k == 0) return 0
        return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    NR > 1 { tps[$2, $1] = $3; good[$2, $1] = ($9 == "ok"); cpu[$2, $1] = $12; anycpu = anycpu || ($12 != "-") }
    END {
        nv = split(order, vs, " ")
        for (x = 1; x <= nv; x++) {
            v = vs[x]; k = 0; delete a
            for (r = 1; r <= rounds; r++) if (good[v, r]) a[++k] = tps[v, r]
            med[v] = median(a, k)
        }
        printf "%-24s", "variant"
        for (r = 1; r <= rounds; r++) printf " %9s", "round " r
        printf " %9s %8s %8s %12s\n", "median", "x app", "x floor", "x app paired"
        for (x = 1; x <= nv; x++) {
            v = vs[x]; printf "%-24s", v
            for (r = 1; r <= rounds; r++) printf " %9s", good[v, r] ? sprintf("%.1f", tps[v, r]) : "(bad)"
            k = 0; delete a
            for (r = 1; r <= rounds; r++) if (good[v, r] && good["app", r] && tps["app", r] > 0) a[++k] = tps[v, r] / tps["app", r]
            printf " %9.1f %8s %8s %12s\n", med[v],
                (med["app"] > 0 ? sprintf("%.3f", med[v] / med["app"]) : "-"),
                (med["floor"] > 0 ? sprintf("%.3f", med[v] / med["floor"]) : "-"),
                (k > 0 ? sprintf("%.3f", median(a, k)) : "-")
        }
        if (!anycpu) exit
        printf "\nbackend CPU per booking (us)\n%-24s", "variant"
        for (r = 1; r <= rounds; r++) printf " %9s", "round " r
        printf " %9s %12s\n", "median", "- app (us)"
        for (x = 1; x <= nv; x++) {
            v = vs[x]; k = 0; delete a
            for (r = 1; r <= rounds; r++) if (good[v, r] && cpu[v, r] != "-") a[++k] = cpu[v, r]
            cmed[v] = median(a, k); ck[v] = k
        }
        for (x = 1; x <= nv; x++) {
            v = vs[x]; printf "%-24s", v
            for (r = 1; r <= rounds; r++) printf " %9s", good[v, r] ? cpu[v, r] : "(bad)"
            printf " %9s %12s\n", ck[v] ? sprintf("%.0f", cmed[v]) : "-",
                (ck[v] && ck["app"] ? sprintf("%+.0f", cmed[v] - cmed["app"]) : "-")
        }
    }' "$out/results.tsv" | tee "$out/summary.txt"
