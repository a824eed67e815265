-- The table of db-scheduler 16.x (com.github.kagkarlsson:db-scheduler, Apache License 2.0), which the bootstrap's
-- jobs run on: each recurring execution is picked by one instance only, through this table. Copied from the project's
-- PostgreSQL schema (db-scheduler/src/test/resources/postgresql_tables.sql as of the 16.x releases, before the later
-- "state" column), so that Flyway owns every schema change; the columns are those 16.12.0's JdbcTaskRepository reads
-- and writes. When db-scheduler is upgraded, add its schema changes as a new migration.

CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
