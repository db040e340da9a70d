-- Roles and database for the compose quick start (run once by the postgres image on an empty
-- volume). The passwords are for a laptop demonstration only; see README.md for a real server.
CREATE ROLE voorveld_owner LOGIN CREATEROLE PASSWORD 'voorveld-owner-demo';
CREATE ROLE voorveld_service NOLOGIN NOSUPERUSER NOBYPASSRLS;
CREATE ROLE voorveld_cijfers NOLOGIN NOSUPERUSER NOBYPASSRLS;
GRANT voorveld_service TO voorveld_owner WITH ADMIN OPTION;
GRANT voorveld_cijfers TO voorveld_owner WITH ADMIN OPTION;
CREATE ROLE voorveld_app LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'voorveld-app-demo' IN ROLE voorveld_service;
CREATE DATABASE voorveld OWNER voorveld_owner;
\connect voorveld
GRANT CREATE ON SCHEMA public TO voorveld_owner, voorveld_cijfers;
