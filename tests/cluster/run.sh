#!/usr/bin/env bash
# Stand up a single-node SLURM cluster from Debian's packages (no systemd, no accounting database), run the
# .test scenario "smaa_chunks" (or SCENARIO=...) through profiles/slurm and locally, check that their results are byte-identical,
# and stop every daemon this script started, by process id, whatever happened. Exit 0 only when all of that held.
# Needs root (as CI has). Bounded: every wait and every run has a time limit. Usage: bash tests/cluster/run.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
scenario="${SCENARIO:-smaa_chunks}"       # a .test scenario, or "default" for the shipped config and data
config_args=(--configfile ".test/config/$scenario.yaml")
[ "$scenario" = default ] && config_args=()
limit="${CLUSTER_RUN_LIMIT:-900}"   # seconds for each workflow run
work="$(mktemp -d /tmp/porteval-cluster.XXXXXX)"
started=()                           # pids of the daemons this script started, in start order

say() { printf '== %s\n' "$*"; }

stop_daemons() {
    local status=$?
    for ((i = ${#started[@]} - 1; i >= 0; i--)); do
        pid="${started[i]}"
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
    if ((${#started[@]})); then say "stopped daemons: ${started[*]}"; fi
    if [ -n "${conf_written:-}" ]; then
        if [ -f "$work/slurm.conf.before" ]; then mv "$work/slurm.conf.before" /etc/slurm/slurm.conf; else rm -f /etc/slurm/slurm.conf; fi
    fi
    if [ "$status" -ne 0 ] && [ -d "$work" ]; then
        for log in "$work"/slurm/.snakemake/slurm_logs/*/*/*.log; do [ -f "$log" ] && { echo "--- $log"; tail -15 "$log"; }; done
        for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- $log"; tail -20 "$log"; }; done
    fi
    exit "$status"
}
trap stop_daemons EXIT

if [ "$(id -u)" -ne 0 ]; then echo "tests/cluster/run.sh: needs root (to install and start SLURM)" >&2; exit 2; fi

say "packages"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
    || ! command -v sbatch >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    timeout 300 apt-get update -qq
    timeout 600 apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
fi

say "munge"
if ! pgrep -x munged >/dev/null; then
    mkdir -p /run/munge /var/log/munge /var/lib/munge /etc/munge
    [ -s /etc/munge/munge.key ] || mungekey --create --keyfile /etc/munge/munge.key
    chown -R munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge
    chmod 0700 /etc/munge /var/log/munge /var/lib/munge
    chmod 0400 /etc/munge/munge.key
    runuser -u munge -- munged --pid-file=/run/munge/munged.pid
    for _ in $(seq 1 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.2; done
    started+=("$(cat /run/munge/munged.pid)")
fi

say "slurm.conf for $(hostname -s): $(nproc) cores, $(( $(free -m | awk '/^Mem:/ {print $2}') * 9 / 10 )) MB"
host="$(hostname -s)"
mkdir -p "$work/state" "$work/spool" /etc/slurm
# The default place, which the job steps' srun reads too; any earlier file is put back at the end.
[ -f /etc/slurm/slurm.conf ] && cp -p /etc/slurm/slurm.conf "$work/slurm.conf.before"
conf=/etc/slurm/slurm.conf
cat >"$conf" <<EOF
ClusterName=porteval
SlurmctldHost=$host
AuthType=auth/munge
SlurmUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
MinJobAge=300
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host CPUs=$(nproc) RealMemory=$(( $(free -m | awk '/^Mem:/ {print $2}') * 9 / 10 )) State=UNKNOWN
PartitionName=porteval Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
conf_written=1

say "slurmctld and slurmd"
slurmctld -f "$conf"
for _ in $(seq 1 50); do [ -s "$work/slurmctld.pid" ] && break; sleep 0.2; done
started+=("$(cat "$work/slurmctld.pid")")
slurmd -f "$conf"
for _ in $(seq 1 50); do [ -s "$work/slurmd.pid" ] && break; sleep 0.2; done
started+=("$(cat "$work/slurmd.pid")")
for _ in $(seq 1 60); do
    state="$(sinfo -h -o '%T' 2>/dev/null | head -1 || true)"
    [ "$state" = "idle" ] && break
    sleep 1
done
[ "$state" = "idle" ] || { echo "the node did not become idle (state: ${state:-none})" >&2; exit 1; }
timeout 60 sbatch --wait --quiet --wrap true -o /dev/null
say "the cluster runs jobs (sbatch --wait)"

copy() {  # the project's files, as a fresh clone would have them
    mkdir -p "$1"
    (cd "$root" && git ls-files -co --exclude-standard | grep -v '^results/' | tar -cf - -T -) | (cd "$1" && tar -xf -)
}
copy "$work/local"
copy "$work/slurm"

say "scenario $scenario, locally"
start=$(date +%s)
(cd "$work/local" && timeout "$limit" python -m snakemake --cores 2 --quiet rules "${config_args[@]}") \
    >"$work/local.log" 2>&1
local_s=$(($(date +%s) - start))

say "scenario $scenario, through profiles/slurm"
start=$(date +%s)
(cd "$work/slurm" && timeout "$limit" python -m snakemake --profile profiles/slurm "${config_args[@]}") \
    >"$work/slurm-run.log" 2>&1
slurm_s=$(($(date +%s) - start))
submitted=$(grep -c "Job .* has been submitted with SLURM jobid" "$work/slurm-run.log" || true)

say "results compared"
(cd "$work/local/results" && find . -type f | sort | xargs sha256sum) >"$work/local.sums"
(cd "$work/slurm/results" && find . -type f | sort | xargs sha256sum) >"$work/slurm.sums"
if ! diff -u "$work/local.sums" "$work/slurm.sums"; then
    echo "results through SLURM differ from the local run's" >&2
    exit 1
fi
[ "$submitted" -gt 0 ] || { echo "no job was submitted to SLURM" >&2; exit 1; }
echo "$(wc -l <"$work/local.sums") result files byte-identical; $submitted jobs submitted to SLURM;" \
    "wall time ${slurm_s}s through SLURM, ${local_s}s locally"
if [ -n "${CLUSTER_RECORD:-}" ]; then  # a row for benchmarks/cluster_runs.tsv (benchmarks/run_benchmarks.py reads it)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$scenario" "$slurm_s" "$local_s" "$submitted" \
        "$(wc -l <"$work/local.sums")" >>"$CLUSTER_RECORD"
fi
rm -rf "$work/local" "$work/slurm"
