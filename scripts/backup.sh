#!/usr/bin/env bash
# Backs up Rollcall's database, or restores a backup into a new, empty one and checks it
# (docs/backup.md). The database is the API's own DATABASE_URL: mysql://… or sqlite:… (unset: the
# embedded ./data/rollcall.sqlite, as the API uses).
#
#   scripts/backup.sh backup [DIR]   write DIR/rollcall-<UTC time>.sql.gz (MySQL) or .sqlite.gz (SQLite),
#                                    then keep the newest BACKUP_KEEP (default 14) of that kind in DIR
#   scripts/backup.sh restore FILE   load FILE into DATABASE_URL, which must be empty or absent, then run
#                                    the API's consistency check on it (exit 1 if it finds a problem)
#
# BACKUP_COMPOSE_SERVICE=mysql runs mysqldump/mysql inside that docker compose service (as its root,
# with MYSQL_ROOT_PASSWORD from the container) and the check inside the `api` service; DATABASE_URL is
# then the address as the api container sees it (mysql://rollcall:…@mysql:3306/rollcall).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEEP="${BACKUP_KEEP:-14}"
COMPOSE_SERVICE="${BACKUP_COMPOSE_SERVICE:-}"
URL="${DATABASE_URL:-sqlite:./data/rollcall.sqlite}"
# Embeddings are binary (BLOB): --hex-blob keeps them byte-exact whatever the client's character set.
DUMP_OPTIONS=(--single-transaction --routines --triggers --hex-blob --no-tablespaces --default-character-set=utf8mb4)

die() {
  echo "backup.sh: $*" >&2
  exit 2
}

# mysql://user:password@host:port/database, percent-decoded, one field a line.
mysql_fields() {
  node -e '
    const u = new URL(process.argv[1]);
    const d = decodeURIComponent;
    console.log([d(u.username), d(u.password), u.hostname, u.port || "3306", d(u.pathname.slice(1))].join("\n"));
  ' "$URL"
}

# A client option file (mode 600, removed on exit) so the password is never on a command line.
mysql_defaults() {
  local user password host port
  { read -r user; read -r password; read -r host; read -r port; read -r DB_NAME; } < <(mysql_fields)
  [[ -n "$DB_NAME" ]] || die "DATABASE_URL names no database"
  DEFAULTS="$(mktemp)"
  trap 'rm -f "$DEFAULTS"' EXIT
  local quote='s/\\/\\\\/g; s/"/\\"/g'
  printf '[client]\nuser="%s"\npassword="%s"\nhost="%s"\nport=%s\n' \
    "$(sed "$quote" <<<"$user")" "$(sed "$quote" <<<"$password")" "$host" "$port" >"$DEFAULTS"
}

client() { # client mysqldump|mysql ARGS…: the MySQL client, here or in the compose service
  local tool="$1"
  shift
  if [[ -n "$COMPOSE_SERVICE" ]]; then
    docker compose exec -T "$COMPOSE_SERVICE" sh -c "exec $tool -uroot -p\"\$MYSQL_ROOT_PASSWORD\" \"\$@\"" "$tool" "$@"
  else
    local bin="$tool"
    [[ "$tool" == mysqldump ]] && ! command -v mysqldump >/dev/null && bin=mariadb-dump
    "$bin" --defaults-extra-file="$DEFAULTS" "$@"
  fi
}

sqlite_file() {
  local file="${URL#sqlite:}"
  file="${file#//}"
  [[ -n "$file" ]] || die "sqlite: needs a file path"
  echo "$file"
}

# A consistent copy of a live SQLite database; VACUUM INTO leaves out free pages (deleted rows).
sqlite_copy() {
  local from="$1" to="$2"
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$from" "VACUUM INTO '${to//\'/\'\'}'"
  else
    node -e '
      const Database = require(require("node:module").createRequire(process.argv[1]).resolve("better-sqlite3"));
      const db = new Database(process.argv[2], { fileMustExist: true });
      db.prepare("VACUUM INTO ?").run(process.argv[3]);
      db.close();
    ' "$ROOT/apps/api/package.json" "$from" "$to"
  fi
}

backup() {
  local dir="${1:-${BACKUP_DIR:-./backups}}" stamp kind out
  mkdir -p "$dir"
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  if [[ "$URL" == mysql://* ]]; then
    kind=sql
    out="$dir/rollcall-$stamp.sql.gz"
    mysql_defaults
    client mysqldump "${DUMP_OPTIONS[@]}" "$DB_NAME" | gzip >"$out.partial"
  else
    kind=sqlite
    out="$dir/rollcall-$stamp.sqlite.gz"
    local file
    file="$(sqlite_file)"
    [[ -f "$file" ]] || die "no SQLite database at $file"
    rm -f "$out.copy"
    sqlite_copy "$file" "$out.copy"
    gzip -c "$out.copy" >"$out.partial"
    rm -f "$out.copy"
  fi
  # Only a finished backup gets its name, so a failed night never replaces a good one.
  mv "$out.partial" "$out"
  echo "Backed up to $out ($(du -h "$out" | cut -f1))"
  ls -1t "$dir"/rollcall-*."$kind".gz | tail -n +"$((KEEP + 1))" | while read -r old; do
    rm -f "$old"
    echo "Removed old backup $old"
  done
}

check() {
  if [[ -n "$COMPOSE_SERVICE" ]]; then
    docker compose exec -T -e DATABASE_URL="$URL" api node dist/check.js
  elif [[ -f "$ROOT/apps/api/dist/check.js" ]]; then
    DATABASE_URL="$URL" node "$ROOT/apps/api/dist/check.js"
  else
    (cd "$ROOT" && DATABASE_URL="$URL" node --import tsx apps/api/src/check.ts)
  fi
}

restore() {
  local from="${1:-}"
  [[ -f "$from" ]] || die "restore needs a backup file (scripts/backup.sh restore FILE)"
  if [[ "$URL" == mysql://* ]]; then
    [[ "$from" == *.sql.gz ]] || die "$from is not a MySQL backup (.sql.gz)"
    mysql_defaults
    # The same character set and binary collation the API's migrations use.
    client mysql -e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
    local tables
    tables="$(client mysql -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$DB_NAME'")"
    [[ "$tables" == 0 ]] || die "database $DB_NAME already has $tables tables: restore into a new, empty one"
    gunzip -c "$from" | client mysql "$DB_NAME"
  else
    [[ "$from" == *.sqlite.gz ]] || die "$from is not a SQLite backup (.sqlite.gz)"
    local file
    file="$(sqlite_file)"
    [[ ! -e "$file" ]] || die "$file exists: stop the API and move it aside, or restore to another path"
    mkdir -p "$(dirname "$file")"
    gunzip -c "$from" >"$file.partial"
    mv "$file.partial" "$file"
  fi
  echo "Restored $from; checking it:"
  check
}

case "${1:-}" in
  backup) backup "${2:-}" ;;
  restore) restore "${2:-}" ;;
  *)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
