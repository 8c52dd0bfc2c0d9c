# Stops the local launcher's jobs (trainers, local KubernetesJobOperator tasks) that outlived their
# worker. Sourced by ./atelier (`down`); the tests source it too.
#
# Each job has a pid file (activities/.../jobs/JobPidFile.java): `job.pid` in a trial's work folder,
# `<job name>.job.pid` beside a job's log, one line `<pid> <start millis>`. The start time is what
# Java's ProcessHandle reports on Linux: /proc/stat's btime in ms plus /proc/<pid>/stat's start
# ticks in ms, so a pid the system has since given to another program is left alone.

proc_start_millis() { # pid -> the process's start time in ms since the epoch, as Java computes it
  local stat btime hz rest
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # Field 2 (the command name) may hold spaces; fields 3.. follow its last ')'.
  read -r -a rest <<<"${stat##*) }"
  btime=$(awk '/^btime/ {print $2}' /proc/stat)
  hz=$(getconf CLK_TCK)
  echo $((btime * 1000 + rest[19] * 1000 / hz)) # rest[0] is field 3: start ticks are field 22
}

any_alive() { # pid... -> true while one of them runs
  local pid
  for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done
  return 1
}

# SIGTERM (a trainer checkpoints and exits 75), wait up to GRACE seconds for all, then SIGKILL.
stop_local_jobs() { # dir grace_seconds -> prints how many were stopped
  local dir=$1 grace=$2 f pid start live=() children=()
  while IFS= read -r f; do
    read -r pid start _ <"$f" 2>/dev/null || { rm -f "$f"; continue; }
    if [[ "$pid" =~ ^[0-9]+$ ]] && [ "$(proc_start_millis "$pid" 2>/dev/null)" = "$start" ]; then
      live+=("$pid")
      # A job started through a shell: its children get the signal too.
      mapfile -t -O "${#children[@]}" children < <(ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ')
    fi
    rm -f "$f"
  done < <(find "$dir" \( -name pgdata -o -name s3 -o -name mlartifacts -o -name djl \) -prune \
    -o -type f \( -name job.pid -o -name '*.job.pid' \) -print 2>/dev/null)
  local all=("${live[@]}" "${children[@]}")
  if [ ${#all[@]} -gt 0 ]; then
    kill -TERM "${all[@]}" 2>/dev/null || true
    for _ in $(seq 1 $((grace * 10))); do
      any_alive "${all[@]}" || break
      sleep 0.1
    done
    for pid in "${all[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  fi
  echo "atelier: stopped ${#live[@]} local job(s) under $dir"
}
