-- Each time-off entry gets an id, so that an administrator can list and remove one (API.md). Entries stored
-- before this have none: give each one now, keeping their order.
UPDATE doctors
   SET time_off = (SELECT jsonb_agg(CASE WHEN entry ? 'id' THEN entry
                                         ELSE entry || jsonb_build_object('id', gen_random_uuid()::text) END
                                    ORDER BY position)
                     FROM jsonb_array_elements(time_off) WITH ORDINALITY AS t(entry, position))
 WHERE jsonb_array_length(time_off) > 0;
