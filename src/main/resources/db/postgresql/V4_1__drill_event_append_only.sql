-- PostgreSQL only: the drill log is the truth, so nothing but an append may change it.
CREATE FUNCTION drill_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'drill_event is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER drill_event_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON drill_event
    FOR EACH STATEMENT EXECUTE FUNCTION drill_event_append_only();
