#!/bin/sh
# A streaming replica of this machine's PostgreSQL as a second cluster on the same host,
# built with Debian's own tools (pg_createcluster, pg_basebackup). Run as root, once:
#   scripts/replica-cluster.sh            # creates (if missing) and starts the replica on port 5433
# Then COORDO_REPLICA_DATABASE_URL=postgres://postgres@127.0.0.1:5433/coordo sends the
# reports, figures and exports there (coordo/replica.py). docs/production.md says more.
set -eu
VERSION="${PG_VERSION:-$(ls /etc/postgresql | sort -n | tail -1)}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
REPLICA_PORT="${REPLICA_PORT:-5433}"
NAME="${REPLICA_CLUSTER:-replica}"
HBA="/etc/postgresql/$VERSION/main/pg_hba.conf"
DATA="/var/lib/postgresql/$VERSION/$NAME"

# The primary must let a replication connection in from this host.
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]' "$HBA"; then
  echo "host replication all 127.0.0.1/32 trust" >> "$HBA"
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" main reload
fi

if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$NAME"; then
  pg_createcluster "$VERSION" "$NAME" --port "$REPLICA_PORT" >/dev/null
  # pg_basebackup fills the empty directory pg_createcluster made (owned by postgres).
  find "$DATA" -mindepth 1 -delete
  # -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
  # The replica lets in the same clients as the primary (its read-only queries).
  cp "$HBA" "/etc/postgresql/$VERSION/$NAME/pg_hba.conf"
  su postgres -c "pg_basebackup -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D $DATA -R -X stream -c fast"
fi
if ! pg_lsclusters -h | awk -v n="$NAME" '$2 == n {print $4}' | grep -q '^online'; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start
fi
pg_lsclusters | awk -v n="$NAME" 'NR == 1 || $2 == n'
