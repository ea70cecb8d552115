# Stand-in for caddy:2, built only when the official image can be neither found nor pulled (no
# registry): Debian bookworm's Caddy 2.6.2 binary (the host's), laid out as the official image is
# (config in /etc/caddy, state in /data and /config, which docker-compose.yml mounts as volumes).
FROM rollcall-stand-in/bookworm
LABEL stand-in="caddy:2 as Debian Caddy 2.6.2"
COPY caddy /usr/bin/caddy
# The base has no ca-certificates package: the host's bundle stands in (for ACME's own HTTPS).
RUN mkdir -p /config/caddy /data/caddy /etc/caddy /usr/share/caddy \
 && cp /etc/ssl/certs/host-ca-bundle.crt /etc/ssl/certs/ca-certificates.crt
ENV XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data
EXPOSE 80 443 443/udp
WORKDIR /srv
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
