-- One-time set-up of the database that Spotter daemons share (run as a PostgreSQL superuser):
--   sudo -u postgres psql -f deploy/postgres/setup.sql
--   sudo -u postgres psql -c '\password spotter'      -- the password that goes into /etc/spotter/db-password
-- The daemons create their tables themselves (frozen migrations, applied once under an advisory
-- lock), so the role owns the database and needs no other rights.
--
-- pg_hba.conf, for daemons on other machines (scram-sha-256 over TLS):
--   hostssl  spotter  spotter  10.0.0.0/24  scram-sha-256
--
-- PostgreSQL 11 or newer: the workout write is a procedure that commits (migration v3).
--
-- Server settings that matter (postgresql.conf):
--   synchronous_commit = on     -- the default; keep it: a workout is acknowledged only once on disk
--   max_connections >= 20 per daemon + what else connects (each daemon's pool holds up to 20)
CREATE ROLE spotter LOGIN;
CREATE DATABASE spotter OWNER spotter ENCODING 'UTF8' TEMPLATE template0;
