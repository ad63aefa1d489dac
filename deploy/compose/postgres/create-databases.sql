-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d).
-- One database per service that owns data; each service's Flyway migrations create its tables.
CREATE DATABASE agreements;
CREATE DATABASE credits;
