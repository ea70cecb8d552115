#!/bin/bash
# The mysql image's first-start setup, for the MariaDB stand-in (mysql.Dockerfile): on an empty data
# directory, set MYSQL_ROOT_PASSWORD and create MYSQL_DATABASE and MYSQL_USER/MYSQL_PASSWORD.
set -euo pipefail
# `command:` in docker-compose.yml passes only flags, as the official image allows.
if [ "${1:0:1}" = '-' ]; then set -- mariadbd "$@"; fi
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql
if [ ! -d /var/lib/mysql/mysql ]; then
  echo "entrypoint: initialising the data directory"
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db --auth-root-authentication-method=normal >/dev/null
  # Without networking, so nothing (the API's health wait) connects before the users exist.
  "$@" --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  for _ in $(seq 60); do mariadb --socket=/run/mysqld/init.sock -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
  mariadb --socket=/run/mysqld/init.sock -uroot <<SQL
ALTER USER 'root'@'localhost' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}';
CREATE USER 'root'@'%' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}';
GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE}\`;
CREATE USER '${MYSQL_USER}'@'%' IDENTIFIED BY '${MYSQL_PASSWORD}';
GRANT ALL ON \`${MYSQL_DATABASE}\`.* TO '${MYSQL_USER}'@'%';
SQL
  kill "$pid"
  wait "$pid" || true
  echo "entrypoint: initialised"
fi
exec "$@" --user=mysql --bind-address=0.0.0.0
