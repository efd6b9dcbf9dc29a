-- A fulfilment task names the order it fulfils, so that the order's cancellation or expiry can cancel it (before,
-- only its title did). Other tasks have none. One task per order: a second would be a bug, refused here.
ALTER TABLE task ADD COLUMN order_id uuid;
CREATE UNIQUE INDEX task_order_key ON task (order_id) WHERE order_id IS NOT NULL;

-- Tasks created from order.placed before this migration: linked by their title, but only those the queue consumer
-- created for its own warehouse subject (their CREATE audit row came through the queue, by the task's owner) and
-- whose order exists, so that a task someone titled so by hand is never taken for one. The earliest per order.
UPDATE task t
SET order_id = linked.order_id
FROM (
    SELECT DISTINCT ON (o.id) t2.id AS task_id, o.id AS order_id
    FROM task t2
    JOIN customer_order o ON o.id::text = substring(t2.title FROM '^Pick and pack order ([0-9a-f-]{36})$')
    WHERE EXISTS (SELECT 1 FROM audit_entry a
                  WHERE a.entity_type = 'task' AND a.entity_id = t2.id::text AND a.action = 'CREATE'
                    AND a.origin = 'QUEUE' AND a.actor = t2.owner_id)
    ORDER BY o.id, t2.created_at, t2.id
) linked
WHERE t.id = linked.task_id;
