# Stand-in for mysql:8.4, built only when the official image can be neither found nor pulled (no
# registry): Debian bookworm's MariaDB 10.11, with an entrypoint that honours the MYSQL_* variables
# docker-compose.yml sets, so the compose file runs unchanged. MariaDB is also what the tests and
# `pnpm reliability` use; MySQL 8.4 itself is not exercised by this stand-in.
FROM rollcall-stand-in/bookworm
LABEL stand-in="mysql:8.4 as Debian MariaDB 10.11"
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-server mariadb-client \
 && rm -rf /var/lib/apt/lists/* /var/lib/mysql/* && mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql
COPY mysql-entrypoint.sh /usr/local/bin/entrypoint.sh
VOLUME /var/lib/mysql
EXPOSE 3306
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["mariadbd"]
