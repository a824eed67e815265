# no-outbox (measurement only): take the outbox CTE out of the booking.
/^), event AS ($/,/^      FROM booked, unnest(CAST('{notifications,webhooks}' AS text\[\])) AS c$/d
