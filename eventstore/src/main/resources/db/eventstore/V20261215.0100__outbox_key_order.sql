-- The rows of one key in id order (ADR 0071): a row handed over directly names the row of its key
-- before it, which its receiver must have applied first; the relay looks it up here.
create index es_outbox_key_order on es_outbox (topic, message_key, id);
