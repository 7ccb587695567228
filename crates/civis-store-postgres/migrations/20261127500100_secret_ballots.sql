-- Secret ballots. Each process's credential issuer key (RFC 9474 RSA, PKCS#8
-- DER: private); which residents obtained the process's credential (never which
-- credential: the issuer signs a blinded message); per credential token, the
-- last submission number in the process's ballot log (tlog_* with log
-- 'process/<id>'). Nothing here links an account to a token.
CREATE TABLE ballot_issuers (
    process_id BIGINT PRIMARY KEY REFERENCES pb_processes (id),
    secret_key BYTEA  NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE ballot_credentials (
    process_id BIGINT NOT NULL REFERENCES pb_processes (id),
    user_id    BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (process_id, user_id)
);

CREATE TABLE ballot_tokens (
    process_id BIGINT NOT NULL REFERENCES pb_processes (id),
    token      BYTEA  NOT NULL CHECK (length(token) = 32),
    last_seq   BIGINT NOT NULL CHECK (last_seq > 0),
    PRIMARY KEY (process_id, token)
);

CREATE FUNCTION ballot_tokens_grow_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.last_seq <= OLD.last_seq
       OR NEW.token <> OLD.token OR NEW.process_id <> OLD.process_id THEN
        RAISE EXCEPTION 'ballot_tokens only grow (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ballot_tokens_only_grow
    BEFORE UPDATE OR DELETE ON ballot_tokens
    FOR EACH ROW EXECUTE FUNCTION ballot_tokens_grow_only();

CREATE FUNCTION ballot_credentials_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issued credentials are never forgotten (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER ballot_credentials_no_update_delete
    BEFORE UPDATE OR DELETE ON ballot_credentials
    FOR EACH STATEMENT EXECUTE FUNCTION ballot_credentials_kept();
