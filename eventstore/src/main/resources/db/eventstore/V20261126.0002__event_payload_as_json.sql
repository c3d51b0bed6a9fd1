-- jsonb reorders object members; events are replayed for rebuilds and "as of" reads and must come
-- back exactly as they were written, so the payload is kept as json (text, validated).
alter table es_event alter column payload type json using payload::text::json;
