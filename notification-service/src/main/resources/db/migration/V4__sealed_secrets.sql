-- A one-time secret an email carries (the token of a set-password link) is kept apart from the stored body,
-- encrypted, only until the email is sent, suppressed or given up; the body holds a placeholder instead.
ALTER TABLE delivery ADD COLUMN sealed_secret TEXT;

-- invitations an older version stored with the usable link in the body: the token is removed from those
-- already sent or given up (one still queued goes out as it is)
UPDATE delivery
SET text_body = regexp_replace(text_body, 'token=[A-Za-z0-9_-]+', 'token=removed', 'g'),
    html_body = regexp_replace(html_body, 'token=[A-Za-z0-9_-]+', 'token=removed', 'g')
WHERE kind = 'user-invited' AND status NOT IN ('QUEUED', 'SENDING');
